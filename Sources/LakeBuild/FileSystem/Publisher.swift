// The one atomic publish (spec §5.5): bytes go to a temporary file on the destination's file
// system, are fsynced and renamed into place, so a reader sees the old complete file or the
// new complete file, never a part; the rename is synced before the publish returns. A step
// that fails leaves no temporary file behind. Build outputs, rejection files and raw files
// landed by `ingest`, `gen` and `fetch` all go through here or through `FileSystem.publish`,
// which does the same for many files with their syncs grouped.

/// Publishes files into a lake atomically.
public struct Publisher: Sendable {
    public let fileSystem: FileSystem

    public init(fileSystem: FileSystem) { self.fileSystem = fileSystem }

    /// Writes `bytes` as the output `path`.
    /// - Returns: the published file's stat (nil if it cannot be read back).
    @discardableResult
    public func publish(_ bytes: [UInt8], to path: String) throws(FileSystemError) -> FileStat? {
        try publish([(bytes: bytes, path: path)])[0].get()
    }

    /// Writes each `bytes` as its output `path`, syncing them together (see
    /// `FileSystem.publish`).
    /// - Returns: one result per item, in order: the published file's stat, or why it was not.
    public func publish(_ outputs: [(bytes: [UInt8], path: String)]) -> [Result<FileStat?, FileSystemError>] {
        fileSystem.publish(outputs.map { (output: .bytes($0.bytes), path: $0.path) })
    }

    /// Publishes a batch of outputs, each given as its bytes or as the temporary file a
    /// command wrote it to, syncing them together (see `FileSystem.publish`); a build's
    /// publish queue hands its batches here.
    /// - Returns: one result per item, in order: the published file's stat, or why it was not.
    public func publish(_ outputs: [(output: ProducedOutput, path: String)]) -> [Result<FileStat?, FileSystemError>] {
        fileSystem.publish(outputs)
    }

    /// Renames the temporary file `temp`, already written (by a shell command, say), to the
    /// output `path`, syncing it first; the temporary file is removed if that fails.
    @discardableResult
    public func publish(temporary temp: String, to path: String) throws(FileSystemError) -> FileStat? {
        try fileSystem.publish(temp, to: path)
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

    /// Writes a temporary file (not yet synced: landing does that).
    private func write(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        do {
            try fileSystem.writeTemporary(bytes, to: temp)
        } catch {
            try? fileSystem.remove(temp)
            throw error
        }
    }
}
