// DELTA_BINARY_PACKED (Encodings.md): a header (block size, miniblocks per block, value count,
// first value) then blocks of (zigzag min delta, one bit-width byte per miniblock, miniblocks).
// Values are rebuilt with wrapping 64-bit arithmetic; INT32 columns truncate afterwards, which
// equals wrapping at 32 bits. Trailing miniblocks after the last value have a width byte but no
// data, so decoding stops as soon as `count` values exist; the reader is left right after the
// stream, which DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY rely on.

/// Decoder for DELTA_BINARY_PACKED streams.
enum DeltaBinaryPackedDecoder {
    /// Decodes one stream, returning all its values; `maxCount` caps the header's value count.
    static func decode(_ reader: inout ByteReader, maxCount: Int, column: String) throws(ParquetError) -> [Int64] {
        func corrupt(_ reason: String) -> ParquetError {
            .corruptPage(column: column, reason: "DELTA_BINARY_PACKED \(reason)")
        }
        let blockSize = try reader.readVarUInt64()
        let miniblockCount = try reader.readVarUInt64()
        let totalCount = try reader.readVarUInt64()
        let first = try reader.readZigZagInt64()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20,
              miniblockCount > 0, blockSize % miniblockCount == 0, (blockSize / miniblockCount) % 32 == 0 else {
            throw corrupt("header has block size \(blockSize) with \(miniblockCount) miniblocks")
        }
        guard let count = Int(exactly: totalCount), count <= maxCount else {
            throw corrupt("stream announces \(totalCount) values, more than the page holds (\(maxCount))")
        }
        guard count > 0 else { return [] }
        let miniblocks = Int(miniblockCount)
        let perMiniblock = Int(blockSize / miniblockCount)
        var values: [Int64] = [first]
        values.reserveCapacity(count)
        var last = first
        while values.count < count {
            let minDelta = try reader.readZigZagInt64()
            let widths = try reader.readBytes(miniblocks)
            for width in widths where values.count < count {
                guard width <= 64 else { throw corrupt("miniblock bit width \(width) exceeds 64") }
                let byteCount = perMiniblock * Int(width) / 8
                let block = try reader.readBytes(byteCount)
                let packed = BitUnpacking.unpackLSBFirst(
                    block, start: 0, width: Int(width), count: min(perMiniblock, count - values.count))
                for delta in packed {
                    last = last &+ minDelta &+ Int64(bitPattern: delta)
                    values.append(last)
                }
            }
        }
        return values
    }
}
