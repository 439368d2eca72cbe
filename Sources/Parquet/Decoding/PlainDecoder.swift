/// Decodes PLAIN-encoded values (Encodings.md): little-endian fixed-width numbers, bit-packed
/// booleans, length-prefixed byte arrays and fixed-width byte arrays. Used for data pages and
/// for dictionary pages, into the contiguous buffers of `ColumnBuffer`.
enum PlainDecoder {
    /// Decodes `count` values and appends them to `values` (of the same type); byte strings go
    /// straight into its values buffer, without a buffer per page.
    static func decode(
        _ type: PhysicalType, count: Int, typeLength: Int32?, from reader: inout ByteReader,
        appendingTo values: inout ColumnBuffer
    ) throws(ParquetError) {
        if type == .byteArray, case var .byteArray(buffer) = values {
            values = .boolean([])  // release the buffer so it grows in place
            defer { values = .byteArray(buffer) }
            try reader.readByteArrays(count, into: &buffer)
            return
        }
        try values.append(try decode(type, count: count, typeLength: typeLength, from: &reader), column: "")
    }

    static func decode(
        _ type: PhysicalType, count: Int, typeLength: Int32?, from reader: inout ByteReader
    ) throws(ParquetError) -> ColumnBuffer {
        switch type {
        case .boolean:
            let byteCount = try reader.checkedByteCount(items: (count + 7) / 8, width: 1)
            let bytes = try reader.readBytes(byteCount)
            return .boolean((0..<count).map { bytes[$0 >> 3] & (1 << UInt8($0 & 7)) != 0 })
        case .int32:
            return .int32(try reader.readInt32Array(count))
        case .int64:
            return .int64(try reader.readInt64Array(count))
        case .int96:
            _ = try reader.checkedByteCount(items: count, width: 12)
            var values: [Int96] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let nanos = try reader.readInt64LE()
                let day = try reader.readInt32LE()
                values.append(Int96(nanosOfDay: nanos, julianDay: day))
            }
            return .int96(values)
        case .float:
            return .float(try reader.readFloatArray(count))
        case .double:
            return .double(try reader.readDoubleArray(count))
        case .byteArray:
            var values = ByteArrayBuffer()
            try reader.readByteArrays(count, into: &values)
            return .byteArray(values)
        case .fixedLenByteArray:
            let width = try fixedWidth(typeLength)
            let total = try reader.checkedByteCount(items: count, width: width)
            return .fixedLenByteArray(ByteArrayBuffer(width: width, values: try reader.readBytes(total)))
        }
    }

    /// The byte width of a FIXED_LEN_BYTE_ARRAY column, which the schema must give.
    static func fixedWidth(_ typeLength: Int32?) throws(ParquetError) -> Int {
        guard let typeLength, typeLength > 0, let width = Int(exactly: typeLength) else {
            throw ParquetError.invalidSchema(reason: "FIXED_LEN_BYTE_ARRAY without a positive type_length")
        }
        return width
    }
}
