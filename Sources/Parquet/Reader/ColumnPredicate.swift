/// A range condition on one leaf column, used to skip row groups whose statistics prove that
/// no value can match. Bounds are inclusive; a nil bound is open. Nulls never match.
///
/// Bounds are compared in the column's own domain: integers (signed or, for UINT annotations,
/// unsigned), floating point, or bytes in unsigned order (strings as UTF-8). Timestamps, dates
/// and times compare by their stored number, so bounds must use the column's unit.
public struct ColumnPredicate: Sendable, Equatable {
    /// Dotted path of the leaf column (`a.b` for nested fields, or just the name).
    public let column: String
    public let lowerBound: ParquetValue?
    public let upperBound: ParquetValue?

    public init(column: String, lowerBound: ParquetValue?, upperBound: ParquetValue?) {
        self.column = column
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// `column == value`.
    public static func equals(_ column: String, _ value: ParquetValue) -> ColumnPredicate {
        ColumnPredicate(column: column, lowerBound: value, upperBound: value)
    }

    /// `low <= column <= high`.
    public static func between(_ column: String, _ low: ParquetValue, _ high: ParquetValue) -> ColumnPredicate {
        ColumnPredicate(column: column, lowerBound: low, upperBound: high)
    }
}

/// A statistics value or predicate bound reduced to one comparable domain.
enum StatisticKey: Equatable {
    case signed(Int64)
    case unsigned(UInt64)
    case floating(Double)
    case bytes([UInt8])

    /// -1, 0 or 1, or nil when the two are from different domains (or NaN is involved).
    func compare(to other: StatisticKey) -> Int? {
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (self, other) {
        case let (.signed(a), .signed(b)): return order(a, b)
        case let (.unsigned(a), .unsigned(b)): return order(a, b)
        case let (.floating(a), .floating(b)): return a.isNaN || b.isNaN ? nil : order(a, b)
        case let (.bytes(a), .bytes(b)):
            if a == b { return 0 }
            return a.lexicographicallyPrecedes(b) ? -1 : 1  // UInt8 elements: unsigned, like memcmp
        default: return nil
        }
    }
}
