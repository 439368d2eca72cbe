// PLAIN encoding (Encodings.md): fixed-width values little-endian back to back, BYTE_ARRAY as a
// 4-byte little-endian length then the bytes, FIXED_LEN_BYTE_ARRAY as raw bytes of the declared
// width, BOOLEAN one bit per value, least-significant bit first. Only non-null values are
// encoded; nulls live in the definition levels.
//
// The encoder reads a `ColumnBuffer` range: one switch per call, then a bulk copy (numbers on a
// little-endian machine, the bytes of FIXED_LEN_BYTE_ARRAY) or one tight loop.

/// Encodes column values in Parquet's PLAIN encoding.
public enum PlainEncoder {
    /// PLAIN bytes of `values`.
    ///
    /// Precondition: every FIXED_LEN_BYTE_ARRAY value has the column's width and every
    /// BYTE_ARRAY value is shorter than 4 GiB; the writer validates both before encoding.
    public static func encode(_ values: ColumnValues) -> [UInt8] {
        let buffer = ColumnBuffer(values)
        var writer = ByteWriter(reservingCapacity: buffer.plainSize(0..<buffer.count))
        encode(buffer, range: 0..<buffer.count, into: &writer)
        return writer.bytes
    }

    /// Appends the PLAIN bytes of values `range` of `buffer` to `writer`.
    public static func encode(_ buffer: ColumnBuffer, range: Range<Int>, into writer: inout ByteWriter) {
        switch buffer {
        case let .boolean(flags):
            var byte: UInt8 = 0
            var bit = 0
            for flag in flags[range] {
                if flag { byte |= 1 << UInt8(bit) }
                bit += 1
                if bit == 8 {
                    writer.writeUInt8(byte)
                    byte = 0
                    bit = 0
                }
            }
            if bit != 0 { writer.writeUInt8(byte) }
        case let .int32(numbers): writer.writeLittleEndianArray(numbers[range])
        case let .int64(numbers): writer.writeLittleEndianArray(numbers[range])
        case let .int96(stamps):
            for stamp in stamps[range] {
                writer.writeInt64LE(stamp.nanosOfDay)
                writer.writeInt32LE(stamp.julianDay)
            }
        case let .float(numbers): for number in numbers[range] { writer.writeFloatLE(number) }
        case let .double(numbers): for number in numbers[range] { writer.writeDoubleLE(number) }
        case let .byteArray(arrays): writer.writeByteArrays(arrays, range: range, lengthPrefixed: true)
        case let .fixedLenByteArray(arrays): writer.writeByteArrays(arrays, range: range, lengthPrefixed: false)
        }
    }

    /// PLAIN bytes of the single value at `index`, as statistics store it (BYTE_ARRAY without
    /// its length).
    static func statisticsBytes(of buffer: ColumnBuffer, at index: Int) -> [UInt8] {
        switch buffer {
        case let .boolean(flags): return [flags[index] ? 1 : 0]
        case let .byteArray(arrays), let .fixedLenByteArray(arrays): return Array(arrays[index])
        default:
            var writer = ByteWriter(reservingCapacity: 12)
            encode(buffer, range: index..<(index + 1), into: &writer)
            return writer.bytes
        }
    }

    /// Exact size of `encode(values)` in bytes.
    public static func encodedSize(_ values: ColumnValues) -> Int {
        switch values {
        case let .boolean(flags): return (flags.count + 7) / 8
        case let .int32(numbers): return numbers.count * 4
        case let .int64(numbers): return numbers.count * 8
        case let .int96(stamps): return stamps.count * 12
        case let .float(numbers): return numbers.count * 4
        case let .double(numbers): return numbers.count * 8
        case let .byteArray(arrays): return arrays.reduce(0) { $0 + 4 + $1.count }
        case let .fixedLenByteArray(arrays): return arrays.reduce(0) { $0 + $1.count }
        }
    }
}
