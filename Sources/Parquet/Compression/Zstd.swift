// ZSTD (RFC 8878 frames) through the system libzstd.
//
// libzstd is a C API, so the buffers are lent to it inside `withUnsafe…BufferPointer` closures
// and never escape them. `ZSTD_decompress` handles several concatenated frames and refuses to
// write past the buffer, which is sized from the page header (already checked against a limit).

import CZstd

/// ZSTD codec for Parquet pages, backed by libzstd.
public enum Zstd {
    /// Compresses `input` into one zstd frame at `level` (pyarrow's default is 1).
    public static func compress(_ input: [UInt8], level: Int32 = 1) throws(ParquetError) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        guard ZSTD_isError(bound) == 0 else {
            throw ParquetError.compressionFailed(codec: "ZSTD", reason: "input of \(input.count) bytes is too large")
        }
        var output = [UInt8](repeating: 0, count: max(bound, 1))
        let source = input.isEmpty ? [0] : input
        let written = source.withUnsafeBufferPointer { sourceBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                ZSTD_compress(outputBuffer.baseAddress, outputBuffer.count,
                              sourceBuffer.baseAddress, input.count, level)
            }
        }
        guard ZSTD_isError(written) == 0 else {
            throw ParquetError.compressionFailed(codec: "ZSTD", reason: errorName(written))
        }
        output.removeSubrange(written...)
        return output
    }

    /// Decompresses one or more zstd frames into exactly `uncompressedSize` bytes.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        guard !input.isEmpty else {
            throw ParquetError.compressionFailed(codec: "ZSTD", reason: "compressed page is empty")
        }
        // One spare byte lets a frame that is longer than declared be detected.
        var output = [UInt8](repeating: 0, count: uncompressedSize + 1)
        let written = input.withUnsafeBufferPointer { sourceBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                ZSTD_decompress(outputBuffer.baseAddress, outputBuffer.count,
                                sourceBuffer.baseAddress, sourceBuffer.count)
            }
        }
        guard ZSTD_isError(written) == 0 else {
            throw ParquetError.compressionFailed(codec: "ZSTD", reason: errorName(written))
        }
        guard written == uncompressedSize else {
            throw ParquetError.compressionFailed(
                codec: "ZSTD", reason: "data decompresses to \(written) bytes, the page declares \(uncompressedSize)")
        }
        output.removeLast()
        return output
    }

    private static func errorName(_ code: Int) -> String {
        guard let name = ZSTD_getErrorName(code) else { return "error \(code)" }
        return String(cString: name)
    }
}
