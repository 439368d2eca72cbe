// The in-memory lake behind engine tests (one of the engine's two test seams; it lives with the
// tests, not in the product): no disk, deterministic stats, and a record of every stat, read,
// hash and write, so tests can assert that a no-op build touched nothing and that each path is
// stat'ed at most once per build.

import Catalog
import Foundation
import LakeBuild
import LakeFormats

/// A lake held in memory. Each write gives the file a new inode and a later mtime, as a real
/// disk would; `touch` changes only the times.
public final class InMemoryFileSystem: FileSystem, @unchecked Sendable {
    private struct Entry {
        var bytes: [UInt8]
        var stat: FileStat
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var clock: Int64 = 1_000_000_000
    private var nextInode: UInt64 = 1
    private var _filesRead: [String] = []
    private var _filesHashed: [String] = []
    private var _filesWritten: [String] = []
    private var _pathsStatted: [String] = []
    private var _walks: [[String]] = []
    private var _publishBatches: [[String]] = []

    public init() {}

    /// Paths read with `read`, in order.
    public var filesRead: [String] { locked { _filesRead } }
    /// Paths hashed with `hash`, in order.
    public var filesHashed: [String] { locked { _filesHashed } }
    /// Paths published, in order.
    public var filesWritten: [String] { locked { _filesWritten } }
    /// Paths stat'ed, by a walk (every file it lists) or by `stat`, in order.
    public var pathsStatted: [String] { locked { _pathsStatted } }
    /// The folders of each call to `walk`, in order: how many times the lake was walked.
    public var walks: [[String]] { locked { _walks } }
    /// The outputs of each call to `publish`, in order: the batches whose syncs were grouped.
    public var publishBatches: [[String]] { locked { _publishBatches } }
    /// Outputs that `publish` fails to put in place (as a full disk would), with this error.
    public var refusedOutputs: [String: FileSystemError] {
        get { locked { _refusedOutputs } }
        set { locked { _refusedOutputs = newValue } }
    }
    private var _refusedOutputs: [String: FileSystemError] = [:]

    public func resetRecords() {
        locked {
            _filesRead = []
            _filesHashed = []
            _filesWritten = []
            _pathsStatted = []
            _walks = []
            _publishBatches = []
        }
    }

    /// Creates or replaces a file (as a user or an upload would).
    public func put(_ path: String, _ text: String) { put(path, Array(text.utf8)) }

    public func put(_ path: String, _ bytes: [UInt8]) {
        locked { entries[path] = Entry(bytes: bytes, stat: freshStat(size: bytes.count)) }
    }

    /// Changes only the file's times, like `touch`.
    public func touch(_ path: String) {
        locked {
            guard var e = entries[path] else { return }
            clock += 1_000_000
            e.stat.mtimeNs = clock
            e.stat.ctimeNs = clock
            entries[path] = e
        }
    }

    public func contents(_ path: String) -> String? {
        locked { entries[path].map { String(decoding: $0.bytes, as: UTF8.self) } }
    }

    public func exists(_ path: String) -> Bool { locked { entries[path] != nil } }

    /// Every path, sorted.
    public var allPaths: [String] { locked { entries.keys.sorted(by: LakePath.bytewiseLess) } }

    public func walk(under folders: [String]) throws(FileSystemError) -> LakeListing {
        locked {
            _walks.append(folders)
            var listing = LakeListing()
            for (path, e) in entries where !path.hasPrefix(LakeLayout.stateFolder + "/")
                && folders.contains(where: { $0.isEmpty || path.hasPrefix($0 + "/") }) {
                listing.files[path] = e.stat
                _pathsStatted.append(path)
            }
            return listing
        }
    }

    /// Folders holding at least this many files (directly, with names of ASCII) are kept
    /// compact by `walkKeepingLargeFoldersCompact`, as a real disk keeps its large folders: at
    /// 2, engine tests compare most folders with their stored plans that way.
    public var compactFoldersFrom = 2

    public func walkKeepingLargeFoldersCompact(under folders: [String]) throws(FileSystemError) -> SourceWalk {
        var listing = try walk(under: folders)
        var byFolder: [String: [(name: String, stat: FileStat)]] = [:]
        for (path, stat) in listing.files where path.isASCII {
            let folder = LakePath.directory(of: path)
            guard !folder.isEmpty else { continue }
            byFolder[folder, default: []].append((String(path.dropFirst(folder.count + 1)), stat))
        }
        var compact: [CompactFolder] = []
        for (folder, files) in byFolder.sorted(by: { $0.key < $1.key }) where files.count >= compactFoldersFrom {
            for file in files { listing.files[folder + "/" + file.name] = nil }
            // Not in the stored plan's order, as a folder is not read in it.
            compact.append(CompactFolder(folder: folder, files: files.sorted { $0.name > $1.name }))
        }
        return SourceWalk(listing: listing, compact: compact)
    }

    public func stat(_ path: String) -> FileStat? {
        locked {
            _pathsStatted.append(path)
            return entries[path]?.stat
        }
    }

    public func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        let bytes: [UInt8]? = locked {
            _filesRead.append(path)
            return entries[path]?.bytes
        }
        guard let bytes else { throw .notFound(path) }
        return bytes
    }

    public func hash(_ path: String) throws(FileSystemError) -> FileContent {
        let bytes: [UInt8]? = locked {
            _filesHashed.append(path)
            return entries[path]?.bytes
        }
        guard let bytes else { throw .notFound(path) }
        return FileContent(sha256: SHA256.hex(SHA256.hash(bytes)), size: Int64(bytes.count))
    }

    public func temporaryPath(for path: String) -> String {
        locked {
            nextInode += 1
            return LakeLayout.temporaryFolder + "/\(nextInode)-\(path.split(separator: "/").last ?? "out")"
        }
    }

    public func writeTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        locked { entries[temp] = Entry(bytes: bytes, stat: freshStat(size: bytes.count)) }
    }

    public func appendTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        let found: Bool = locked {
            guard var e = entries[temp] else { return false }
            e.bytes += bytes
            e.stat.size = Int64(e.bytes.count)
            entries[temp] = e
            return true
        }
        if !found { throw .notFound(temp) }
    }

    public func publish(_ items: [(output: ProducedOutput, path: String)]) -> [Result<FileStat?, FileSystemError>] {
        locked {
            if !items.isEmpty { _publishBatches.append(items.map(\.path)) }
            return items.map { item in
                if let refused = _refusedOutputs[item.path] {
                    if case .temporaryFile(let temp, _) = item.output { entries.removeValue(forKey: temp) }
                    return .failure(refused)
                }
                let entry: Entry
                switch item.output {
                case .bytes(let bytes): entry = Entry(bytes: bytes, stat: freshStat(size: bytes.count))
                case .temporaryFile(let temp, _):
                    guard let e = entries.removeValue(forKey: temp) else { return .failure(.notFound(temp)) }
                    entry = e
                }
                entries[item.path] = entry
                _filesWritten.append(item.path)
                return .success(entry.stat)
            }
        }
    }

    public func land(_ temp: String, at path: String, replace: Bool) throws(FileSystemError) {
        let landed: FileSystemError? = locked {
            guard entries[temp] != nil else { return .notFound(temp) }
            if !replace && entries[path] != nil { return .alreadyExists(path) }
            entries[path] = entries.removeValue(forKey: temp)
            return nil
        }
        if let landed { throw landed }
    }

    public func remove(_ path: String) throws(FileSystemError) {
        _ = locked { entries.removeValue(forKey: path) }
    }

    public func sweepTemporaries() -> Int {
        locked {
            let temps = entries.keys.filter { $0.hasPrefix(LakeLayout.temporaryFolder + "/") }
            for t in temps { entries.removeValue(forKey: t) }
            return temps.count
        }
    }

    public func absolute(_ path: String) -> String { "/memory/" + path }

    private func freshStat(size: Int) -> FileStat {
        clock += 1_000_000
        nextInode += 1
        return FileStat(device: 1, inode: nextInode, size: Int64(size), mtimeNs: clock, ctimeNs: clock)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
