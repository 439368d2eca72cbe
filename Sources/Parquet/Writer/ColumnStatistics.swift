// Column chunk statistics (parquet-notes §5): null_count always; min_value/max_value as PLAIN
// bytes of the extreme non-null values in the column's sort order; the deprecated min/max only
// when that order is signed, because old readers compare them as signed bytes or numbers.
//
// Sort orders: byte strings compare unsigned byte by byte (never as Swift `String`s); unsigned
// INTEGER annotations compare the stored bit pattern unsigned; DECIMAL in FLBA compares as a
// signed big-endian number; floats ignore NaN, and a zero minimum is written as -0.0 and a zero
// maximum as +0.0 so that readers pruning with either sign stay correct. INT96 and FLOAT16
// columns get no min/max at all.
//
// Extremes are found as positions in a `ColumnBuffer` by one typed loop per call (the switch on
// the physical type happens once, not per value); only the two winners are PLAIN-encoded. For a
// dictionary-encoded chunk the positions are dictionary entries, ranked once by sorting the
// dictionary, so a page's extremes are the smallest and largest rank among its indices.

/// The order in which a column's values are compared for statistics.
enum StatisticsOrder: Equatable {
    case signed
    case unsigned
    /// No meaningful order is written (INT96, FLOAT16, BYTE_ARRAY decimals).
    case undefined

    init(field: ParquetField) {
        switch field.physicalType ?? .byteArray {
        case .int96:
            self = .undefined
        case .boolean, .float, .double:
            self = .signed
        case .int32, .int64:
            if case let .integer(_, isSigned)? = field.logicalType {
                self = isSigned ? .signed : .unsigned
            } else if let converted = field.convertedType, [.uint8, .uint16, .uint32, .uint64].contains(converted) {
                self = .unsigned
            } else {
                self = .signed
            }
        case .byteArray:
            self = Self.isDecimal(field) ? .undefined : .unsigned
        case .fixedLenByteArray:
            if case .float16? = field.logicalType {
                self = .undefined
            } else {
                self = Self.isDecimal(field) ? .signed : .unsigned
            }
        }
    }

    private static func isDecimal(_ field: ParquetField) -> Bool {
        if case .decimal? = field.logicalType { return true }
        return field.convertedType == .decimal
    }
}

/// Positions of the smallest and the largest value among some values of a buffer.
struct Extremes: Equatable {
    var min: Int
    var max: Int
}

/// Computes the `Statistics` written for a column chunk, and the extremes of pages.
enum ColumnStatistics {
    /// Statistics of the non-null `values` of a chunk that also has `nullCount` nulls.
    static func compute(values: ColumnValues, nullCount: Int, field: ParquetField) -> Statistics {
        let buffer = ColumnBuffer(values)
        let order = StatisticsOrder(field: field)
        return statistics(buffer, extremes: extremes(buffer, 0..<buffer.count, order: order),
                          nullCount: nullCount, nanCount: nanCount(buffer), order: order)
    }

    /// Statistics from extremes already found (positions in `buffer`).
    static func statistics(_ buffer: ColumnBuffer, extremes: Extremes?, nullCount: Int, nanCount: Int?,
                           order: StatisticsOrder) -> Statistics {
        var statistics = Statistics(nullCount: Int64(nullCount))
        statistics.nanCount = nanCount.map(Int64.init)
        guard order != .undefined, let extremes else { return statistics }
        let (low, high) = encodedBounds(buffer, extremes)
        statistics.minValue = low
        statistics.maxValue = high
        if order == .signed, buffer.physicalType != .byteArray, buffer.physicalType != .fixedLenByteArray {
            statistics.min = low
            statistics.max = high
        }
        return statistics
    }

    /// PLAIN bytes of the two extremes, a zero float minimum as -0.0 and maximum as +0.0.
    static func encodedBounds(_ buffer: ColumnBuffer, _ extremes: Extremes) -> (min: [UInt8], max: [UInt8]) {
        switch buffer {
        case let .float(numbers):
            let low = numbers[extremes.min] == 0 ? -Float(0) : numbers[extremes.min]
            let high = numbers[extremes.max] == 0 ? Float(0) : numbers[extremes.max]
            return (PlainEncoder.encode(.float([low])), PlainEncoder.encode(.float([high])))
        case let .double(numbers):
            let low = numbers[extremes.min] == 0 ? -Double(0) : numbers[extremes.min]
            let high = numbers[extremes.max] == 0 ? Double(0) : numbers[extremes.max]
            return (PlainEncoder.encode(.double([low])), PlainEncoder.encode(.double([high])))
        default:
            return (PlainEncoder.statisticsBytes(of: buffer, at: extremes.min),
                    PlainEncoder.statisticsBytes(of: buffer, at: extremes.max))
        }
    }

    /// Number of NaN values for FLOAT and DOUBLE, nil for other types.
    static func nanCount(_ buffer: ColumnBuffer) -> Int? {
        switch buffer {
        case let .float(numbers): return numbers.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case let .double(numbers): return numbers.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        default: return nil
        }
    }

    /// The extremes among the values at `positions` of `buffer` in `order`, nil when there are
    /// none (no positions, only NaN, or an undefined order). Ties keep the first position.
    static func extremes<Positions: Sequence<Int>>(
        _ buffer: ColumnBuffer, _ positions: Positions, order: StatisticsOrder
    ) -> Extremes? {
        switch (buffer, order) {
        case (_, .undefined), (.int96, _):
            return nil
        case let (.boolean(flags), _):
            return find(positions) { !flags[$0] && flags[$1] }
        case let (.int32(numbers), .unsigned):
            return find(positions) { UInt32(bitPattern: numbers[$0]) < UInt32(bitPattern: numbers[$1]) }
        case let (.int32(numbers), _):
            return find(positions) { numbers[$0] < numbers[$1] }
        case let (.int64(numbers), .unsigned):
            return find(positions) { UInt64(bitPattern: numbers[$0]) < UInt64(bitPattern: numbers[$1]) }
        case let (.int64(numbers), _):
            return find(positions, skipping: { _ in false }) { numbers[$0] < numbers[$1] }
        case let (.float(numbers), _):
            return find(positions, skipping: { numbers[$0].isNaN }) { numbers[$0] < numbers[$1] }
        case let (.double(numbers), _):
            return find(positions, skipping: { numbers[$0].isNaN }) { numbers[$0] < numbers[$1] }
        case let (.fixedLenByteArray(arrays), .signed):
            return find(positions) { precedesAsSignedBigEndian(arrays[$0], arrays[$1]) }
        case let (.byteArray(arrays), _), let (.fixedLenByteArray(arrays), _):
            return find(positions) { arrays.compareBytes(at: $0, arrays, at: $1) < 0 }
        }
    }

    /// Dictionary entries sorted in `order` (NaN left out), for ranking the indices of pages.
    static func sortedEntries(_ entries: ColumnBuffer, order: StatisticsOrder) -> [Int]? {
        var sorted = Array(0..<entries.count)
        switch (entries, order) {
        case (_, .undefined), (.int96, _), (.boolean, _):
            return nil
        case let (.int32(numbers), .unsigned):
            sorted.sort { UInt32(bitPattern: numbers[$0]) < UInt32(bitPattern: numbers[$1]) }
        case let (.int32(numbers), _):
            sorted.sort { numbers[$0] < numbers[$1] }
        case let (.int64(numbers), .unsigned):
            sorted.sort { UInt64(bitPattern: numbers[$0]) < UInt64(bitPattern: numbers[$1]) }
        case let (.int64(numbers), _):
            sorted.sort { numbers[$0] < numbers[$1] }
        case let (.float(numbers), _):
            sorted.removeAll { numbers[$0].isNaN }
            sorted.sort { numbers[$0] < numbers[$1] }
        case let (.double(numbers), _):
            sorted.removeAll { numbers[$0].isNaN }
            sorted.sort { numbers[$0] < numbers[$1] }
        case let (.fixedLenByteArray(arrays), .signed):
            sorted.sort { precedesAsSignedBigEndian(arrays[$0], arrays[$1]) }
        case let (.byteArray(arrays), _), let (.fixedLenByteArray(arrays), _):
            sorted.sort { arrays.compareBytes(at: $0, arrays, at: $1) < 0 }
        }
        return sorted
    }

    /// Ranks of dictionary entries from `sortedEntries`: entry → position in sorted order, or -1
    /// for entries left out (NaN).
    static func ranks(sorted: [Int], entryCount: Int) -> [Int32] {
        var ranks = [Int32](repeating: -1, count: entryCount)
        for (rank, entry) in sorted.enumerated() { ranks[entry] = Int32(truncatingIfNeeded: rank) }
        return ranks
    }

    /// Extremes of dictionary-encoded values (as entry numbers), by the ranks of their indices.
    static func extremes(indices: ArraySlice<UInt32>, ranks: [Int32], sorted: [Int]) -> Extremes? {
        var low = Int32.max, high = Int32(-1)
        for index in indices {
            let rank = ranks[Int(index)]
            guard rank >= 0 else { continue }
            if rank < low { low = rank }
            if rank > high { high = rank }
        }
        guard high >= 0 else { return nil }
        return Extremes(min: sorted[Int(low)], max: sorted[Int(high)])
    }

    @inline(__always)
    private static func find<Positions: Sequence<Int>>(
        _ positions: Positions, skipping: (Int) -> Bool = { _ in false }, by precedes: (Int, Int) -> Bool
    ) -> Extremes? {
        var result: Extremes?
        for position in positions where !skipping(position) {
            guard var current = result else {
                result = Extremes(min: position, max: position)
                continue
            }
            if precedes(position, current.min) { current.min = position }
            if precedes(current.max, position) { current.max = position }
            result = current
        }
        return result
    }

    /// Two's-complement big-endian numbers of equal width: the first byte is signed, the rest
    /// unsigned (the same as flipping the sign bit and comparing bytes).
    private static func precedesAsSignedBigEndian(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Bool {
        guard let leftFirst = left.first, let rightFirst = right.first else { return left.count < right.count }
        if leftFirst != rightFirst { return Int8(bitPattern: leftFirst) < Int8(bitPattern: rightFirst) }
        return left.dropFirst().lexicographicallyPrecedes(right.dropFirst())
    }
}
