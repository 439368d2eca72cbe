// Content hashes of raw and reference files (Shake's EqualCheap then EqualExpensive): a file
// whose fingerprint matches the catalog keeps its recorded hash; only the others are read.
// Nothing is allocated per unchanged file.
//
// A build defers that reading to the target that first needs the hash: a built-in action's
// changed input is read whole there, hashed, and those very bytes are what the action is given
// (`readChanged`), so each changed input is read and hashed once, and the key describes
// exactly the bytes the action used. Other targets hash their changed inputs as they need
// them (`lookup`); what no target asked for is hashed at the end, in parallel (`hashRest`).

import Catalog
import Foundation
import LakeFormats

/// The present hash of every raw and reference file, mostly borrowed from the catalog.
struct SourceHashes: Sendable {
    /// Files whose fingerprint differs from the catalog's (or that are new), bytewise order.
    let changed: [String]
    private let found: Found
    /// The recorded content and first build of a source (the catalog's row, or the stored
    /// plan's entry), looked up only for the files a target reads.
    private let recorded: @Sendable (String) -> (content: FileContent, firstSeenBuild: Int64)?
    private let listing: LakeListing

    /// How many files had to be (or will be) hashed: those whose fingerprint differed.
    var hashedCount: Int { changed.count }

    /// Every file whose fingerprint differed (hashed or unreadable), in bytewise order.
    var rehashedPaths: [String] { changed }

    /// Files whose fingerprint changed, hashed so far.
    var fresh: [String: FileVersion] {
        found.all().compactMapValues { if case .success(let v) = $0 { return v } else { return nil } }
    }

    /// Hashes every raw or reference file whose stat differs from its catalog row.
    /// - Parameter deferred: leave the hashing to `lookup`, `readChanged` and `hashRest`.
    static func gather(listing: LakeListing, state: CatalogState, fileSystem: FileSystem, deferred: Bool = false) -> SourceHashes {
        var changed: [String] = []
        for (path, stat) in listing.files where isSource(path) {
            if let r = state.files[path], r.matches(stat) { continue }
            changed.append(path)
        }
        let files = state.files
        return hashing(changed, listing: listing, recorded: { path in files[path].map { ($0.content, $0.firstSeenBuild) } },
                       fileSystem: fileSystem, deferred: deferred)
    }

    /// Hashes `paths` (the files a change-driven build found new or changed); every other
    /// source keeps the hash in `recorded`.
    /// - Parameter deferred: leave the hashing to `lookup`, `readChanged` and `hashRest`.
    static func hashing(_ paths: [String], listing: LakeListing,
                        recorded: @escaping @Sendable (String) -> (content: FileContent, firstSeenBuild: Int64)?,
                        fileSystem: FileSystem, deferred: Bool = false) -> SourceHashes {
        let hashes = SourceHashes(changed: paths.sorted(by: LakePath.bytewiseLess), found: Found(due: paths, fileSystem: fileSystem),
                                  recorded: recorded, listing: listing)
        if !deferred { hashes.hashRest() }
        return hashes
    }

    static func isSource(_ path: String) -> Bool { LakeLayout.isSource(path) }

    /// What is known of a raw or reference file.
    enum Lookup {
        case present(FileVersion)
        /// It changed and could not be read (vanished mid-build, permissions): the message.
        case unreadable(String)
        case missing
    }

    /// The present version of a raw or reference file; a changed one not hashed yet is
    /// hashed now.
    func lookup(_ path: String) -> Lookup {
        if found.isDue(path) {
            switch found.result(path) ?? found.hash(path) {
            case .success(let v): return .present(v)
            case .failure(let e): return .unreadable(e.message)
            }
        }
        guard listing.files[path] != nil, let r = recorded(path) else { return .missing }
        return .present(FileVersion(path: path, content: r.content))
    }

    /// The content last recorded for a raw or reference file (the catalog's row, or the
    /// stored plan's entry), whatever it is now; nil when none was.
    func recordedContent(of path: String) -> FileContent? { recorded(path)?.content }

    /// The present version of a raw or reference file, or nil if it is not there (or could
    /// not be read).
    func version(of path: String) -> FileVersion? {
        if case .present(let v) = lookup(path) { return v }
        return nil
    }

    /// Reads a changed file not hashed yet, when it is at most `limit` bytes, and hashes those
    /// bytes: the version is recorded as the file's, and the bytes are the content it
    /// describes. Nil when the file is not such a file, is larger, or could not be read (then
    /// `lookup` says why).
    func readChanged(_ path: String, limit: Int) -> (FileVersion, [UInt8])? {
        guard found.isDue(path), found.result(path) == nil,
              let size = listing.files[path]?.size, size <= Int64(limit) else { return nil }
        return found.read(path)
    }

    /// Hashes, in parallel, every changed file no target has hashed yet.
    func hashRest() {
        let rest = changed.filter { found.result($0) == nil }
        DispatchQueue.concurrentPerform(iterations: rest.count) { i in _ = found.hash(rest[i]) }
    }

    /// Catalog rows for every source file hashed in this build.
    func changedRecords(buildID: Int64) -> [FileRecord] {
        let fresh = self.fresh
        return changed.compactMap { path in
            guard let v = fresh[path], let stat = listing.files[path] else { return nil }
            let kind: FileKind = LakeLayout.isRaw(path) ? .raw : .reference
            return FileRecord(path: path, kind: kind, stat: stat, sha256: v.content.sha256,
                              firstSeenBuild: recorded(path)?.firstSeenBuild ?? buildID, lastSeenBuild: buildID)
        }
    }

    /// The hashes of changed files, as they are found, from any thread. The first result for
    /// a path stands: a file read twice with different content keeps its first hash, and the
    /// second reader learns the content changed.
    private final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [String: Result<FileVersion, FileSystemError>] = [:]
        /// The changed files: hashed here, not taken from the catalog.
        private let due: Set<String>
        let fileSystem: FileSystem

        init(due: [String], fileSystem: FileSystem) {
            self.due = Set(due)
            self.fileSystem = fileSystem
        }

        func isDue(_ path: String) -> Bool { due.contains(path) }

        func result(_ path: String) -> Result<FileVersion, FileSystemError>? {
            lock.lock()
            defer { lock.unlock() }
            return results[path]
        }

        func all() -> [String: Result<FileVersion, FileSystemError>] {
            lock.lock()
            defer { lock.unlock() }
            return results
        }

        /// Hashes a file (streamed) and keeps the result, unless one is already kept.
        func hash(_ path: String) -> Result<FileVersion, FileSystemError> {
            let r = Result { () throws(FileSystemError) in
                FileVersion(path: path, content: try fileSystem.hash(path))
            }
            return keep(path, r)
        }

        /// Reads a file whole, hashes the bytes and keeps the version, unless one is already
        /// kept; the bytes are returned only when the kept version is theirs.
        func read(_ path: String) -> (FileVersion, [UInt8])? {
            let bytes: [UInt8]
            do {
                bytes = try fileSystem.read(path)
            } catch {
                _ = keep(path, .failure(error))
                return nil
            }
            let v = FileVersion(path: path, sha256: SHA256.hex(SHA256.hash(bytes)), size: Int64(bytes.count))
            guard case .success(let kept) = keep(path, .success(v)), kept == v else { return nil }
            return (v, bytes)
        }

        private func keep(_ path: String, _ r: Result<FileVersion, FileSystemError>) -> Result<FileVersion, FileSystemError> {
            lock.lock()
            defer { lock.unlock() }
            if let first = results[path] { return first }
            results[path] = r
            return r
        }
    }
}

extension FileRecord {
    /// True when the file on disk still has the fingerprint recorded here.
    func matches(_ s: FileStat) -> Bool {
        device == s.device && inode == s.inode && size == s.size && mtimeNs == s.mtimeNs && ctimeNs == s.ctimeNs
    }

    init(path: String, kind: FileKind, stat s: FileStat, sha256: String, firstSeenBuild: Int64, lastSeenBuild: Int64) {
        self.init(path: path, kind: kind, device: s.device, inode: s.inode, size: s.size, mtimeNs: s.mtimeNs,
                  ctimeNs: s.ctimeNs, sha256: sha256, firstSeenBuild: firstSeenBuild, lastSeenBuild: lastSeenBuild)
    }
}
