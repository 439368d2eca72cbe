// The real lake on disk, on top of `LakeDirectory` (every path resolved beneath the lake's
// directory descriptor). Walks with readdir + fstatat on descriptors (one stat per entry, no
// Foundation overhead: the walk is most of a no-op build); writes through a temporary folder
// on the destination's file system with fsync and rename, so a reader never sees a
// half-written output. Outputs are published in batches: the syncs of a batch (each file's
// content, then each folder a file was renamed into) run side by side on a few threads, as
// one disk round trip does for many files where one after the other each waits for its own.

import Catalog
import Foundation
import CLinux
import Glibc
import LakeFormats

/// The lake folder on the local disk.
public struct LocalFileSystem: FileSystem {
    /// Absolute path of the lake root, without a trailing `/`.
    public let root: String
    /// The access layer every call below goes through.
    public let directory: LakeDirectory
    private let counter = TemporaryCounter()

    /// - Parameter resolution: how paths are resolved; nil uses the kernel's openat2 where it
    ///   exists (tests force `.componentWalk` to cover older kernels).
    public init(root: String, resolution: PathResolution? = nil) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        directory = LakeDirectory(root: r, resolution: resolution)
    }

    public func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    // MARK: - Walking

    public func walk(under folders: [String]) throws(FileSystemError) -> LakeListing {
        var walker = LakeWalker(directory: directory)
        try walk(under: folders, with: &walker)
        return walker.finish()
    }

    public func walkKeepingLargeFoldersCompact(under folders: [String]) throws(FileSystemError) -> SourceWalk {
        var walker = LakeWalker(directory: directory, keepsLargeFoldersCompact: true)
        try walk(under: folders, with: &walker)
        return walker.finishKeepingCompact()
    }

    /// Entries whose type the folder states are not stat'ed: their stats in the listing are zero.
    public func filePaths(under folders: [String]) throws(FileSystemError) -> [String] {
        var walker = LakeWalker(directory: directory, namesOnly: true)
        try walk(under: folders, with: &walker)
        return Array(walker.finish().files.keys)
    }

    private func walk(under folders: [String], with walker: inout LakeWalker) throws(FileSystemError) {
        for folder in folders {
            let fd: Int32
            do {
                fd = try directory.openDirectory(folder, create: false)
            } catch {
                if case .notFound = error, !folder.isEmpty { continue }
                if case .symbolicLink(let link) = error {
                    walker.listing.escapingLinks.append(link)
                    continue
                }
                throw error
            }
            try walker.walkSpread(fd, folder)
        }
    }

    // MARK: - Stats

    public func stat(_ path: String) -> FileStat? {
        directory.statRegular(path, followLinksInLake: true).map(FileStat.init)
    }

    /// Many stats at once, relative to the lake folder (so the kernel resolves only the
    /// lake-relative part of each path), spread over the cores. These stats only decide what
    /// to re-hash; every read, write and delete that follows goes through `LakeDirectory`.
    ///
    /// Consecutive paths under the same folder two levels up (`processed/sales/date=…/` of
    /// `…/store_id=…/data.parquet`) are stat'ed relative to that folder, opened once: the
    /// kernel then looks up two names per file instead of five, which is most of a no-op
    /// build's time in a lake of Hive partitions. Paths in sorted order profit; others are
    /// stat'ed from the lake folder as before (a folder is opened only when the next path
    /// shares it).
    public func stat(_ paths: [String]) -> [FileStat?] {
        inStatChunks(paths) { range, stat in range.map(stat) }.flatMap { $0 }
    }

    /// Stat'ed as `stat(_:)` stats them, each compared at once: no stat is kept.
    public func changedStats(_ paths: [String], recorded: [FileStat]) -> [Int] {
        inStatChunks(paths) { range, stat in range.filter { stat($0) != recorded[$0] } }.flatMap { $0 }
    }

    /// Stats `paths` in chunks on every core (see `stat(_:)`): `chunk` gets its range and the
    /// stat of each path in it, which it asks for in order; the chunks' results in order.
    private func inStatChunks<Part: Sendable>(_ paths: [String],
                                              _ chunk: @Sendable (Range<Int>, (Int) -> FileStat?) -> Part) -> [Part] {
        let chunks = max(1, min(64, paths.count / 4096))
        let ranges = (0..<chunks).map { c in (paths.count * c / chunks)..<(paths.count * (c + 1) / chunks) }
        guard let rootFD = try? directory.rootDescriptor() else { return ranges.map { chunk($0) { _ in nil } } }
        let results = ResultSlots<Part>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = ranges[c]
            var anchor = StatAnchor(rootFD: rootFD)
            var st = Glibc.stat()
            results.set(c, chunk(range) { i in
                let path = paths[i]
                let ok = path.withCString { cPath in
                    let (fd, offset) = anchor.locate(UnsafeRawBufferPointer(start: cPath, count: path.utf8.count),
                                                     next: i + 1 < range.upperBound ? paths[i + 1] : nil)
                    return fstatat(fd, cPath + offset, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFREG
                }
                return ok ? FileStat(st) : nil
            })
            anchor.close()
        }
        return (0..<chunks).compactMap { results.get($0) }
    }

    // MARK: - Reading

    public func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        let fd = try directory.open(path, flags: O_RDONLY, followLinksInLake: true)
        defer { close(fd) }
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count))) }
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    public func hash(_ path: String) throws(FileSystemError) -> FileContent {
        let fd = try directory.open(path, flags: O_RDONLY, followLinksInLake: true)
        defer { close(fd) }
        do {
            let h = try SHA256.hashFile(descriptor: fd, path: path)
            return FileContent(sha256: h.digest, size: h.size)
        } catch {
            if case .readFailed(_, let e) = error { throw .io(path: path, operation: "read", errno: e) }
            throw .io(path: path, operation: "read", errno: EIO)
        }
    }

    // MARK: - Writing

    public func temporaryPath(for path: String) -> String {
        let folder = LakeLayout.temporaryFolder(forTop: LakeDirectory.split(path).top, onOwnFileSystem: isOnOwnFileSystem)
        return folder + "/" + LakeLayout.temporaryName(pid: getpid(), serial: counter.next(), for: path)
    }

    /// True when the top-level folder `top` is on another file system than `.lakemake/`, so a
    /// temporary file for it must be made inside it for the final rename to stay atomic.
    private func isOnOwnFileSystem(_ top: String) -> Bool {
        guard let rootFD = try? directory.rootDescriptor() else { return false }
        var own = Glibc.stat(), state = Glibc.stat()
        guard fstatat(rootFD, top, &own, 0) == 0 else { return false }
        if fstatat(rootFD, LakeLayout.stateFolder, &state, AT_SYMLINK_NOFOLLOW) != 0 && fstat(rootFD, &state) != 0 { return false }
        return own.st_dev != state.st_dev
    }

    public func writeTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        try writeTemporary(bytes, to: temp, sync: false)
    }

    public func appendTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        try writeTemporary(bytes, to: temp, sync: false, append: true)
    }

    /// Writes a temporary file (or appends to it), and with `sync` fsyncs it before closing it.
    /// A write that fails removes the file.
    private func writeTemporary(_ bytes: [UInt8], to temp: String, sync: Bool, append: Bool = false) throws(FileSystemError) {
        guard LakeLayout.isTemporary(temp) else { throw .protectedPath(temp) }
        let (dir, name) = LakeDirectory.splitLast(temp)
        let dirFD = try directory.openDirectory(dir, create: true)
        defer { close(dirFD) }
        let mode = append ? O_APPEND : O_CREAT | O_TRUNC
        let fd = openat(dirFD, name, O_WRONLY | mode | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw errno == ELOOP ? .symbolicLink(temp) : .io(path: temp, operation: "create", errno: errno)
        }
        defer { close(fd) }
        if let e = FileDescriptorIO.writeAll(fd, bytes) {
            unlinkat(dirFD, name, 0)
            throw .io(path: temp, operation: "write", errno: e)
        }
        if sync && fsync(fd) != 0 {
            let e = errno
            unlinkat(dirFD, name, 0)
            throw .io(path: temp, operation: "fsync", errno: e)
        }
    }

    public func publish(_ items: [(output: ProducedOutput, path: String)]) -> [Result<FileStat?, FileSystemError>] {
        var failed = [FileSystemError?](repeating: nil, count: items.count)
        // Bytes get a temporary file each; a temporary file handed over is checked.
        let temps = items.map { item in
            switch item.output {
            case .bytes: return temporaryPath(for: item.path)
            case .temporaryFile(let temp, _): return temp
            }
        }
        for (k, item) in items.enumerated() {
            if !LakeLayout.isTemporary(temps[k]) {
                failed[k] = .protectedPath(temps[k])
            } else if !LakeLayout.isOutput(item.path) {
                failed[k] = .protectedPath(item.path)
            }
        }
        // 1. Every content written and durable before any rename, so no name ever leads to a
        //    file whose bytes a power loss could take back.
        let toSync = items.indices.filter { failed[$0] == nil }
        let synced = Self.eachInParallel(toSync.count) { [self] n throws(FileSystemError) in
            let k = toSync[n]
            switch items[k].output {
            case .bytes(let bytes): try writeTemporary(bytes, to: temps[k], sync: true)
            case .temporaryFile: try directory.syncFile(temps[k])
            }
        }
        for (k, error) in zip(toSync, synced) where error != nil { failed[k] = error }
        // 2. The renames, in order; the folders they made are remembered for step 3.
        var created: [String] = []
        for (k, item) in items.enumerated() where failed[k] == nil {
            do {
                created += try directory.rename(temps[k], to: item.path, replace: true, sync: false)
            } catch {
                failed[k] = error
            }
        }
        for k in items.indices where failed[k] != nil && LakeLayout.isTemporary(temps[k]) { try? remove(temps[k]) }
        // 3. Each folder renamed into, and the parent of each folder made, synced once.
        let renamed = items.indices.filter { failed[$0] == nil }
        let folders = LakeDirectory.foldersToSync(renamedInto: renamed.map { LakeDirectory.splitLast(items[$0].path).dir }, created: created)
        let folderErrors = Self.eachInParallel(folders.count) { n throws(FileSystemError) in try directory.syncFolder(folders[n]) }
        var unsynced: [String: FileSystemError] = [:]
        for (folder, error) in zip(folders, folderErrors) { if let error { unsynced[folder] = error } }
        if !unsynced.isEmpty {
            let made = Set(created)
            for k in renamed {
                // The item's folder, and the parent of each folder on its way that was made.
                var chain = [LakeDirectory.splitLast(items[k].path).dir]
                var folder = chain[0]
                while made.contains(folder) {
                    folder = LakeDirectory.splitLast(folder).dir
                    chain.append(folder)
                }
                if let error = chain.lazy.compactMap({ unsynced[$0] }).first { failed[k] = error }
            }
        }
        return items.indices.map { k in
            if let error = failed[k] { return .failure(error) }
            return .success(stat(items[k].path))
        }
    }

    /// Runs `body` for 0..<count, up to `syncWidth` at a time (a sync mostly waits for the
    /// disk, so more of them than there are cores overlap usefully).
    /// - Returns: each call's error, nil where it succeeded, in order.
    static func eachInParallel(_ count: Int, _ body: @escaping @Sendable (Int) throws(FileSystemError) -> Void) -> [FileSystemError?] {
        @Sendable func attempt(_ n: Int) -> FileSystemError? {
            do { try body(n) } catch { return error }
            return nil
        }
        guard count > 1 else { return (0..<count).map(attempt) }
        let results = ResultSlots<FileSystemError?>(count: count)
        let next = TemporaryCounter()
        let group = DispatchGroup()
        for _ in 0..<min(syncWidth, count) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let n = next.next() - 1
                    guard n < count else { break }
                    results.set(n, attempt(n))
                }
                group.leave()
            }
        }
        group.wait()
        return (0..<count).map { results.get($0) ?? nil }
    }

    /// How many syncs run at once.
    static let syncWidth = 16

    /// Lands a temporary file as the raw file `path` (for `ingest`, `gen` and `fetch`): with
    /// `replace` false, fails with `alreadyExists` when the name is taken, even by a file that
    /// appears at the same moment (RENAME_NOREPLACE).
    public func land(_ temp: String, at path: String, replace: Bool) throws(FileSystemError) {
        guard LakeLayout.isTemporary(temp) else { throw .protectedPath(temp) }
        guard LakeLayout.isRaw(path) else { throw .protectedPath(path) }
        try directory.syncFile(temp)
        try directory.rename(temp, to: path, replace: replace)
    }

    public func remove(_ path: String) throws(FileSystemError) {
        guard LakeLayout.isOutput(path) || LakeLayout.isTemporary(path) else { throw .protectedPath(path) }
        // A temporary folder stays: another target may be about to write into it.
        try directory.remove(path, keepingFolders: LakeLayout.isTemporary(path))
    }

    public func sweepTemporaries() -> Int {
        // `.lakemake/tmp/`, and the temporary folder of each top-level folder on its own file system.
        var folders = [LakeLayout.temporaryFolder]
        if let fd = try? directory.openDirectory("", create: false), let handle = fdopendir(fd) {
            while let entry = readdir(handle) {
                let name = LakeWalker.name(of: entry)
                guard let name = String(validating: name, as: UTF8.self), !name.hasPrefix(".") else { continue }
                if entry.pointee.d_type == UInt8(DT_DIR) || LakeDirectory.sourceFolders.contains(name) {
                    folders.append(name + "/" + LakeDirectory.foreignTemporaryFolder)
                }
            }
            closedir(handle)
        }
        var swept = 0
        for folder in folders {
            // A folder that is a link, or missing, is not looked into.
            guard let fd = try? directory.openDirectory(folder, create: false), let handle = fdopendir(fd) else { continue }
            var names: [String] = []
            while let entry = readdir(handle) {
                if let name = String(validating: LakeWalker.name(of: entry), as: UTF8.self), let pid = LakeLayout.writerOfTemporary(name) {
                    // `ingest` and `fetch` write without the build lock, so a file of a process
                    // that is still alive is not ours to sweep.
                    if pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM) { continue }
                    names.append(name)
                }
            }
            let dirFD = dirfd(handle)
            for name in names {
                var st = Glibc.stat()
                guard fstatat(dirFD, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                if unlinkat(dirFD, name, 0) == 0 { swept += 1 }
            }
            closedir(handle)
        }
        return swept
    }

    /// `mkdir -p` for a lake-relative folder, through no link.
    public func makeDirectories(_ dir: String) throws(FileSystemError) {
        guard !dir.isEmpty else { return }
        close(try directory.openDirectory(dir, create: true))
    }
}

extension FileStat {
    init(_ st: stat) {
        self.init(
            device: UInt64(truncatingIfNeeded: st.st_dev),
            inode: UInt64(truncatingIfNeeded: st.st_ino),
            size: Int64(st.st_size),
            mtimeNs: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec),
            ctimeNs: Int64(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_ctim.tv_nsec))
    }
}

/// A process-wide counter for unique temporary names.
final class TemporaryCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// The folder a run of bulk stats is made relative to, opened (O_PATH, links followed as a
/// path from the lake folder would follow them) while consecutive paths share it: the path's
/// own folder when the next path is in it too (`metrics/…/date=…/` of `store_id=….json`: one
/// name for the kernel to look up per file), else its folder two levels up when the next path
/// shares that (`processed/sales/date=…/` of `store_id=…/data.parquet`, a folder per file:
/// two names instead of five). Works on the bytes of the paths (C strings the caller holds):
/// no string is made per path.
private struct StatAnchor {
    let rootFD: Int32
    private var folder: [UInt8] = []
    private var fd: Int32 = -1

    init(rootFD: Int32) { self.rootFD = rootFD }

    /// The descriptor to stat `path` by, and where in `path` the name to give it starts;
    /// `next` is the path stat'ed after it.
    mutating func locate(_ path: UnsafeRawBufferPointer, next: String?) -> (Int32, Int) {
        let (own, upper) = Self.folderWidths(path)
        if own > 0 && isAnchor(path, width: own) { return (fd, own + 1) }
        if upper > 0 && isAnchor(path, width: upper) { return (fd, upper + 1) }
        close()
        // Open a folder only for a run of two or more: a lone path is cheaper from the root.
        guard let next else { return (rootFD, 0) }
        let width = own > 0 && Self.starts(next, with: path, width: own) ? own
            : upper > 0 && Self.starts(next, with: path, width: upper) ? upper : 0
        return width > 0 && open(path, width: width) ? (fd, width + 1) : (rootFD, 0)
    }

    /// True when the open anchor is the first `width` bytes of `path` (bytes, not Swift's
    /// equality: two spellings of one name are two folders on disk).
    private func isAnchor(_ path: UnsafeRawBufferPointer, width: Int) -> Bool {
        fd >= 0 && folder.count == width
            && folder.withUnsafeBytes { memcmp($0.baseAddress!, path.baseAddress!, width) == 0 }
    }

    private mutating func open(_ path: UnsafeRawBufferPointer, width: Int) -> Bool {
        let shown = UnsafeRawBufferPointer(rebasing: path[..<width])
        let opened = openat(rootFD, String(decoding: shown, as: UTF8.self), lakemake_o_path | O_DIRECTORY | O_CLOEXEC)
        guard opened >= 0 else { return false }
        folder = Array(shown)
        fd = opened
        return true
    }

    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// The lengths of `a/b/c/d` and of `a/b/c` in `a/b/c/d/e` (the file's folder and the one
    /// above it); 0 for a folder that is the lake's top or a top-level folder (a path of fewer
    /// than three or four parts), which the root descriptor resolves as cheaply.
    private static func folderWidths(_ path: UnsafeRawBufferPointer) -> (own: Int, upper: Int) {
        var last = 0, second = 0, third = 0
        var i = path.count - 1
        while i > 0 && third == 0 {
            if path[i] == UInt8(ascii: "/") {
                if last == 0 { last = i } else if second == 0 { second = i } else { third = i }
            }
            i -= 1
        }
        return (second > 0 ? last : 0, third > 0 ? second : 0)
    }

    /// True when `path` is the first `width` bytes of `folder` followed by `/` and more.
    private static func starts(_ path: String, with folder: UnsafeRawBufferPointer, width: Int) -> Bool {
        let bytes = path.utf8Span.span
        guard bytes.count > width + 1, bytes[width] == UInt8(ascii: "/") else { return false }
        for i in 0..<width where bytes[i] != folder[i] { return false }
        return true
    }
}
