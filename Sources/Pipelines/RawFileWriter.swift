// Landing files in `raw/` through the engine's one atomic publish (`Publisher`), so a build
// never sees half a file. Used by `ingest` (sales uploads and flight snapshots), `gen` and
// `fetch`. Without `replace`, the rename refuses to replace a file (RENAME_NOREPLACE): of two
// concurrent writers of one new name, exactly one succeeds and the other is told it exists.

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
    public func exists(_ path: String) -> Bool { fileSystem.stat(path) != nil }

    /// Writes `bytes` at the lake-relative `path` (under raw/) atomically.
    /// - Parameter replace: replace a file already there; when false, a file there (or one that
    ///   lands at the same moment) makes this throw `FileSystemError.alreadyExists`.
    public func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileSystemError) {
        try Publisher(fileSystem: fileSystem).land(bytes, at: path, replace: replace)
    }
}
