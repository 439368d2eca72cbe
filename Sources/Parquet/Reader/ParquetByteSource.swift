#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader gets its bytes: a whole file in memory, or an open file read range by range
/// with `pread`, so memory stays bounded by the footer plus one row group's column chunks.
enum ParquetByteSource: Sendable {
    case memory([UInt8])
    case file(OpenFile)

    var count: Int {
        switch self {
        case let .memory(bytes): return bytes.count
        case let .file(file): return file.size
        }
    }

    /// The bytes in `range`, which the caller has checked lies inside `0..<count`.
    func read(_ range: Range<Int>) throws(ParquetError) -> [UInt8] {
        switch self {
        case let .memory(bytes):
            guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
                throw ParquetError.truncated(offset: range.lowerBound, needed: range.count)
            }
            return Array(bytes[range])
        case let .file(file):
            return try ByteReader.readFile(
                descriptor: file.descriptor, path: file.path, offset: range.lowerBound, count: range.count)
        }
    }
}

/// An open, read-only file descriptor that is closed when the last reader using it goes away.
final class OpenFile: Sendable {
    let descriptor: Int32
    let path: String
    let size: Int

    init(path: String) throws(ParquetError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ParquetError.io(path: path, operation: "open", errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw ParquetError.io(path: path, operation: "stat", errno: code)
        }
        self.descriptor = descriptor
        self.path = path
        self.size = Int(info.st_size)
    }

    deinit {
        close(descriptor)
    }
}
