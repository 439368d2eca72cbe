// Reads one state row, token by token, into a `StateVector`. Types are checked per field: a
// value of the wrong type (a string where a number belongs, a number no Double can hold) leaves
// the field nil and is noted as a `bad_type` problem naming the field and quoting the value, so
// the row is rejected with every other reason that applies. `sensors` is neither validated nor
// output, so any value of it is accepted.
//
// The archive layout is keyed by the served names; when the SI keys are absent, the fetcher's
// `baro_altitude_m`, `geo_altitude_m`, `velocity_ms` and `vertical_rate_ms` stand in (an SI key
// wins whatever the order). Other keys (`baro_altitude_ft`, …) are ignored: units are converted
// once, from SI, never re-read.

import LakeFormats

/// The fields of a state row, in the served column order (flights.md §1).
enum StateField: Int, CaseIterable {
    case icao24, callsign, originCountry, timePosition, lastContact, longitude, latitude, baroAltitude
    case onGround, velocity, trueTrack, verticalRate, sensors, geoAltitude, squawk, spi, positionSource, category

    /// The served name.
    var name: String {
        ["icao24", "callsign", "origin_country", "time_position", "last_contact", "longitude", "latitude",
         "baro_altitude", "on_ground", "velocity", "true_track", "vertical_rate", "sensors", "geo_altitude",
         "squawk", "spi", "position_source", "category"][rawValue]
    }

    /// The field an archive-layout key fills, and whether the key is a fallback for an SI key.
    static func archiveField(_ key: String) -> (field: StateField, isFallback: Bool)? {
        switch key {
        case "baro_altitude_m": return (.baroAltitude, true)
        case "geo_altitude_m": return (.geoAltitude, true)
        case "velocity_ms": return (.velocity, true)
        case "vertical_rate_ms": return (.verticalRate, true)
        default: return byName[key].map { ($0, false) }
        }
    }

    private static let byName: [String: StateField] = {
        var map: [String: StateField] = [:]
        for field in allCases { map[field.name] = field }
        return map
    }()
}

/// Collects the values of one row.
struct StateAssembler {
    var state = StateVector()
    var problems: [RowProblem] = []
    /// Whether the row gave `last_contact` at all (possibly null).
    private var lastContactGiven = false
    /// Values in an array row (nil for object rows).
    var valueCount: Int?
    private var filledBySI: Set<Int> = []

    mutating func accept(_ field: StateField, _ token: JSONToken, fallback: Bool) {
        if fallback && filledBySI.contains(field.rawValue) { return }
        if !fallback && [.baroAltitude, .geoAltitude, .velocity, .verticalRate].contains(field) {
            filledBySI.insert(field.rawValue)
        }
        if field == .lastContact { lastContactGiven = true }
        switch field {
        case .icao24: state.icao24 = string(field, token)
        case .callsign: state.callsign = string(field, token)
        case .originCountry: state.originCountry = string(field, token)
        case .timePosition: state.timePosition = integer(field, token)
        case .lastContact: state.lastContact = integer(field, token)
        case .longitude: state.longitude = double(field, token)
        case .latitude: state.latitude = double(field, token)
        case .baroAltitude: state.baroAltitude = double(field, token)
        case .onGround: state.onGround = bool(field, token) ?? false
        case .velocity: state.velocity = double(field, token)
        case .trueTrack: state.trueTrack = double(field, token)
        case .verticalRate: state.verticalRate = double(field, token)
        case .sensors: break  // neither validated nor output (flights.md §1): any value is fine
        case .geoAltitude: state.geoAltitude = double(field, token)
        case .squawk: state.squawk = string(field, token)
        case .spi: state.spi = bool(field, token) ?? false
        case .positionSource: state.positionSource = integer(field, token).flatMap { Int32(exactly: $0) }
        case .category: state.category = integer(field, token).flatMap { Int32(exactly: $0) }
        }
    }

    func finish() -> StateVector {
        var s = state
        s.readProblems = problems
        if let count = valueCount, count < 17 { s.readProblems.append(RowProblem(.badShape, value: "\(count) values, 17 expected")) }
        // last_contact is the one used field that may not be null (flights.md §1).
        if s.lastContact == nil, !problems.contains(where: { $0.field == StateField.lastContact.name }) {
            if lastContactGiven {
                s.readProblems.append(RowProblem(.badType, field: StateField.lastContact.name, value: "null"))
            } else if valueCount == nil {
                s.readProblems.append(RowProblem(.badShape, field: StateField.lastContact.name))
            }
        }
        return s
    }

    /// Notes that `field` holds `text`, JSON of the wrong type for it.
    mutating func wrongType(_ field: StateField, text: String) {
        problems.append(RowProblem(.badType, field: field.name, value: RowProblem.shortened(text)))
    }

    /// A scalar token as JSON text.
    static func text(of token: JSONToken) -> String {
        var writer = JSONWriter(style: .compact)
        switch token {
        case .string(let s): writer.string(s)
        case .number(let n): writer.number(n)
        case .bool(let b): writer.bool(b)
        case .key(let k): writer.string(k)
        default: writer.null()
        }
        return writer.text
    }

    private mutating func string(_ field: StateField, _ token: JSONToken) -> String? {
        switch token {
        case .string(let text): return text
        case .null: return nil
        default: wrongType(field, text: Self.text(of: token)); return nil
        }
    }

    private mutating func double(_ field: StateField, _ token: JSONToken) -> Double? {
        switch token {
        case .number(let n):
            if let value = n.double() { return value }
            wrongType(field, text: Self.text(of: token)); return nil
        case .null: return nil
        default: wrongType(field, text: Self.text(of: token)); return nil
        }
    }

    private mutating func integer(_ field: StateField, _ token: JSONToken) -> Int64? {
        switch token {
        case .number(let n):
            if let value = StateFieldReader.integer(n) { return value }
            wrongType(field, text: Self.text(of: token)); return nil
        case .null: return nil
        default: wrongType(field, text: Self.text(of: token)); return nil
        }
    }

    private mutating func bool(_ field: StateField, _ token: JSONToken) -> Bool? {
        switch token {
        case .bool(let flag): return flag
        case .null: return nil
        default: wrongType(field, text: Self.text(of: token)); return nil
        }
    }
}

/// Number conversions shared by the snapshot reader.
enum StateFieldReader {
    /// A JSON number as whole unix seconds (or another integer); fractions are truncated.
    static func integer(_ number: JSONNumber) -> Int64? {
        if let value = number.int64() { return value }
        guard let value = number.double(), value.isFinite, abs(value) < 9.0e15 else { return nil }
        return Int64(value.rounded(.towardZero))
    }
}
