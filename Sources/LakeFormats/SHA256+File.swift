// Hashing a file from disk in chunks of at most 1 MiB, so memory use does not grow with file size.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SHA256 {
    /// The size of each read when hashing a file.
    static let fileChunkByteCount = 1 << 20

    /// Hashes the file at `path`, reading it sequentially in 1 MiB chunks.
    ///
    /// - Returns: the lowercase hex digest and the number of bytes read.
    /// - Throws: `HashFileError` when the file cannot be opened or read.
    public static func hashFile(atPath path: String) throws(HashFileError) -> (digest: String, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        defer { close(descriptor) }
        return try hashFile(descriptor: descriptor, path: path)
    }

    /// Hashes what is left to read from an open file (the caller keeps and closes it), so a
    /// file can be opened once under the caller's own rules and hashed from that descriptor.
    ///
    /// - Parameter path: the name used in errors.
    public static func hashFile(descriptor: Int32, path: String) throws(HashFileError) -> (digest: String, size: Int64) {
        var hasher = SHA256()
        // A buffer of the file's size (one byte more, so the read that finds the end needs no
        // second buffer), at most a chunk: most files of a lake are a few kilobytes, and a
        // 1 MiB buffer zero-filled for each was most of `verify`'s time.
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : fileChunkByteCount
        var chunk = [UInt8](repeating: 0, count: min(fileChunkByteCount, max(4096, size + 1)))
        var total: Int64 = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: path, errno: errno)
            }
            if count == 0 { break }
            hasher.update(chunk[0..<count])
            total += Int64(count)
        }
        return (hex(hasher.finalize()), total)
    }
}

/// Why a file could not be hashed.
public enum HashFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open(2)` failed; `errno` says why (missing file, permissions...).
    case cannotOpen(path: String, errno: Int32)
    /// `read(2)` failed part-way through the file.
    case readFailed(path: String, errno: Int32)

    /// A one-line explanation for the user.
    public var message: String {
        switch self {
        case let .cannotOpen(path, code):
            return "cannot open \(path) for hashing: \(Self.systemMessage(code))"
        case let .readFailed(path, code):
            return "cannot read \(path) while hashing: \(Self.systemMessage(code))"
        }
    }

    /// A suggestion for fixing the problem, if there is one.
    public var hint: String? {
        switch self {
        case .cannotOpen: return "check that the file exists and is readable"
        case .readFailed: return nil
        }
    }

    public var description: String { message }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
