/// Reads fixed-width unsigned integers packed least-significant-bit first (the order of
/// DELTA_BINARY_PACKED miniblocks and the RLE hybrid), or most-significant-bit first (the
/// deprecated BIT_PACKED level encoding).
enum BitUnpacking {
    /// Unpacks `count` values of `width` bits (0…64), LSB first, from `bytes[start...]`.
    /// The caller has checked that `count * width` bits are available.
    static func unpackLSBFirst(_ bytes: [UInt8], start: Int, width: Int, count: Int) -> [UInt64] {
        guard width > 0 else { return [UInt64](repeating: 0, count: count) }
        var values: [UInt64] = []
        values.reserveCapacity(count)
        var position = start
        var buffer: UInt64 = 0
        var buffered = 0
        for _ in 0..<count {
            var value: UInt64 = 0
            var filled = 0
            while filled < width {
                if buffered == 0 {
                    buffer = UInt64(bytes[position])
                    position += 1
                    buffered = 8
                }
                let take = min(width - filled, buffered)
                let mask: UInt64 = take == 64 ? .max : (1 << UInt64(take)) - 1
                value |= (buffer & mask) << UInt64(filled)
                buffer >>= UInt64(take)
                buffered -= take
                filled += take
            }
            values.append(value)
        }
        return values
    }

    /// Unpacks `count` values of `width` bits (0…32), MSB first, from `bytes[start...]`.
    static func unpackMSBFirst(_ bytes: [UInt8], start: Int, width: Int, count: Int) -> [UInt32] {
        var values: [UInt32] = []
        values.reserveCapacity(count)
        var bit = 0
        for _ in 0..<count {
            var value: UInt32 = 0
            for _ in 0..<width {
                let byte = bytes[start + bit >> 3]
                value = value << 1 | UInt32((byte >> UInt8(7 - bit & 7)) & 1)
                bit += 1
            }
            values.append(value)
        }
        return values
    }
}
