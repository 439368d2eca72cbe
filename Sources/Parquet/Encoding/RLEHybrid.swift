// The RLE / bit-packing hybrid of Parquet's Encodings.md, used for repetition and definition
// levels, dictionary indices and RLE booleans:
//
//   run        := bit-packed | rle
//   bit-packed := varint(groups << 1 | 1), then groups × 8 values of `bitWidth` bits, LSB first
//   rle        := varint(count << 1), then the value in ceil(bitWidth / 8) little-endian bytes
//
// Neither side writes or reads a length prefix or a bit-width byte: those belong to the page
// layout (v1 levels carry a 4-byte length, dictionary indices a 1-byte width) and are handled by
// the page code. The encoder emits an RLE run for 8 or more equal values that start on a group
// boundary and bit-packs everything else, which is the strategy of arrow's `RleEncoder`.

/// Encoder and decoder for the RLE / bit-packing hybrid encoding.
public enum RLEHybrid {
    /// Number of bits needed for values up to `maxValue` (0 for 0): the bit width of levels
    /// whose maximum is `maxValue`, or of indices into a dictionary of `maxValue + 1` entries.
    public static func bitWidth(forMaxValue maxValue: UInt32) -> Int {
        UInt32.bitWidth - maxValue.leadingZeroBitCount
    }

    /// Encodes `values`, each below `1 << bitWidth` (`bitWidth` in 0…32).
    public static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        encode(values, bitWidth: bitWidth, into: &output)
        return output
    }

    /// Appends the encoding of `values` to `output`. Generic so that levels can be encoded
    /// straight from validity flags and indices from a slice, without an intermediate array.
    static func encode<Values: RandomAccessCollection>(
        _ values: Values, bitWidth: Int, into output: inout [UInt8]
    ) where Values.Element == UInt32 {
        precondition((0...32).contains(bitWidth), "RLE hybrid bit width must be 0…32")
        var literals = BitPackedRun(bitWidth: bitWidth)
        var index = values.startIndex
        while index < values.endIndex {
            let value = values[index]
            var runEnd = values.index(after: index)
            while runEnd < values.endIndex, values[runEnd] == value { values.formIndex(after: &runEnd) }
            let runLength = values.distance(from: index, to: runEnd)
            if runLength < 8 {
                for _ in 0..<runLength { literals.append(value) }
                index = runEnd
            } else if literals.count % 8 != 0 {
                // Complete the pending bit-packed group from the run, then look at the rest again.
                let borrowed = 8 - literals.count % 8
                for _ in 0..<borrowed { literals.append(value) }
                values.formIndex(&index, offsetBy: borrowed)
            } else {
                literals.flush(to: &output)
                appendRepeated(value, count: runLength, bitWidth: bitWidth, to: &output)
                index = runEnd
            }
        }
        literals.flush(to: &output)
    }

    /// Decodes exactly `count` values of `bitWidth` bits from `bytes`; `column` names the column
    /// in error messages.
    ///
    /// Bytes after the `count`-th value (padding of the last bit-packed group, or anything the
    /// page puts behind the runs) are ignored.
    /// - Throws: `ParquetError` if the runs end before `count` values, a run header is malformed
    ///   or a repeated value does not fit in `bitWidth` bits.
    public static func decode(_ bytes: ArraySlice<UInt8>, bitWidth: Int, count: Int,
                              column: String = "") throws(ParquetError) -> [UInt32] {
        do {
            return try decodeRuns(bytes, bitWidth: bitWidth, count: count)
        } catch {
            throw ParquetError.corruptPage(column: column, reason: "RLE/bit-packed data: \(error.text)")
        }
    }

    /// Decodes from a whole array; see `decode(_:bitWidth:count:column:)` for slices.
    public static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int, column: String = "") throws(ParquetError) -> [UInt32] {
        try decode(bytes[...], bitWidth: bitWidth, count: count, column: column)
    }

    private struct RunError: Error {
        let text: String
    }

    private static func decodeRuns(_ bytes: ArraySlice<UInt8>, bitWidth: Int, count: Int) throws(RunError) -> [UInt32] {
        guard (0...32).contains(bitWidth) else {
            throw corrupt("bit width \(bitWidth) is outside 0…32")
        }
        guard count >= 0 else { throw corrupt("negative value count \(count)") }
        var values: [UInt32] = []
        values.reserveCapacity(min(count, bytes.count * 8 + 64))
        var position = bytes.startIndex
        while values.count < count {
            let header = try readRunHeader(bytes, position: &position)
            let needed = count - values.count
            if header & 1 == 0 {
                let value = try readRepeatedValue(bytes, position: &position, bitWidth: bitWidth)
                let runLength = Int(clamping: header >> 1)
                values.append(contentsOf: repeatElement(value, count: min(runLength, needed)))
            } else {
                let groupValues = Int(clamping: header >> 1) &* 8
                let take = min(groupValues, needed)
                try readBitPacked(bytes, position: &position, bitWidth: bitWidth, count: take, into: &values)
                // Skip the rest of the run (padding or values past `count`), as far as it exists.
                let runBytes = (header >> 1).multipliedReportingOverflow(by: UInt64(bitWidth))
                let consumed = (take * bitWidth + 7) / 8
                if !runBytes.overflow, let total = Int(exactly: runBytes.partialValue) {
                    position += min(total - consumed, bytes.endIndex - position)
                } else {
                    position = bytes.endIndex
                }
            }
        }
        return values
    }

    // MARK: Encoding

    private static func appendRepeated(_ value: UInt32, count: Int, bitWidth: Int, to output: inout [UInt8]) {
        let valueBytes = (bitWidth + 7) / 8
        var remaining = count
        while remaining > 0 {
            // Run lengths must fit in a signed 32-bit integer.
            let runLength = min(remaining, 1 << 30)
            appendVarint(UInt64(runLength) << 1, to: &output)
            for byteIndex in 0..<valueBytes {
                output.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * byteIndex)))
            }
            remaining -= runLength
        }
    }

    private static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    // MARK: Decoding

    private static func readRunHeader(_ bytes: ArraySlice<UInt8>, position: inout Int) throws(RunError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else {
                throw corrupt("runs end at byte \(position - bytes.startIndex) before all values were read")
            }
            guard shift < 35 else { throw corrupt("run header is longer than 5 bytes") }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { return value }
        }
    }

    private static func readRepeatedValue(_ bytes: ArraySlice<UInt8>, position: inout Int, bitWidth: Int) throws(RunError) -> UInt32 {
        let valueBytes = (bitWidth + 7) / 8
        guard valueBytes <= bytes.endIndex - position else {
            throw corrupt("repeated value at byte \(position - bytes.startIndex) is truncated")
        }
        var value: UInt64 = 0
        for byteIndex in 0..<valueBytes {
            value |= UInt64(bytes[position + byteIndex]) << UInt64(8 * byteIndex)
        }
        position += valueBytes
        guard value >> UInt64(bitWidth) == 0, let narrow = UInt32(exactly: value) else {
            throw corrupt("repeated value \(value) does not fit in \(bitWidth) bits")
        }
        return narrow
    }

    /// Unpacks `count` values LSB first, leaving `position` after the last byte touched.
    private static func readBitPacked(_ bytes: ArraySlice<UInt8>, position: inout Int, bitWidth: Int, count: Int,
                                      into values: inout [UInt32]) throws(RunError) {
        let neededBytes = (count * bitWidth + 7) / 8
        guard neededBytes <= bytes.endIndex - position else {
            throw corrupt("bit-packed run at byte \(position - bytes.startIndex) is truncated")
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var accumulator: UInt64 = 0
        var availableBits = 0
        var cursor = position
        for _ in 0..<count {
            while availableBits < bitWidth {
                accumulator |= UInt64(bytes[cursor]) << UInt64(availableBits)
                cursor += 1
                availableBits += 8
            }
            values.append(UInt32(truncatingIfNeeded: accumulator & mask))
            accumulator >>= UInt64(bitWidth)
            availableBits -= bitWidth
        }
        position += neededBytes
    }

    private static func corrupt(_ reason: String) -> RunError {
        RunError(text: reason)
    }
}

/// Literal values waiting to be written as one bit-packed run: packed as they arrive (so a long
/// literal stretch costs no array of values), then prefixed with the run header on `flush`.
/// Values gather in a 64-bit word that is stored whole when full: one append per eight bytes,
/// not one per byte (dictionary indices of a few bits each made the per-byte appends, each
/// with its buffer checks, most of the encoder's time).
private struct BitPackedRun {
    let bitWidth: Int
    private(set) var count = 0
    private var packed = ByteWriter()
    private var accumulator: UInt64 = 0
    /// Bits of `accumulator` in use, below 64.
    private var pendingBits = 0

    init(bitWidth: Int) {
        self.bitWidth = bitWidth
    }

    @inline(__always)
    mutating func append(_ value: UInt32) {
        accumulator |= UInt64(value) << UInt64(pendingBits)
        pendingBits += bitWidth
        if pendingBits >= 64 {
            packed.writeUInt64LE(accumulator)
            pendingBits -= 64
            // The high bits of `value` that did not fit in the word stored (none when it ended
            // exactly at bit 64).
            accumulator = pendingBits == 0 ? 0 : UInt64(value) >> UInt64(bitWidth - pendingBits)
        }
        count += 1
    }

    /// Writes the run (padded with zeros to whole groups of 8) and starts an empty one.
    mutating func flush(to output: inout [UInt8]) {
        guard count > 0 else { return }
        while count % 8 != 0 { append(0) }
        // groups × 8 × bitWidth is a multiple of 8 bits, so the word holds whole bytes.
        while pendingBits > 0 {
            packed.writeUInt8(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            pendingBits -= 8
        }
        accumulator = 0
        var header = UInt64(count / 8) << 1 | 1
        while header >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: header) | 0x80)
            header >>= 7
        }
        output.append(UInt8(header))
        output.append(contentsOf: packed.bytes)
        packed.removeAll()
        count = 0
    }
}
