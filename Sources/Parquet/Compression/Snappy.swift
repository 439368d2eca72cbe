// Snappy raw block format (not the framing format, not Hadoop's block stream), as Parquet stores
// it: a ULEB128 preamble with the uncompressed length, then literal and copy elements.
//
// Decoding trusts nothing: every tag, length and offset is bounds-checked against the input and
// against the preamble length, so a corrupt page yields a `ParquetError` and never a trap or an
// allocation larger than the caller's limit. The compressor lives in `Snappy+Compress.swift`.

/// Pure-Swift Snappy codec for Parquet pages.
///
/// `compress` is deterministic (same input, same bytes) and its output is readable by any Snappy
/// decoder; `decompress` accepts any valid stream, including ones from other writers.
public enum Snappy {
    /// How the compressor looks for repeated bytes.
    public enum Mode: Sendable, Equatable {
        /// Hash-table match finder in the style of the reference compressor (the default).
        case matching
        /// Literals only: every 64 KiB fragment becomes one literal element. Valid Snappy that
        /// compresses nothing; it reproduces files from writers that never emit copies.
        case literalOnly
    }

    /// Decodes one raw Snappy block.
    ///
    /// - Parameter limit: the largest uncompressed size accepted; a preamble above it is
    ///   rejected before anything is allocated.
    /// - Throws: `ParquetError` when the stream is truncated or malformed, or its length is
    ///   above `limit`.
    public static func decompress(_ input: [UInt8], limit: Int) throws(ParquetError) -> [UInt8] {
        var position = 0
        let declared = try readPreamble(input, position: &position)
        guard declared <= limit else {
            throw ParquetError.decompressedSizeLimitExceeded(limit: limit)
        }
        // The output is allocated once, at its declared size, and filled by bulk copies through
        // a `BlockFiller` (where the raw-memory code is): elements are short and frequent.
        return try ByteWriter.filling(declared) { (output: inout BlockFiller) throws(ParquetError) in
            while position < input.count {
                let tag = input[position]
                position += 1
                switch tag & 0b11 {
                case 0:
                    let length = try literalLength(tag: tag, input: input, position: &position)
                    guard length <= input.count - position else {
                        throw corrupt("literal of \(length) bytes at offset \(position) runs past the end of the input")
                    }
                    guard output.copy(input, position..<(position + length)) else {
                        throw corrupt("literal at offset \(position) overflows the declared length \(declared)")
                    }
                    position += length
                case 1:
                    guard position < input.count else { throw corrupt("copy element truncated at offset \(position)") }
                    let length = 4 + Int((tag >> 2) & 0b111)
                    let offset = Int(tag >> 5) << 8 | Int(input[position])
                    position += 1
                    try appendCopy(offset: offset, length: length, declared: declared, to: &output)
                case 2:
                    let offset = try littleEndian(input, position: &position, width: 2)
                    try appendCopy(offset: offset, length: Int(tag >> 2) + 1, declared: declared, to: &output)
                default:
                    let offset = try littleEndian(input, position: &position, width: 4)
                    try appendCopy(offset: offset, length: Int(tag >> 2) + 1, declared: declared, to: &output)
                }
            }
            guard output.filled == declared else {
                throw corrupt("stream ends after \(output.filled) of \(declared) declared bytes")
            }
        }
    }

    /// Reads the ULEB128 uncompressed length (at most 5 bytes, at most `UInt32.max`).
    private static func readPreamble(_ input: [UInt8], position: inout Int) throws(ParquetError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < input.count else { throw corrupt("length preamble is truncated") }
            guard shift < 35 else { throw corrupt("length preamble is longer than 5 bytes") }
            let byte = input[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { break }
        }
        guard value <= UInt64(UInt32.max), let length = Int(exactly: value) else {
            throw corrupt("length preamble \(value) does not fit in 32 bits")
        }
        return length
    }

    /// Length of a literal element; lengths above 60 are stored in 1 to 4 extra bytes.
    private static func literalLength(tag: UInt8, input: [UInt8], position: inout Int) throws(ParquetError) -> Int {
        let short = Int(tag >> 2)
        if short < 60 { return short + 1 }
        let stored = try littleEndian(input, position: &position, width: short - 59)
        return stored + 1
    }

    /// Reads a `width`-byte little-endian unsigned integer (width ≤ 4, so it fits in `Int`).
    @inline(__always)
    private static func littleEndian(_ input: [UInt8], position: inout Int, width: Int) throws(ParquetError) -> Int {
        guard width <= input.count - position else {
            throw corrupt("element at offset \(position) needs \(width) more bytes than the input has")
        }
        var value = 0
        for index in 0..<width {
            value |= Int(input[position + index]) << (8 * index)
        }
        position += width
        return value
    }

    /// Appends `length` bytes copied from `offset` bytes back; an overlapping copy (offset <
    /// length) repeats the pattern, as the format defines.
    private static func appendCopy(offset: Int, length: Int, declared: Int, to output: inout BlockFiller) throws(ParquetError) {
        guard offset > 0, offset <= output.filled else {
            throw corrupt("copy offset \(offset) points outside the \(output.filled) bytes decoded so far")
        }
        guard output.repeatBack(distance: offset, count: length) else {
            throw corrupt("copy of \(length) bytes overflows the declared length \(declared)")
        }
    }

    private static func corrupt(_ reason: String) -> ParquetError {
        .compressionFailed(codec: "SNAPPY", reason: reason)
    }
}
