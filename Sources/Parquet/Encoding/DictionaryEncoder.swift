// Dictionary encoding: the distinct values of a column chunk in order of first appearance (so the
// same input always gives the same dictionary) and, per value, its index. The dictionary page
// stores the distinct values PLAIN; data pages store the indices with the RLE hybrid behind a
// one-byte bit width.
//
// Values are compared by their bits, never by Swift `String` or floating-point equality:
// byte strings that Unicode would call equal stay distinct, and NaN or -0.0 keep their exact
// bit patterns. Lookup goes through `DictionaryTable` (open addressing over hashes), comparing a
// candidate in place: byte strings as slices of the input's and the dictionary's buffers,
// numbers as bit patterns. One loop per physical type, no value boxed.

/// Builds the dictionary and index stream of a column chunk.
public struct DictionaryEncoder: Sendable {
    /// The distinct values in first-appearance order, in the column's physical type.
    public let entries: ColumnBuffer
    /// For every input value, its position in `entries`.
    public let indices: [UInt32]

    /// The distinct values in the boxed convenience form.
    public var dictionary: ColumnValues { entries.columnValues }

    /// Dictionary-encodes `values`; see `init?(buffer:maxDictionaryBytes:)`.
    public init?(_ values: ColumnValues, maxDictionaryBytes: Int) {
        self.init(buffer: ColumnBuffer(values), maxDictionaryBytes: maxDictionaryBytes)
    }

    /// Dictionary-encodes `values`, or returns nil when the PLAIN-encoded dictionary would exceed
    /// `maxDictionaryBytes` (the caller then falls back to PLAIN). BOOLEAN is never
    /// dictionary-encoded, as in other writers, so it also returns nil.
    public init?(buffer values: ColumnBuffer, maxDictionaryBytes limit: Int) {
        let built: (ColumnBuffer, [UInt32])?
        switch values {
        case .boolean:
            return nil
        case let .int32(numbers):
            built = Self.build(numbers, width: 4, limit: limit, bits: { UInt64(UInt32(bitPattern: $0)) }).map { (.int32($0), $1) }
        case let .int64(numbers):
            built = Self.build(numbers, width: 8, limit: limit, bits: { UInt64(bitPattern: $0) }).map { (.int64($0), $1) }
        case let .int96(stamps):
            built = Self.build(stamps, width: 12, limit: limit, bits: {
                UInt64(bitPattern: $0.nanosOfDay) ^ (UInt64(UInt32(bitPattern: $0.julianDay)) &* 0x9E37_79B9_7F4A_7C15)
            }).map { (.int96($0), $1) }
        case let .float(numbers):
            built = Self.build(numbers, width: 4, limit: limit, bits: { UInt64($0.bitPattern) }).map { (.float($0), $1) }
        case let .double(numbers):
            built = Self.build(numbers, width: 8, limit: limit, bits: \.bitPattern).map { (.double($0), $1) }
        case let .byteArray(buffer):
            built = Self.build(buffer, prefix: 4, limit: limit).map { (.byteArray($0), $1) }
        case let .fixedLenByteArray(buffer):
            built = Self.build(buffer, prefix: 0, limit: limit).map { (.fixedLenByteArray($0), $1) }
        }
        guard let built else { return nil }
        (entries, indices) = built
    }

    /// Bit width of the indices: enough for `entries.count - 1`, and at least 1 because some
    /// readers mishandle width 0.
    public var indexBitWidth: Int {
        max(1, RLEHybrid.bitWidth(forMaxValue: UInt32(max(entries.count - 1, 0))))
    }

    /// A data page's value section: one byte of bit width, then the RLE-hybrid indices of
    /// `indices[range]` with no length prefix.
    public func encodedIndices(_ range: Range<Int>) -> [UInt8] {
        var output: [UInt8] = []
        appendIndices(range, to: &output)
        return output
    }

    /// Appends `encodedIndices(range)` to `output`.
    func appendIndices(_ range: Range<Int>, to output: inout [UInt8]) {
        let width = indexBitWidth
        output.append(UInt8(width))
        RLEHybrid.encode(indices[range], bitWidth: width, into: &output)
    }

    /// Fixed-width values: the table stores hashes of bit patterns; a hit is confirmed by
    /// comparing bit patterns with the entry.
    private static func build<Value>(
        _ values: [Value], width: Int, limit: Int, bits: (Value) -> UInt64
    ) -> ([Value], [UInt32])? {
        var table = DictionaryTable()
        var distinct: [Value] = []
        var indices = [UInt32](repeating: 0, count: values.count)
        for position in values.indices {
            let value = values[position]
            let key = bits(value)
            let (entry, inserted) = table.findOrInsert(hash: DictionaryTable.hash(bits: key)) { bits(distinct[$0]) == key }
            if inserted {
                guard (distinct.count + 1) * width <= limit, distinct.count < Int(Int32.max) else { return nil }
                distinct.append(value)
            }
            indices[position] = UInt32(truncatingIfNeeded: entry)
        }
        return (distinct, indices)
    }

    /// Byte strings: hashed and compared as slices of `values` and of the growing dictionary
    /// buffer; `prefix` is the PLAIN length prefix counted against the limit.
    private static func build(_ values: ByteArrayBuffer, prefix: Int, limit: Int) -> (ByteArrayBuffer, [UInt32])? {
        var table = DictionaryTable()
        var distinct = ByteArrayBuffer()
        var indices = [UInt32](repeating: 0, count: values.count)
        var bytes = 0
        for position in 0..<values.count {
            let (entry, inserted) = table.findOrInsert(hash: values.hash(at: position)) {
                distinct.elementsEqual(at: $0, values, at: position)
            }
            if inserted {
                bytes += prefix + values.length(at: position)
                guard bytes <= limit, distinct.count < Int(Int32.max) else { return nil }
                distinct.append(values, at: position)
            }
            indices[position] = UInt32(truncatingIfNeeded: entry)
        }
        return (distinct, indices)
    }
}
