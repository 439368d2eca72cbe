// One entry point from a `CompressionCodec` to the codec implementations, used by the page
// writer and the page reader. Decompression is told the size the page header declares and a
// limit: a header that announces more than the limit is rejected before any buffer is allocated,
// so a corrupt or hostile file cannot make the reader reserve gigabytes.

/// Compresses and decompresses Parquet page bodies with the codec named in the column metadata.
public enum PageCompression {
    /// Default ceiling for one decompressed page body (256 MiB); real pages are ~1 MiB.
    public static let defaultDecompressedLimit = 256 << 20

    /// The codecs this library can write and read.
    public static let supportedCodecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd]

    /// Compresses a page body with `codec`.
    ///
    /// - Parameter snappyMode: `.literalOnly` reproduces writers that store Snappy pages without
    ///   copies; ignored by the other codecs.
    /// - Throws: `ParquetError.unsupportedCodec` for codecs other than `supportedCodecs`.
    public static func compress(_ body: [UInt8], codec: CompressionCodec,
                                snappyMode: Snappy.Mode = .matching) throws(ParquetError) -> [UInt8] {
        switch codec {
        case .uncompressed: return body
        case .snappy: return Snappy.compress(body, mode: snappyMode)
        case .gzip: return try Gzip.compress(body)
        case .zstd: return try Zstd.compress(body)
        default: throw ParquetError.unsupportedCodec(codec.description)
        }
    }

    /// Decompresses a page body that the page header says inflates to `uncompressedSize` bytes.
    ///
    /// - Throws: `ParquetError.decompressedSizeLimitExceeded` when `uncompressedSize > limit`,
    ///   `.compressionFailed` when the data is corrupt or inflates to another size,
    ///   `.unsupportedCodec` for codecs other than `supportedCodecs`.
    public static func decompress(_ body: [UInt8], codec: CompressionCodec, uncompressedSize: Int,
                                  limit: Int = defaultDecompressedLimit) throws(ParquetError) -> [UInt8] {
        guard uncompressedSize <= limit else {
            throw ParquetError.decompressedSizeLimitExceeded(limit: limit)
        }
        guard uncompressedSize >= 0 else {
            throw ParquetError.compressionFailed(
                codec: codec.description, reason: "negative uncompressed size \(uncompressedSize)")
        }
        switch codec {
        case .uncompressed:
            guard body.count == uncompressedSize else {
                throw ParquetError.compressionFailed(
                    codec: codec.description,
                    reason: "page holds \(body.count) bytes, the header declares \(uncompressedSize)")
            }
            return body
        case .snappy:
            let output = try Snappy.decompress(body, limit: limit)
            guard output.count == uncompressedSize else {
                throw ParquetError.compressionFailed(
                    codec: codec.description,
                    reason: "data decompresses to \(output.count) bytes, the header declares \(uncompressedSize)")
            }
            return output
        case .gzip: return try Gzip.decompress(body, uncompressedSize: uncompressedSize)
        case .zstd: return try Zstd.decompress(body, uncompressedSize: uncompressedSize)
        default: throw ParquetError.unsupportedCodec(codec.description)
        }
    }
}
