// The one atomic publish (spec §5.5): bytes go to a temporary file on the destination's file
// system, are fsynced and renamed into place, so a reader sees the old complete file or the
// new complete file, never a part. A step that fails leaves no temporary file behind. Build
// outputs, rejection files and raw files landed by `ingest`, `gen` and `fetch` all go through
// here.

/// Publishes files into a lake atomically.
public struct Publisher: Sendable {
    public let fileSystem: FileSystem

    public init(fileSystem: FileSystem) { self.fileSystem = fileSystem }

    /// Writes `bytes` as the output `path`.
    /// - Returns: the published file's stat (nil if it cannot be read back).
    @discardableResult
    public func publish(_ bytes: [UInt8], to path: String) throws(FileSystemError) -> FileStat? {
        let temp = fileSystem.temporaryPath(for: path)
        try write(bytes, to: temp)
        return try publish(temporary: temp, to: path)
    }

    /// Renames the temporary file `temp`, already written and synced (by a shell command,
    /// say), to the output `path`; the temporary file is removed if that fails.
    @discardableResult
    public func publish(temporary temp: String, to path: String) throws(FileSystemError) -> FileStat? {
        do {
            try fileSystem.publish(temp, to: path)
        } catch {
            try? fileSystem.remove(temp)
            throw error
        }
        return fileSystem.stat(path)
    }

    /// Lands `bytes` as the raw file `path`. Without `replace`, a file already there (or one
    /// landing at the same moment) makes this throw `alreadyExists` and nothing changes.
    public func land(_ bytes: [UInt8], at path: String, replace: Bool) throws(FileSystemError) {
        let temp = fileSystem.temporaryPath(for: path)
        try write(bytes, to: temp)
        do {
            try fileSystem.land(temp, at: path, replace: replace)
        } catch {
            try? fileSystem.remove(temp)
            throw error
        }
    }

    private func write(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        do {
            try fileSystem.writeTemporary(bytes, to: temp)
        } catch {
            try? fileSystem.remove(temp)
            throw error
        }
    }
}
