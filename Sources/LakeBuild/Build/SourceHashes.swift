// Content hashes of raw and reference files (Shake's EqualCheap then EqualExpensive): a file
// whose fingerprint matches the catalog keeps its recorded hash; only the others are read,
// in parallel. Nothing is allocated per unchanged file.

import Catalog
import Foundation

/// The present hash of every raw and reference file, mostly borrowed from the catalog.
struct SourceHashes: Sendable {
    /// Files whose fingerprint changed (or that are new), freshly hashed.
    private(set) var fresh: [String: InputVersion] = [:]
    /// Files that could not be read (vanished mid-build, permissions).
    private(set) var unreadable: [String: String] = [:]
    /// The recorded hash, size and first build of a source (the catalog's row, or the stored
    /// plan's entry), looked up only for the files a target reads.
    private let recorded: @Sendable (String) -> (sha256: String, size: Int64, firstSeenBuild: Int64)?
    private let listing: LakeListing

    var hashedCount: Int { fresh.count + unreadable.count }

    /// Every file whose fingerprint differed (hashed or unreadable), in bytewise order.
    var rehashedPaths: [String] { (Array(fresh.keys) + Array(unreadable.keys)).sorted(by: LakePath.bytewiseLess) }

    /// Hashes every raw or reference file whose stat differs from its catalog row.
    static func gather(listing: LakeListing, state: CatalogState, fileSystem: FileSystem) -> SourceHashes {
        var changed: [String] = []
        for (path, stat) in listing.files where isSource(path) {
            if let r = state.files[path], r.matches(stat) { continue }
            changed.append(path)
        }
        let files = state.files
        return hashing(changed, listing: listing, recorded: { path in files[path].map { ($0.sha256, $0.size, $0.firstSeenBuild) } },
                       fileSystem: fileSystem)
    }

    /// Hashes `paths` (the files a change-driven build found new or changed); every other
    /// source keeps the hash in `recorded`.
    static func hashing(_ paths: [String], listing: LakeListing,
                        recorded: @escaping @Sendable (String) -> (sha256: String, size: Int64, firstSeenBuild: Int64)?,
                        fileSystem: FileSystem) -> SourceHashes {
        let changed = paths.sorted(by: LakePath.bytewiseLess)
        let results = ResultSlots<Result<(sha256: String, size: Int64), FileSystemError>>(count: changed.count)
        DispatchQueue.concurrentPerform(iterations: changed.count) { i in
            results.set(i, Result { () throws(FileSystemError) in try fileSystem.hash(changed[i]) })
        }
        var hashes = SourceHashes(recorded: recorded, listing: listing)
        for (i, path) in changed.enumerated() {
            switch results.get(i) {
            case .success(let h)?: hashes.fresh[path] = InputVersion(path: path, sha256: h.sha256, size: h.size)
            case .failure(let e)?: hashes.unreadable[path] = e.message
            case nil: hashes.unreadable[path] = "not hashed"
            }
        }
        return hashes
    }

    static func isSource(_ path: String) -> Bool { LakeLayout.isSource(path) }

    /// The present version of a raw or reference file, or nil if it is not there.
    func version(of path: String) -> InputVersion? {
        if let f = fresh[path] { return f }
        guard listing.files[path] != nil, let r = recorded(path) else { return nil }
        return InputVersion(path: path, sha256: r.sha256, size: r.size)
    }

    /// Catalog rows for every source file hashed in this build.
    func changedRecords(buildID: Int64) -> [FileRecord] {
        fresh.keys.sorted(by: LakePath.bytewiseLess).compactMap { path in
            guard let v = fresh[path], let stat = listing.files[path] else { return nil }
            let kind: FileKind = LakeLayout.isRaw(path) ? .raw : .reference
            return FileRecord(path: path, kind: kind, stat: stat, sha256: v.sha256,
                              firstSeenBuild: recorded(path)?.firstSeenBuild ?? buildID, lastSeenBuild: buildID)
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
