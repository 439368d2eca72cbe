// PLAIN encoding (Encodings.md): fixed-width values little-endian back to back, BYTE_ARRAY as a
// 4-byte little-endian length then the bytes, FIXED_LEN_BYTE_ARRAY as raw bytes of the declared
// width, BOOLEAN one bit per value, least-significant bit first. Only non-null values are
// encoded; nulls live in the definition levels.

/// Encodes column values in Parquet's PLAIN encoding.
public enum PlainEncoder {
    /// PLAIN bytes of `values`.
    ///
    /// Precondition: every FIXED_LEN_BYTE_ARRAY value has the column's width and every
    /// BYTE_ARRAY value is shorter than 4 GiB; the writer validates both before encoding.
    public static func encode(_ values: ColumnValues) -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: encodedSize(values))
        switch values {
        case let .boolean(flags):
            var byte: UInt8 = 0
            for (index, flag) in flags.enumerated() {
                if flag { byte |= 1 << UInt8(index % 8) }
                if index % 8 == 7 {
                    writer.writeUInt8(byte)
                    byte = 0
                }
            }
            if flags.count % 8 != 0 { writer.writeUInt8(byte) }
        case let .int32(numbers): for number in numbers { writer.writeInt32LE(number) }
        case let .int64(numbers): for number in numbers { writer.writeInt64LE(number) }
        case let .int96(stamps):
            for stamp in stamps {
                writer.writeInt64LE(stamp.nanosOfDay)
                writer.writeInt32LE(stamp.julianDay)
            }
        case let .float(numbers): for number in numbers { writer.writeFloatLE(number) }
        case let .double(numbers): for number in numbers { writer.writeDoubleLE(number) }
        case let .byteArray(arrays):
            for array in arrays {
                writer.writeUInt32LE(UInt32(array.count))
                writer.writeBytes(array)
            }
        case let .fixedLenByteArray(arrays): for array in arrays { writer.writeBytes(array) }
        }
        return writer.bytes
    }

    /// PLAIN bytes of a single value, as statistics store it (BYTE_ARRAY without its length).
    static func statisticsBytes(of values: ColumnValues, at index: Int) -> [UInt8] {
        switch values {
        case let .boolean(flags): return [flags[index] ? 1 : 0]
        case let .byteArray(arrays): return arrays[index]
        case let .fixedLenByteArray(arrays): return arrays[index]
        default: return encode(values.slice(index..<(index + 1)))
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
