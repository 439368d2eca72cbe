// Column chunk statistics (parquet-notes §5): null_count always; min_value/max_value as PLAIN
// bytes of the extreme non-null values in the column's sort order; the deprecated min/max only
// when that order is signed, because old readers compare them as signed bytes or numbers.
//
// Sort orders: byte strings compare unsigned byte by byte (never as Swift `String`s); unsigned
// INTEGER annotations compare the stored bit pattern unsigned; DECIMAL in FLBA compares as a
// signed big-endian number; floats ignore NaN, and a zero minimum is written as -0.0 and a zero
// maximum as +0.0 so that readers pruning with either sign stay correct. INT96 and FLOAT16
// columns get no min/max at all.

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

/// Computes the `Statistics` written for a column chunk.
enum ColumnStatistics {
    /// Statistics of the non-null `values` of a chunk that also has `nullCount` nulls.
    static func compute(values: ColumnValues, nullCount: Int, field: ParquetField) -> Statistics {
        var statistics = Statistics(nullCount: Int64(nullCount))
        let order = StatisticsOrder(field: field)
        let extremes: (min: [UInt8], max: [UInt8])?
        switch values {
        case let .boolean(flags):
            extremes = flags.isEmpty ? nil : ([flags.allSatisfy { $0 } ? 1 : 0], [flags.contains(true) ? 1 : 0])
        case let .int32(numbers):
            extremes = order == .unsigned
                ? plainExtremes(numbers, by: { UInt32(bitPattern: $0) < UInt32(bitPattern: $1) }, encode: { .int32([$0]) })
                : plainExtremes(numbers, by: <, encode: { .int32([$0]) })
        case let .int64(numbers):
            extremes = order == .unsigned
                ? plainExtremes(numbers, by: { UInt64(bitPattern: $0) < UInt64(bitPattern: $1) }, encode: { .int64([$0]) })
                : plainExtremes(numbers, by: <, encode: { .int64([$0]) })
        case let .float(numbers):
            statistics.nanCount = Int64(numbers.filter(\.isNaN).count)
            extremes = floatExtremes(numbers.filter { !$0.isNaN }, encode: { .float([$0]) })
        case let .double(numbers):
            statistics.nanCount = Int64(numbers.filter(\.isNaN).count)
            extremes = floatExtremes(numbers.filter { !$0.isNaN }, encode: { .double([$0]) })
        case let .byteArray(arrays), let .fixedLenByteArray(arrays):
            extremes = order == .signed
                ? byteExtremes(arrays, by: precedesAsSignedBigEndian)
                : byteExtremes(arrays, by: { $0.lexicographicallyPrecedes($1) })
        case .int96:
            extremes = nil
        }
        guard order != .undefined, let extremes else { return statistics }
        statistics.minValue = extremes.min
        statistics.maxValue = extremes.max
        if order == .signed, values.physicalType != .byteArray, values.physicalType != .fixedLenByteArray {
            statistics.min = extremes.min
            statistics.max = extremes.max
        }
        return statistics
    }

    private static func plainExtremes<Value>(
        _ values: [Value], by precedes: (Value, Value) -> Bool, encode: (Value) -> ColumnValues
    ) -> (min: [UInt8], max: [UInt8])? {
        guard var low = values.first else { return nil }
        var high = low
        for value in values.dropFirst() {
            if precedes(value, low) { low = value }
            if precedes(high, value) { high = value }
        }
        return (PlainEncoder.encode(encode(low)), PlainEncoder.encode(encode(high)))
    }

    private static func floatExtremes<Value: BinaryFloatingPoint>(
        _ numbers: [Value], encode: (Value) -> ColumnValues
    ) -> (min: [UInt8], max: [UInt8])? {
        guard var low = numbers.first else { return nil }
        var high = low
        for number in numbers.dropFirst() {
            if number < low { low = number }
            if number > high { high = number }
        }
        if low == 0 { low = -0.0 }
        if high == 0 { high = 0.0 }
        return (PlainEncoder.encode(encode(low)), PlainEncoder.encode(encode(high)))
    }

    private static func byteExtremes(
        _ arrays: [[UInt8]], by precedes: ([UInt8], [UInt8]) -> Bool
    ) -> (min: [UInt8], max: [UInt8])? {
        guard var low = arrays.first else { return nil }
        var high = low
        for array in arrays.dropFirst() {
            if precedes(array, low) { low = array }
            if precedes(high, array) { high = array }
        }
        return (low, high)
    }

    /// Two's-complement big-endian numbers of equal width: the first byte is signed, the rest
    /// unsigned (the same as flipping the sign bit and comparing bytes).
    private static func precedesAsSignedBigEndian(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard let leftFirst = left.first, let rightFirst = right.first else { return left.count < right.count }
        if leftFirst != rightFirst { return Int8(bitPattern: leftFirst) < Int8(bitPattern: rightFirst) }
        return left.dropFirst().lexicographicallyPrecedes(right.dropFirst())
    }
}
