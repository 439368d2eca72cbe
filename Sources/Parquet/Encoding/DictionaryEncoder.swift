// Dictionary encoding: the distinct values of a column chunk in order of first appearance (so the
// same input always gives the same dictionary) and, per value, its index. The dictionary page
// stores the distinct values PLAIN; data pages store the indices with the RLE hybrid behind a
// one-byte bit width.
//
// Values are compared by their bits, never by Swift `String` or floating-point equality:
// byte strings that Unicode would call equal stay distinct, and NaN or -0.0 keep their exact
// bit patterns.

/// Builds the dictionary and index stream of a column chunk.
public struct DictionaryEncoder: Sendable {
    /// The distinct values in first-appearance order, in the column's physical type.
    public let dictionary: ColumnValues
    /// For every input value, its position in `dictionary`.
    public let indices: [UInt32]

    /// Dictionary-encodes `values`, or returns nil when the PLAIN-encoded dictionary would exceed
    /// `maxDictionaryBytes` (the caller then falls back to PLAIN). BOOLEAN is never
    /// dictionary-encoded, as in other writers, so it also returns nil.
    public init?(_ values: ColumnValues, maxDictionaryBytes: Int) {
        switch values {
        case .boolean:
            return nil
        case let .int32(numbers):
            guard let built = Self.build(numbers, key: { $0 }, size: { _ in 4 }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.int32(built.distinct), built.indices)
        case let .int64(numbers):
            guard let built = Self.build(numbers, key: { $0 }, size: { _ in 8 }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.int64(built.distinct), built.indices)
        case let .int96(stamps):
            guard let built = Self.build(stamps, key: { $0 }, size: { _ in 12 }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.int96(built.distinct), built.indices)
        case let .float(numbers):
            guard let built = Self.build(numbers, key: \.bitPattern, size: { _ in 4 }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.float(built.distinct), built.indices)
        case let .double(numbers):
            guard let built = Self.build(numbers, key: \.bitPattern, size: { _ in 8 }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.double(built.distinct), built.indices)
        case let .byteArray(arrays):
            guard let built = Self.build(arrays, key: { $0 }, size: { 4 + $0.count }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.byteArray(built.distinct), built.indices)
        case let .fixedLenByteArray(arrays):
            guard let built = Self.build(arrays, key: { $0 }, size: { $0.count }, limit: maxDictionaryBytes) else { return nil }
            (dictionary, indices) = (.fixedLenByteArray(built.distinct), built.indices)
        }
    }

    /// Bit width of the indices: enough for `dictionary.count - 1`, and at least 1 because some
    /// readers mishandle width 0.
    public var indexBitWidth: Int {
        max(1, RLEHybrid.bitWidth(forMaxValue: UInt32(max(dictionary.count - 1, 0))))
    }

    /// A data page's value section: one byte of bit width, then the RLE-hybrid indices of
    /// `indices[range]` with no length prefix.
    public func encodedIndices(_ range: Range<Int>) -> [UInt8] {
        let width = indexBitWidth
        return [UInt8(width)] + RLEHybrid.encode(Array(indices[range]), bitWidth: width)
    }

    private static func build<Value, Key: Hashable>(
        _ values: [Value], key: (Value) -> Key, size: (Value) -> Int, limit: Int
    ) -> (distinct: [Value], indices: [UInt32])? {
        var positions: [Key: UInt32] = [:]
        var distinct: [Value] = []
        var indices: [UInt32] = []
        indices.reserveCapacity(values.count)
        var bytes = 0
        for value in values {
            let valueKey = key(value)
            if let position = positions[valueKey] {
                indices.append(position)
                continue
            }
            bytes += size(value)
            guard bytes <= limit, distinct.count < Int(UInt32.max) else { return nil }
            let position = UInt32(distinct.count)
            positions[valueKey] = position
            distinct.append(value)
            indices.append(position)
        }
        return (distinct, indices)
    }
}
