// The reason codes of flights.md §2, in the order the spec lists them. Reports and metrics
// list them in this order, never in a dictionary's. A rejected row carries one `RowProblem`
// per problem found, each naming the field at fault and its value as received, so a reader of
// the rejected-rows table sees *which* value was wrong, not only that something was.

import LakeFormats

/// A critical problem: the row goes to the rejected-rows table.
public enum RejectReason: String, Sendable, CaseIterable, Equatable, Comparable {
    /// The row is not an array or object, has fewer than 17 values, or gives a field twice.
    case badShape = "bad_shape"
    /// A field the pipeline uses has the wrong JSON type (or a number no Double can hold).
    case badType = "bad_type"
    case invalidICAO24 = "invalid_icao24"
    case missingPosition = "missing_position"
    case invalidLatitude = "invalid_latitude"
    case invalidLongitude = "invalid_longitude"
    case nullIsland = "null_island"
    case futureContact = "future_contact"
    case stale = "stale"

    /// Spec order.
    public static func < (a: RejectReason, b: RejectReason) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// One problem of a rejected row: its reason code, the field at fault (nil when the problem is
/// the row's, such as too few values or a position at 0,0) and the field's value as JSON text
/// as received (nil when there is no value to show, such as a missing field).
public struct RowProblem: Sendable, Equatable {
    public var reason: RejectReason
    public var field: String?
    public var value: String?

    public init(_ reason: RejectReason, field: String? = nil, value: String? = nil) {
        self.reason = reason
        self.field = field
        self.value = value
    }

    /// Value texts longer than this are cut (with "…"): the whole row is in `raw_values`.
    public static let valueLimit = 120

    /// `value` cut to `valueLimit` characters.
    static func shortened(_ text: String) -> String {
        text.count <= valueLimit ? text : String(text.prefix(valueLimit)) + "…"
    }

    /// The distinct reason codes of `problems`, in spec order: the `reasons` column and the
    /// hourly counts (a row with two bad types counts once under `bad_type`).
    public static func codes(_ problems: [RowProblem]) -> [RejectReason] {
        Array(Set(problems.map(\.reason))).sorted()
    }

    /// `[{"reason": …, "field": …, "value": …}, …]` in the order the problems were found,
    /// absent keys left out: the `reason_details` column.
    public static func json(_ problems: [RowProblem]) -> String {
        var w = JSONWriter(style: .compact)
        w.beginArray()
        for p in problems {
            w.beginObject()
            w.key("reason"); w.string(p.reason.rawValue)
            if let field = p.field { w.key("field"); w.string(field) }
            if let value = p.value { w.key("value"); w.string(value) }
            w.endObject()
        }
        w.endArray()
        return w.text
    }
}

/// A non-critical problem: the row is kept, flagged and scored.
public enum QualityFlag: String, Sendable, CaseIterable, Equatable {
    case invalidAltitude = "invalid_altitude"
    case invalidVelocity = "invalid_velocity"
    case excessiveVerticalRate = "excessive_vertical_rate"
    case groundAltitudeConflict = "ground_altitude_conflict"
    case missingCallsign = "missing_callsign"
    case missingAltitude = "missing_altitude"
    case missingVelocity = "missing_velocity"
}

/// A set of quality flags in one byte, one bit per `QualityFlag` in spec order: what a kept row
/// carries through the hourly columns.
public struct QualityFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public init(_ flag: QualityFlag) {
        rawValue = 1 << UInt8(QualityFlag.allCases.firstIndex(of: flag) ?? 0)
    }

    public init(_ flags: [QualityFlag]) {
        self = flags.reduce(into: QualityFlags()) { $0.insert(QualityFlags($1)) }
    }

    public static let invalidAltitude = QualityFlags(rawValue: 1 << 0)
    public static let invalidVelocity = QualityFlags(rawValue: 1 << 1)
    public static let excessiveVerticalRate = QualityFlags(rawValue: 1 << 2)
    public static let groundAltitudeConflict = QualityFlags(rawValue: 1 << 3)
    public static let missingCallsign = QualityFlags(rawValue: 1 << 4)
    public static let missingAltitude = QualityFlags(rawValue: 1 << 5)
    public static let missingVelocity = QualityFlags(rawValue: 1 << 6)

    /// The flags in spec order.
    public var list: [QualityFlag] {
        QualityFlag.allCases.enumerated().filter { rawValue & (1 << UInt8($0.offset)) != 0 }.map(\.element)
    }

    /// The `quality_flags` column's text: the flags' codes in spec order, comma-separated.
    public var text: String { list.map(\.rawValue).joined(separator: ",") }
}
