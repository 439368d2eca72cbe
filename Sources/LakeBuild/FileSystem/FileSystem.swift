// One of the engine's two test seams (the other is `ActionRunner`): everything the engine
// does to the disk goes through this protocol, so engine tests run against an in-memory lake
// that records what was read and written (ninja's DiskInterface / VirtualFileSystem).

import Catalog
import Glibc

/// The lake's files as the engine sees them. Paths are lake-relative.
public protocol FileSystem: Sendable {
    /// Walks the given top-level folders of the lake (all of it for `[""]`, always skipping
    /// `.lakemake/`) and stats every regular file once. A missing folder is empty.
    func walk(under folders: [String]) throws(FileSystemError) -> LakeListing
    /// The same walk, with the regular files of large folders kept compact (a real disk keeps
    /// those of folders it stats on every core; see `SourceWalk`).
    func walkKeepingLargeFoldersCompact(under folders: [String]) throws(FileSystemError) -> SourceWalk
    /// The paths of the regular files a walk of `folders` lists, without their stats (a real
    /// disk reads the folders' entries and stats only what they do not say the type of).
    func filePaths(under folders: [String]) throws(FileSystemError) -> [String]
    /// The stat of one path, or nil when it does not exist. Used only after publishing.
    func stat(_ path: String) -> FileStat?
    /// The stat of each path (nil where missing), in the same order: the outputs a build
    /// checks, many at once. A requirement, so a real disk can spread the calls over the cores.
    func stat(_ paths: [String]) -> [FileStat?]
    /// The positions of the paths whose stat is not the one `recorded` holds at the same
    /// position (missing, or another fingerprint): the stored outputs a build checks, with no
    /// stat kept for the 200 000 that match.
    func changedStats(_ paths: [String], recorded: [FileStat]) -> [Int]
    /// The whole content of a file.
    func read(_ path: String) throws(FileSystemError) -> [UInt8]
    /// The content of a file (SHA-256 and size of the bytes read), streamed.
    func hash(_ path: String) throws(FileSystemError) -> FileContent
    /// A fresh temporary path on the destination's file system (`.lakemake/tmp/`, or the
    /// top-level folder's own `.lakemake-tmp/` when it is another file system), so the final
    /// rename is atomic. The name fits in one path segment whatever `path`'s length.
    func temporaryPath(for path: String) -> String
    /// Writes `bytes` to the temporary path `temp`. The content is not durable yet: publishing
    /// (or landing) the file syncs it first.
    func writeTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError)
    /// Appends `bytes` to the temporary file `temp` made by `writeTemporary` (an output
    /// streamed in pieces, see `StreamedOutput`).
    func appendTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError)
    /// Publishes outputs, many at once, each atomically and durably: bytes are written to
    /// temporary files of their own, and every temporary file's content is made durable; then
    /// each is renamed over its output (creating folders); then the renames are made durable
    /// (each folder synced once, and the parent of each folder made). When this returns, every
    /// item reported published is durably in place.
    /// - Returns: one result per item, in order: the published file's stat (nil when it cannot
    ///   be read back), or why it was not published or may not be durable. A temporary file
    ///   that was not renamed is removed.
    func publish(_ items: [(output: ProducedOutput, path: String)]) -> [Result<FileStat?, FileSystemError>]
    /// Renames `temp` to the raw file `path` after syncing it, and syncs the rename; without
    /// `replace`, throws `alreadyExists` rather than replace a file there.
    func land(_ temp: String, at path: String, replace: Bool) throws(FileSystemError)
    /// Removes a file; removing a missing file is not an error. Empty parent folders up to
    /// the top-level folder are removed too, except a temporary folder (another target may
    /// be about to write into it); a publish into a folder emptied at that moment still lands.
    func remove(_ path: String) throws(FileSystemError)
    /// Removes every leftover file in `.lakemake/tmp/`; returns how many there were.
    func sweepTemporaries() -> Int
    /// The absolute path, for shell commands and messages.
    func absolute(_ path: String) -> String
}

extension FileSystem {
    /// Walks the whole lake.
    public func walk() throws(FileSystemError) -> LakeListing { try walk(under: [""]) }

    public func walkKeepingLargeFoldersCompact(under folders: [String]) throws(FileSystemError) -> SourceWalk {
        SourceWalk(listing: try walk(under: folders))
    }

    public func filePaths(under folders: [String]) throws(FileSystemError) -> [String] {
        Array(try walk(under: folders).files.keys)
    }

    /// The stat of each path (nil where missing), in the same order.
    public func stat(_ paths: [String]) -> [FileStat?] { paths.map { stat($0) } }

    public func changedStats(_ paths: [String], recorded: [FileStat]) -> [Int] {
        let stats = stat(paths)
        return stats.indices.filter { stats[$0] != recorded[$0] }
    }

    /// Publishes one temporary file, already written, over the output `path` (a batch of one).
    /// - Returns: the published file's stat (nil if it cannot be read back).
    @discardableResult
    public func publish(_ temp: String, to path: String) throws(FileSystemError) -> FileStat? {
        try publish([(output: .temporaryFile(temp), path: path)])[0].get()
    }
}

/// Why a file operation failed, with the path it was about.
public enum FileSystemError: Error, Equatable, Sendable {
    case notFound(String)
    case io(path: String, operation: String, errno: Int32)
    /// A symbolic link stands where lakemake follows none (an output folder, a temporary file).
    case symbolicLink(String)
    /// A source path whose link leads outside the lake (or into `.lakemake/`).
    case outsideLake(String)
    /// An exclusive create or rename found a file already there.
    case alreadyExists(String)
    /// Not a plain lake-relative path (absolute, empty, `.` or `..` segments, a NUL byte).
    case invalidPath(String)
    /// A write, rename or delete aimed at raw/, reference/ or .lakemake/ from an output path.
    case protectedPath(String)
    /// A source file's bytes differ from the hash its target's key was computed from.
    case changedDuringBuild(String)

    public var message: String {
        switch self {
        case .notFound(let p): return "\(p): no such file"
        case .io(let p, let op, let e): return "\(p): \(op) failed: \(FileSystemError.describe(errno: e))"
        case .symbolicLink(let p): return "\(p) is a symbolic link: lakemake never writes, deletes or reads outputs through a link"
        case .outsideLake(let p): return "\(p): a symbolic link leads outside the lake; it is not read"
        case .alreadyExists(let p): return "\(p) already exists"
        case .invalidPath(let p): return "\(p) is not a plain lake-relative path"
        case .protectedPath(let p): return "\(p): outputs are never written into raw/, reference/ or .lakemake/"
        case .changedDuringBuild(let p): return "\(p) changed while the build was running; it is built again next time"
        }
    }

    public static func describe(errno e: Int32) -> String {
        guard let text = strerror(e) else { return "error \(e)" }
        return String(cString: text).lowercased()
    }
}
