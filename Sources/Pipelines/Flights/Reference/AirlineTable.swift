// `reference/airlines.csv`: `icao,iata,name,callsign,country`. The hourly action uses it to
// name the airline of a callsign, the generator to make realistic callsigns.

/// One airline of the reference table.
public struct Airline: Sendable, Equatable {
    public var icao: String
    public var iata: String?
    public var name: String
    public var callsign: String?
    public var country: String?
}

/// The airlines by three-letter ICAO code, in file order.
public struct AirlineTable: Sendable {
    public let airlines: [Airline]
    private let byCode: [String: Int]

    public init(airlines: [Airline]) {
        self.airlines = airlines
        var index: [String: Int] = [:]
        for (i, airline) in airlines.enumerated() where index[airline.icao] == nil { index[airline.icao] = i }
        byCode = index
    }

    /// Parses the CSV; rows without a three-letter code are skipped.
    public init(path: String, bytes: [UInt8]) throws(FlightsError) {
        let csv = try ReferenceCSV(path: path, bytes: bytes)
        let icao = try csv.requiredColumn("icao")
        let name = try csv.requiredColumn("name")
        let iata = csv.column("iata"), callsign = csv.column("callsign"), country = csv.column("country")
        var airlines: [Airline] = []
        for record in csv.table.rows {
            guard let code = ReferenceCSV.field(record, icao)?.uppercased(), code.utf8.count == 3 else { continue }
            airlines.append(Airline(
                icao: code, iata: ReferenceCSV.field(record, iata),
                name: ReferenceCSV.field(record, name) ?? code, callsign: ReferenceCSV.field(record, callsign),
                country: ReferenceCSV.field(record, country)))
        }
        self.init(airlines: airlines)
    }

    public subscript(code: String) -> Airline? { byCode[code].map { airlines[$0] } }

    /// The airline of a normalised callsign: three letters, a digit, then up to four letters or
    /// digits (`^[A-Z]{3}[0-9][0-9A-Z]{0,4}$`), when the code is in the table.
    public func airline(forCallsign callsign: String?) -> Airline? {
        guard let callsign else { return nil }
        let bytes = Array(callsign.utf8)
        guard (4...8).contains(bytes.count) else { return nil }
        let isLetter = { (b: UInt8) in (65...90).contains(b) }
        let isDigit = { (b: UInt8) in (48...57).contains(b) }
        guard bytes[0..<3].allSatisfy(isLetter), isDigit(bytes[3]),
              bytes[4...].allSatisfy({ isLetter($0) || isDigit($0) }) else { return nil }
        return self[String(decoding: bytes[0..<3], as: UTF8.self)]
    }
}
