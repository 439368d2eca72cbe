/// One value of a row, with its logical type applied: what tools and tests look at.
///
/// Physical values are converted by annotation: DATE → `.date`, TIMESTAMP/TIME with their unit,
/// INT96 → `.timestamp` in microseconds, DECIMAL → exact decimal text, STRING/ENUM/JSON →
/// `.string`, unsigned integers widened (UINT_64 → `.uint64`), FLOAT16 → `.float`. Nested
/// groups become `.list`, `.map` and `.struct` with fields in schema order.
public enum ParquetValue: Sendable {
    case null
    case bool(Bool)
    case int32(Int32)
    case int64(Int64)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    case bytes([UInt8])
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Time of day in `unit` since midnight.
    case time(Int64, unit: TimeUnit)
    /// Instant (or local date-time when not adjusted to UTC) in `unit` since 1970-01-01.
    case timestamp(Int64, unit: TimeUnit, isAdjustedToUTC: Bool)
    /// Exact decimal text such as `-12.30`.
    case decimal(String)
    case list([ParquetValue])
    case map([(key: ParquetValue, value: ParquetValue)])
    case `struct`([(name: String, value: ParquetValue)])
}

extension ParquetValue: Equatable {
    public static func == (lhs: ParquetValue, rhs: ParquetValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int32(a), .int32(b)): return a == b
        case let (.int64(a), .int64(b)): return a == b
        case let (.uint64(a), .uint64(b)): return a == b
        case let (.float(a), .float(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.bytes(a), .bytes(b)): return a == b
        case let (.string(a), .string(b)): return Array(a.utf8) == Array(b.utf8)
        case let (.date(a), .date(b)): return a == b
        case let (.time(a, unitA), .time(b, unitB)): return a == b && unitA == unitB
        case let (.timestamp(a, unitA, utcA), .timestamp(b, unitB, utcB)): return a == b && unitA == unitB && utcA == utcB
        case let (.decimal(a), .decimal(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.struct(a), .struct(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        default: return false
        }
    }
}
