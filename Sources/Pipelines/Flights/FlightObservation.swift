// A kept row of the hourly Parquet (flights.md §3): the state as served, its converted and
// derived columns, enrichment from the reference tables, and its quality. Built once per kept
// row; the Parquet columns are read straight off these fields.

/// One kept observation of one aircraft.
public struct FlightObservation: Sendable, Equatable {
    /// Unix seconds of the snapshot that carried the row.
    public var snapshotTime: Int64
    public var icao24: String
    public var callsign: String?
    public var originCountry: String?
    public var timePosition: Int64?
    public var lastContact: Int64
    public var longitude: Double
    public var latitude: Double
    public var baroAltitudeMetres: Double?
    public var geoAltitudeMetres: Double?
    public var onGround: Bool
    public var velocityMetresPerSecond: Double?
    public var trueTrack: Double?
    public var verticalRateMetresPerSecond: Double?
    public var squawk: String?
    public var spi: Bool
    public var positionSource: Int32?
    public var category: Int32?
    public var altitudeFeet: Double?
    public var velocityKnots: Double?
    public var verticalRateFPM: Double?
    public var altitudeBand: AltitudeBand?
    public var speedBand: SpeedBand?
    public var phase: FlightPhase
    public var airline: Airline?
    public var aircraft: AircraftRecord?
    public var qualityScore: Double
    public var qualityGrade: String
    public var qualityFlags: [QualityFlag]

    /// The time the row describes: position time, or last contact without one.
    public var observationTime: Int64 { timePosition ?? lastContact }

    /// The dedup key of flights.md §2.
    var dedupKey: DedupKey { DedupKey(icao24: icao24, time: observationTime) }
}

/// Rows with the same aircraft and observation time are one observation.
struct DedupKey: Hashable {
    var icao24: String
    var time: Int64
}

/// The outcome of judging one row.
public enum RowJudgement: Sendable {
    case kept(FlightObservation)
    /// Every problem found, each with its reason code, field and value.
    case rejected([RowProblem])
}

/// The reference tables the hourly action enriches rows with.
public struct FlightReferences: Sendable {
    public var airlines: AirlineTable
    public var aircraft: AircraftTable

    public init(airlines: AirlineTable, aircraft: AircraftTable) {
        self.airlines = airlines
        self.aircraft = aircraft
    }

    public static let empty = FlightReferences(airlines: AirlineTable(airlines: []), aircraft: AircraftTable(records: [:]))
}

extension RowJudgement {
    /// Validates, converts, scores, classifies and enriches one row (flights.md §2–§3).
    public static func judge(_ state: StateVector, snapshotTime: Int64, references: FlightReferences) -> RowJudgement {
        let problems = RowValidation.problems(state, snapshotTime: snapshotTime)
        guard problems.isEmpty, let icao24 = state.normalizedICAO24, let lat = state.latitude,
              let lon = state.longitude, let lastContact = state.lastContact else {
            return .rejected(problems.isEmpty ? [RowProblem(.badShape)] : problems)
        }
        let m = ConvertedMeasurements(state)
        let score = QualityScore(state, measurements: m, snapshotTime: snapshotTime)
        let callsign = state.normalizedCallsign
        return .kept(FlightObservation(
            snapshotTime: snapshotTime, icao24: icao24, callsign: callsign,
            originCountry: state.originCountry, timePosition: state.timePosition, lastContact: lastContact,
            longitude: lon, latitude: lat, baroAltitudeMetres: m.baroAltitudeMetres, geoAltitudeMetres: state.geoAltitude,
            onGround: state.onGround, velocityMetresPerSecond: m.velocityMetresPerSecond, trueTrack: state.trueTrack,
            verticalRateMetresPerSecond: m.verticalRateMetresPerSecond, squawk: state.squawk, spi: state.spi,
            positionSource: state.positionSource, category: state.category,
            altitudeFeet: m.altitudeFeet, velocityKnots: m.velocityKnots, verticalRateFPM: m.verticalRateFPM,
            altitudeBand: AltitudeBand.classify(onGround: state.onGround, altitudeFeet: m.altitudeFeet),
            speedBand: SpeedBand.classify(knots: m.velocityKnots),
            // The converted values: as received, with an invalid one already unknown (nil).
            phase: FlightPhase.classify(onGround: state.onGround, altitudeFeet: m.altitudeFeet,
                                        speedKnots: m.velocityKnots, verticalRateFPM: m.verticalRateFPM),
            airline: references.airlines.airline(forCallsign: callsign),
            aircraft: references.aircraft[icao24],
            qualityScore: score.value, qualityGrade: score.grade, qualityFlags: m.flags))
    }
}
