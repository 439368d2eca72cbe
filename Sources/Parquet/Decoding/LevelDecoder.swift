/// Decodes repetition or definition levels of a data page, with the layout rules of the two
/// page versions: v1 RLE levels carry a 4-byte length prefix, v2 levels have their byte length in
/// the page header, and the deprecated BIT_PACKED encoding packs MSB first without a prefix.
/// Every level is checked against the column's maximum so record assembly can trust them.
enum LevelDecoder {
    /// Decodes `count` levels from a v1 page body, moving `reader` past them.
    static func decodeV1(
        _ reader: inout ByteReader, encoding: Encoding, maxLevel: Int, count: Int, column: String
    ) throws(ParquetError) -> [Int16] {
        let width = RLEHybrid.bitWidth(forMaxValue: UInt32(maxLevel))
        if encoding == .bitPacked {
            let byteCount = try reader.checkedByteCount(items: (count * width + 7) / 8, width: 1)
            let bytes = try reader.readBytes(byteCount)
            let raw = BitUnpacking.unpackMSBFirst(bytes, start: 0, width: width, count: count)
            return try checked(raw, maxLevel: maxLevel, column: column)
        }
        guard encoding == .rle else {
            throw ParquetError.unsupportedEncoding(encoding: "\(encoding) for levels", column: column)
        }
        let length = try reader.readUInt32LE()
        guard let size = Int(exactly: length) else { throw ParquetError.truncated(offset: reader.offset, needed: Int.max) }
        let bytes = try reader.readBytes(size)
        return try decodeRLE(bytes, maxLevel: maxLevel, count: count, column: column)
    }

    /// Decodes `count` RLE-hybrid levels from exactly `bytes` (v2 pages, or a v1 length-prefixed run).
    static func decodeRLE(_ bytes: [UInt8], maxLevel: Int, count: Int, column: String) throws(ParquetError) -> [Int16] {
        let width = RLEHybrid.bitWidth(forMaxValue: UInt32(maxLevel))
        let raw = try RLEHybrid.decode(bytes, bitWidth: width, count: count, column: column)
        return try checked(raw, maxLevel: maxLevel, column: column)
    }

    private static func checked(_ raw: [UInt32], maxLevel: Int, column: String) throws(ParquetError) -> [Int16] {
        var levels: [Int16] = []
        levels.reserveCapacity(raw.count)
        for value in raw {
            guard value <= UInt32(maxLevel) else {
                throw ParquetError.corruptPage(column: column, reason: "level \(value) exceeds the maximum \(maxLevel)")
            }
            levels.append(Int16(value))
        }
        return levels
    }
}
