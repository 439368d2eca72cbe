// Landing files in `raw/`: each file is written to a temporary file inside the lake, fsynced
// and renamed into place, so a build never sees half a file. Used by `ingest` (sales uploads
// and flight snapshots), `gen` and `fetch`; none of them ever replaces an existing raw file
// unless asked to.

import Foundation
import LakeBuild

/// Writes raw files into a lake atomically.
public struct RawFileWriter: Sendable {
    public let lake: String
    private let fileSystem: LocalFileSystem

    public init(lake: String) {
        self.lake = lake
        fileSystem = LocalFileSystem(root: lake)
    }

    /// True if a file exists at the lake-relative `path`.
    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: lake + "/" + path) }

    /// Writes `bytes` at the lake-relative `path` atomically.
    public func write(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        let temp = fileSystem.temporaryPath(for: path)
        try fileSystem.writeTemporary(bytes, to: temp)
        try fileSystem.publish(temp, to: path)
    }
}
