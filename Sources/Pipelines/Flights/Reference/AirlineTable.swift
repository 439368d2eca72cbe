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
    /// The first airline of each code of three letters A–Z (the only codes a callsign can
    /// name), by the code's number in base 26; -1 where there is none.
    private let byLetters: [Int32]

    public init(airlines: [Airline]) {
        self.airlines = airlines
        var index: [String: Int] = [:]
        var letters = [Int32](repeating: -1, count: 26 * 26 * 26)
        for (i, airline) in airlines.enumerated() where index[airline.icao] == nil {
            index[airline.icao] = i
            if let slot = Self.slot(Array(airline.icao.utf8)[...]) { letters[slot] = Int32(i) }
        }
        byCode = index
        byLetters = letters
    }

    /// The number in base 26 of three letters A–Z, nil for anything else.
    private static func slot(_ code: ArraySlice<UInt8>) -> Int? {
        guard code.count == 3 else { return nil }
        var slot = 0
        for byte in code {
            guard byte &- 65 < 26 else { return nil }
            slot = slot * 26 + Int(byte - 65)
        }
        return slot
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
        return index(forCallsign: Array(callsign.utf8)[...]).map { airlines[$0] }
    }

    /// `airline(forCallsign:)` for the callsign's bytes: the airline's number in `airlines`.
    func index(forCallsign bytes: ArraySlice<UInt8>) -> Int? {
        guard (4...8).contains(bytes.count) else { return nil }
        let start = bytes.startIndex
        guard bytes[start + 3] &- 48 < 10,
              bytes[(start + 4)...].allSatisfy({ $0 &- 65 < 26 || $0 &- 48 < 10 }),
              let slot = Self.slot(bytes[start..<(start + 3)]), byLetters[slot] >= 0 else { return nil }
        return Int(byLetters[slot])
    }
}
