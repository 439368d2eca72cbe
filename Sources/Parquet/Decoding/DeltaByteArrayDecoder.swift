/// Decoders for the two byte-array delta encodings:
/// DELTA_LENGTH_BYTE_ARRAY = DELTA_BINARY_PACKED lengths, then all bytes concatenated;
/// DELTA_BYTE_ARRAY = DELTA_BINARY_PACKED prefix lengths, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY; value[i] = value[i-1].prefix(prefix[i]) + suffix[i].
enum DeltaByteArrayDecoder {
    static func decodeLengthPrefixed(_ reader: inout ByteReader, count: Int, column: String) throws(ParquetError) -> ByteArrayBuffer {
        let lengths = try DeltaBinaryPackedDecoder.decode(&reader, maxCount: count, column: column)
        guard lengths.count >= count else {
            throw ParquetError.corruptPage(column: column, reason: "DELTA_LENGTH_BYTE_ARRAY has \(lengths.count) lengths for \(count) values")
        }
        var values = ByteArrayBuffer()
        for length in lengths.prefix(count) {
            guard let size = Int(exactly: length), size >= 0 else {
                throw ParquetError.corruptPage(column: column, reason: "negative byte array length \(length)")
            }
            values.append(try reader.readBytes(size))
        }
        return values
    }

    static func decodeIncremental(_ reader: inout ByteReader, count: Int, column: String) throws(ParquetError) -> ByteArrayBuffer {
        let prefixes = try DeltaBinaryPackedDecoder.decode(&reader, maxCount: count, column: column)
        let suffixes = try decodeLengthPrefixed(&reader, count: count, column: column)
        guard prefixes.count >= count else {
            throw ParquetError.corruptPage(column: column, reason: "DELTA_BYTE_ARRAY has \(prefixes.count) prefixes for \(count) values")
        }
        var values = ByteArrayBuffer()
        var previous: [UInt8] = []
        for index in 0..<count {
            guard let prefix = Int(exactly: prefixes[index]), prefix >= 0, prefix <= previous.count else {
                throw ParquetError.corruptPage(
                    column: column, reason: "DELTA_BYTE_ARRAY prefix \(prefixes[index]) longer than the previous value")
            }
            let value = Array(previous[0..<prefix]) + suffixes[index]
            values.append(value)
            previous = value
        }
        return values
    }
}
