/// Decoder for BYTE_STREAM_SPLIT: byte j of value i is stored at `data[j * count + i]`, where
/// `count` is the number of non-null values in the page (not the level count, PARQUET-2241).
enum ByteStreamSplitDecoder {
    static func decode(
        _ type: PhysicalType, count: Int, typeLength: Int32?, from reader: inout ByteReader, column: String
    ) throws(ParquetError) -> ColumnBuffer {
        let width: Int
        switch type {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        case .fixedLenByteArray: width = try PlainDecoder.fixedWidth(typeLength)
        default: throw ParquetError.unsupportedEncoding(encoding: "BYTE_STREAM_SPLIT for \(type)", column: column)
        }
        let total = try reader.checkedByteCount(items: count, width: width)
        let streams = try reader.readBytes(total)
        var interleaved = ByteWriter(reservingCapacity: total)
        for index in 0..<count {
            for byte in 0..<width { interleaved.writeUInt8(streams[byte * count + index]) }
        }
        var plain = ByteReader(interleaved.bytes)
        return try PlainDecoder.decode(type, count: count, typeLength: typeLength, from: &plain)
    }
}
