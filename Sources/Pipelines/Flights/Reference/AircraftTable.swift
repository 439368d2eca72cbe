// `reference/aircraft.csv` in the OpenSky aircraft-database format. Two headers exist in the
// wild: the 27-column `icao24,registration,manufacturericao,manufacturername,model,typecode,…`
// and the newer camelCase one with every name and value in single quotes. Both are read by
// normalised column name; the table is keyed by lower-case icao24.

/// What the hourly Parquet takes from the aircraft database.
public struct AircraftRecord: Sendable, Equatable {
    public var registration: String?
    public var typecode: String?
    public var model: String?
    public var manufacturer: String?
    public var operatorName: String?
    /// The operator's three-letter ICAO code, when the database has it.
    public var operatorICAO: String?

    public init(registration: String?, typecode: String?, model: String?, manufacturer: String?, operatorName: String?, operatorICAO: String? = nil) {
        self.operatorICAO = operatorICAO
        self.registration = registration
        self.typecode = typecode
        self.model = model
        self.manufacturer = manufacturer
        self.operatorName = operatorName
    }
}

/// Aircraft by lower-case icao24. For a repeated icao24 the first row wins.
public struct AircraftTable: Sendable {
    private let byICAO24: [String: AircraftRecord]
    /// Every icao24 in file order (first occurrence), for the generator's fleet.
    public let icao24s: [String]
    /// The records in the order of `icao24s`: what `index(of:)` numbers.
    private let records: [AircraftRecord]
    /// The number of each record whose key is a valid icao24 (no other key can match a kept row).
    private let byAddress: [UInt32: Int32]

    public init(records: [String: AircraftRecord]) {
        self.init(records: records, order: records.keys.sorted())
    }

    private init(records: [String: AircraftRecord], order: [String]) {
        byICAO24 = records
        icao24s = order
        self.records = order.compactMap { records[$0] }
        var byAddress: [UInt32: Int32] = [:]
        for (i, key) in order.enumerated() {
            if key.utf8.count == 6, let address = ICAO24(key), address.text == key { byAddress[address.value] = Int32(i) }
        }
        self.byAddress = byAddress
    }

    public init(path: String, bytes: [UInt8]) throws(FlightsError) {
        let csv = try ReferenceCSV(path: path, bytes: bytes)
        let icao = try csv.requiredColumn("icao24")
        let registration = csv.column("registration"), typecode = csv.column("typecode"), model = csv.column("model")
        let manufacturer = csv.column("manufacturername", "manufacturer")
        let operatorColumn = csv.column("operator"), operatorICAO = csv.column("operatoricao")
        var records: [String: AircraftRecord] = [:]
        var order: [String] = []
        for row in csv.table.rows {
            guard let key = ReferenceCSV.field(row, icao)?.asciiLowercased, records[key] == nil else { continue }
            order.append(key)
            records[key] = AircraftRecord(
                registration: ReferenceCSV.field(row, registration), typecode: ReferenceCSV.field(row, typecode),
                model: ReferenceCSV.field(row, model), manufacturer: ReferenceCSV.field(row, manufacturer),
                operatorName: ReferenceCSV.field(row, operatorColumn), operatorICAO: ReferenceCSV.field(row, operatorICAO))
        }
        self.init(records: records, order: order)
    }

    public subscript(icao24: String) -> AircraftRecord? { byICAO24[icao24] }

    /// The number of the record of `icao24`, for `record(at:)`.
    func index(of icao24: ICAO24) -> Int? { byAddress[icao24.value].map(Int.init) }

    /// Record number `index`, as `index(of:)` gives it.
    func record(at index: Int) -> AircraftRecord { records[index] }

    /// Every record, numbered as `index(of:)` numbers them.
    var numberedRecords: [AircraftRecord] { records }

    public var count: Int { byICAO24.count }
}
