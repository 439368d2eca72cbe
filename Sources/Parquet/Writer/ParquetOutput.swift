// Where the writer's bytes go: a growing in-memory buffer, a file, or a sink of the caller's,
// each written as each column chunk is finished (nothing in a Parquet body needs
// back-patching, so the file streams).

import Foundation

/// A destination of the caller's for `ParquetWriter(sink:schema:options:)`: it is handed the
/// file's bytes in order, a column chunk (or the footer) at a time.
public protocol ParquetSink: AnyObject {
    func write(_ bytes: [UInt8]) throws(ParquetError)
}

/// The destination of a `ParquetWriter`, tracking the current file offset.
final class ParquetOutput {
    private enum Destination {
        case memory
        case file(FileHandle, path: String)
        case sink(ParquetSink)
    }

    private let destination: Destination
    /// Bytes kept for in-memory output (empty for files).
    private(set) var buffer: [UInt8] = []
    /// Bytes written so far: the file offset of the next byte.
    private(set) var offset = 0

    /// An in-memory destination.
    init() {
        destination = .memory
    }

    /// The caller's destination.
    init(sink: ParquetSink) {
        destination = .sink(sink)
    }

    /// Creates or truncates the file at `path`.
    init(path: String) throws(ParquetError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ParquetError.io(path: path, operation: "create", errno: errno)
        }
        destination = .file(handle, path: path)
    }

    func write(_ bytes: [UInt8]) throws(ParquetError) {
        switch destination {
        case .memory:
            buffer += bytes
        case let .sink(sink):
            try sink.write(bytes)
        case let .file(handle, path):
            do {
                try handle.write(contentsOf: Data(bytes))
            } catch {
                throw ParquetError.io(path: path, operation: "write", errno: Self.errorNumber(error))
            }
        }
        offset += bytes.count
    }

    /// Flushes and closes a file destination; a no-op in memory and for a sink.
    func close() throws(ParquetError) {
        guard case let .file(handle, path) = destination else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw ParquetError.io(path: path, operation: "close", errno: Self.errorNumber(error))
        }
    }

    private static func errorNumber(_ error: Error) -> Int32 {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain { return Int32(posix.code) }
        return (error as NSError).domain == NSPOSIXErrorDomain ? Int32((error as NSError).code) : 0
    }
}
