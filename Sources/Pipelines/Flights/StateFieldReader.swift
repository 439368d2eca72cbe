// Reads one state row, in either layout, into a `StateVector`. Types are checked per field: a
// value of the wrong type (a string where a number belongs) leaves the field nil and is noted
// as a shape problem, so the row is rejected as `bad_shape` with every other reason that applies.
//
// The archive layout is keyed by the served names; when the SI keys are absent, the fetcher's
// `baro_altitude_m`, `geo_altitude_m`, `velocity_ms` and `vertical_rate_ms` stand in. Other keys
// (`baro_altitude_ft`, …) are ignored: units are converted here once, never re-read.

import LakeFormats

/// The field-by-field reader of state rows.
enum StateFieldReader {
    /// The served column order (flights.md §1).
    static let servedFields = [
        "icao24", "callsign", "origin_country", "time_position", "last_contact", "longitude", "latitude",
        "baro_altitude", "on_ground", "velocity", "true_track", "vertical_rate", "sensors", "geo_altitude",
        "squawk", "spi", "position_source", "category",
    ]

    /// Fallback keys of the archive layout for fields whose SI key is absent.
    static let archiveFallbacks: [(String, String)] = [
        ("baro_altitude", "baro_altitude_m"), ("geo_altitude", "geo_altitude_m"),
        ("velocity", "velocity_ms"), ("vertical_rate", "vertical_rate_ms"),
    ]

    static func state(from value: JSONValue) -> StateVector {
        switch value {
        case .array(let values):
            var fields = FieldSource.values(values)
            if values.count < 17 { fields.problems.append("only \(values.count) values, 17 expected") }
            return read(&fields)
        case .object(let members):
            var fields = FieldSource.members(members)
            return read(&fields)
        default:
            var state = StateVector()
            state.shapeProblems = ["a state must be an array or an object"]
            return state
        }
    }

    private static func read(_ f: inout FieldSource) -> StateVector {
        var s = StateVector()
        s.icao24 = f.string("icao24")
        s.callsign = f.string("callsign")
        s.originCountry = f.string("origin_country")
        s.timePosition = f.int("time_position")
        s.lastContact = f.int("last_contact")
        if s.lastContact == nil, !f.problems.contains("last_contact") { f.problems.append("last_contact is missing") }
        s.longitude = f.double("longitude")
        s.latitude = f.double("latitude")
        s.baroAltitude = f.double("baro_altitude")
        s.onGround = f.bool("on_ground") ?? false
        s.velocity = f.double("velocity")
        s.trueTrack = f.double("true_track")
        s.verticalRate = f.double("vertical_rate")
        s.geoAltitude = f.double("geo_altitude")
        s.squawk = f.string("squawk")
        s.spi = f.bool("spi") ?? false
        s.positionSource = f.int("position_source").flatMap { Int32(exactly: $0) }
        s.category = f.int("category").flatMap { Int32(exactly: $0) }
        s.shapeProblems = f.problems
        return s
    }

    /// A JSON number as whole unix seconds (or another integer); fractions are truncated.
    static func integer(_ number: JSONNumber) -> Int64? {
        if let value = number.int64() { return value }
        guard let value = number.double(), value.isFinite, abs(value) < 9.0e15 else { return nil }
        return Int64(value.rounded(.towardZero))
    }
}

/// Where a row's fields come from: positions of an array, or members of an object.
private struct FieldSource {
    enum Storage {
        case values([JSONValue])
        case members([(key: String, value: JSONValue)])
    }

    let storage: Storage
    var problems: [String] = []

    static func values(_ v: [JSONValue]) -> FieldSource { FieldSource(storage: .values(v)) }
    static func members(_ m: [(key: String, value: JSONValue)]) -> FieldSource { FieldSource(storage: .members(m)) }

    private func raw(_ name: String) -> JSONValue? {
        switch storage {
        case .values(let values):
            guard let index = StateFieldReader.servedFields.firstIndex(of: name), index < values.count else { return nil }
            return values[index]
        case .members(let members):
            if let value = members.first(where: { $0.key == name })?.value { return value }
            guard let fallback = StateFieldReader.archiveFallbacks.first(where: { $0.0 == name })?.1 else { return nil }
            return members.first(where: { $0.key == fallback })?.value
        }
    }

    mutating func string(_ name: String) -> String? {
        switch raw(name) {
        case .string(let text)?: return text
        case .null?, nil: return nil
        default: problems.append(name); return nil
        }
    }

    mutating func double(_ name: String) -> Double? {
        switch raw(name) {
        case .number(let n)?:
            if let value = n.double() { return value }
            problems.append(name); return nil
        case .null?, nil: return nil
        default: problems.append(name); return nil
        }
    }

    mutating func int(_ name: String) -> Int64? {
        switch raw(name) {
        case .number(let n)?:
            if let value = StateFieldReader.integer(n) { return value }
            problems.append(name); return nil
        case .null?, nil: return nil
        default: problems.append(name); return nil
        }
    }

    mutating func bool(_ name: String) -> Bool? {
        switch raw(name) {
        case .bool(let flag)?: return flag
        case .null?, nil: return nil
        default: problems.append(name); return nil
        }
    }
}
