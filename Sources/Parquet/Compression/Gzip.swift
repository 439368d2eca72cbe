// GZIP (RFC 1952) through the system zlib, the form Parquet's GZIP codec means.
//
// zlib is a C API, so the buffers are lent to it inside `withUnsafe…BufferPointer` closures and
// never escape them. Decompression accepts several concatenated gzip members (some writers split
// one page into members) and writes into a buffer of exactly the size the page header declares:
// more output than declared, or less, is an error.

import CZlib

/// GZIP codec for Parquet pages, backed by zlib.
public enum Gzip {
    /// zlib `windowBits` for a gzip wrapper (15-bit window + 16).
    private static let gzipWindowBits: Int32 = 15 + 16
    /// zlib `windowBits` that auto-detects a gzip or zlib wrapper (15-bit window + 32).
    private static let detectWindowBits: Int32 = 15 + 32

    /// Compresses `input` into one gzip member. The header carries no name and mtime 0, so the
    /// same input always gives the same bytes.
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws(ParquetError) -> [UInt8] {
        guard let inputSize = UInt32(exactly: input.count) else {
            throw failure("input of \(input.count) bytes is too large for one page")
        }
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw failure("deflateInit2 failed with status \(initStatus)") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(inputSize)))
        var output = [UInt8](repeating: 0, count: max(bound, 1))
        var source = input.isEmpty ? [0] : input
        let status = source.withUnsafeMutableBufferPointer { sourceBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = sourceBuffer.baseAddress
                stream.avail_in = inputSize
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(clamping: outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw failure("deflate stopped with status \(status)") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Decompresses one or more concatenated gzip (or zlib) members into exactly
    /// `uncompressedSize` bytes.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        guard let inputSize = UInt32(exactly: input.count), UInt32(exactly: uncompressedSize) != nil else {
            throw failure("page sizes \(input.count) → \(uncompressedSize) do not fit zlib's 32-bit counters")
        }
        guard !input.isEmpty else { throw failure("compressed page is empty") }
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, detectWindowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw failure("inflateInit2 failed with status \(initStatus)") }
        defer { inflateEnd(&stream) }
        // One spare byte lets a stream that is longer than declared be detected.
        var output = [UInt8](repeating: 0, count: uncompressedSize + 1)
        var source = input
        let outcome: InflateOutcome = source.withUnsafeMutableBufferPointer { sourceBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = sourceBuffer.baseAddress
                stream.avail_in = inputSize
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(clamping: outputBuffer.count)
                while true {
                    let status = inflate(&stream, Z_NO_FLUSH)
                    switch status {
                    case Z_STREAM_END:
                        if stream.avail_in == 0 { return .finished }
                        let resetStatus = inflateReset(&stream)
                        if resetStatus != Z_OK { return .failed(status: resetStatus, message: nil) }
                    case Z_OK:
                        if stream.avail_out == 0 { return .tooLong }
                    case Z_BUF_ERROR:
                        return stream.avail_out == 0 ? .tooLong : .truncated
                    default:
                        return .failed(status: status, message: stream.msg.map { String(cString: $0) })
                    }
                }
            }
        }
        let produced = Int(stream.total_out)
        switch outcome {
        case .finished:
            break
        case .tooLong:
            throw failure("data inflates to more than the declared \(uncompressedSize) bytes")
        case .truncated:
            throw failure("stream is truncated after \(produced) of \(uncompressedSize) bytes")
        case .failed(let status, let message):
            throw failure("zlib status \(status)" + (message.map { ": \($0)" } ?? ""))
        }
        // After a reset `total_out` restarts, so measure what is left of the buffer instead.
        let written = output.count - Int(stream.avail_out)
        guard written == uncompressedSize else {
            throw failure("data inflates to \(written) bytes, the page declares \(uncompressedSize)")
        }
        output.removeLast()
        return output
    }

    private enum InflateOutcome {
        case finished, tooLong, truncated
        case failed(status: Int32, message: String?)
    }

    private static func failure(_ reason: String) -> ParquetError {
        .compressionFailed(codec: "GZIP", reason: reason)
    }
}
