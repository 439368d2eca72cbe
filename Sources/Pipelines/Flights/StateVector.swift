// One row of an OpenSky `/states/all` snapshot, as read from either input layout (flights.md
// §1), in the units OpenSky serves: metres, metres per second, unix seconds. Fields that were
// null, absent or of the wrong type are nil; `readProblems` says which were of the wrong type
// (and whether the row's shape was wrong) so validation reports them with the fields that did read.
// This is the row with a String per text field, for tests and callers that look at one
// snapshot; the hourly action reads rows as `StateRow`s, which hold no String.


/// A state vector as served, before validation and unit conversion.
public struct StateVector: Sendable, Equatable {
    public var icao24: String?
    public var callsign: String?
    public var originCountry: String?
    /// Unix seconds of the last position update.
    public var timePosition: Int64?
    /// Unix seconds of the last message of any kind.
    public var lastContact: Int64?
    public var longitude: Double?
    public var latitude: Double?
    /// Barometric altitude in metres.
    public var baroAltitude: Double?
    public var onGround: Bool
    /// Ground speed in metres per second.
    public var velocity: Double?
    public var trueTrack: Double?
    /// Metres per second, positive when climbing.
    public var verticalRate: Double?
    public var geoAltitude: Double?
    public var squawk: String?
    public var spi: Bool
    public var positionSource: Int32?
    public var category: Int32?
    /// What reading found wrong: `bad_shape` for the row, `bad_type` for a field.
    public var readProblems: [RowProblem]

    public init(
        icao24: String? = nil, callsign: String? = nil, originCountry: String? = nil,
        timePosition: Int64? = nil, lastContact: Int64? = nil, longitude: Double? = nil,
        latitude: Double? = nil, baroAltitude: Double? = nil, onGround: Bool = false,
        velocity: Double? = nil, trueTrack: Double? = nil, verticalRate: Double? = nil,
        geoAltitude: Double? = nil, squawk: String? = nil, spi: Bool = false,
        positionSource: Int32? = nil, category: Int32? = nil, readProblems: [RowProblem] = []
    ) {
        self.icao24 = icao24
        self.callsign = callsign
        self.originCountry = originCountry
        self.timePosition = timePosition
        self.lastContact = lastContact
        self.longitude = longitude
        self.latitude = latitude
        self.baroAltitude = baroAltitude
        self.onGround = onGround
        self.velocity = velocity
        self.trueTrack = trueTrack
        self.verticalRate = verticalRate
        self.geoAltitude = geoAltitude
        self.squawk = squawk
        self.spi = spi
        self.positionSource = positionSource
        self.category = category
        self.readProblems = readProblems
    }

    /// The time the observation describes: the position time, or the last contact without one.
    public var observationTime: Int64? { timePosition ?? lastContact }
}
