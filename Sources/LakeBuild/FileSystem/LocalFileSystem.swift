// The real lake on disk. Walks with readdir + fstatat (one stat per entry, no Foundation
// overhead: the walk is most of a no-op build), writes through `.lakemake/tmp/` with fsync
// and rename so a reader never sees a half-written output.

import Foundation
import Glibc
import LakeFormats

/// The lake folder on the local disk.
public struct LocalFileSystem: FileSystem {
    /// Absolute path of the lake root, without a trailing `/`.
    public let root: String
    private let counter = TemporaryCounter()

    public init(root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    public func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    public func walk(under folders: [String]) throws(FileSystemError) -> LakeListing {
        var listing = LakeListing()
        listing.files.reserveCapacity(1024)
        var pending: [String] = folders.reversed()
        while let dir = pending.popLast() {
            guard let handle = opendir(absolute(dir)) else {
                if dir.isEmpty || (folders.contains(dir) && errno != ENOENT) {
                    throw .io(path: dir.isEmpty ? root : dir, operation: "opendir", errno: errno)
                }
                continue
            }
            let fd = dirfd(handle)
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                if dir.isEmpty && name == ".lakemake" { continue }
                let path = dir.isEmpty ? name : dir + "/" + name
                var st = Glibc.stat()
                guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(path)
                case S_IFREG:
                    listing.files[path] = FileStat(st)
                case S_IFLNK:
                    if let target = resolvedInside(path), Glibc.lstat(absolute(target), &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                        listing.files[path] = FileStat(st)
                    } else {
                        listing.escapingLinks.append(path)
                    }
                default:
                    continue
                }
            }
            closedir(handle)
        }
        listing.escapingLinks.sort(by: LakePath.bytewiseLess)
        return listing
    }

    /// The lake-relative target of a symbolic link when it resolves inside the lake.
    private func resolvedInside(_ path: String) -> String? {
        guard let real = realpath(absolute(path), nil) else { return nil }
        defer { free(real) }
        let resolved = String(cString: real)
        guard let rootReal = realpath(root, nil) else { return nil }
        defer { free(rootReal) }
        let base = String(cString: rootReal) + "/"
        guard resolved.hasPrefix(base) else { return nil }
        let inside = String(resolved.dropFirst(base.count))
        return inside.hasPrefix(".lakemake/") ? nil : inside
    }

    public func stat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard Glibc.lstat(absolute(path), &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStat(st)
    }

    /// Many stats at once, relative to the lake folder (so the kernel resolves only the
    /// lake-relative part of each path), spread over the cores.
    public func stat(_ paths: [String]) -> [FileStat?] {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return paths.map { _ in nil } }
        defer { close(rootFD) }
        let chunks = max(1, min(64, paths.count / 4096))
        let results = ResultSlots<[FileStat?]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lower = paths.count * c / chunks, upper = paths.count * (c + 1) / chunks
            var found: [FileStat?] = []
            found.reserveCapacity(upper - lower)
            var st = Glibc.stat()
            for i in lower..<upper {
                let ok = fstatat(rootFD, paths[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFREG
                found.append(ok ? FileStat(st) : nil)
            }
            results.set(c, found)
        }
        return (0..<chunks).flatMap { results.get($0) ?? [] }
    }

    public func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        let fd = open(absolute(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? .notFound(path) : .io(path: path, operation: "open", errno: errno) }
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

    public func hash(_ path: String) throws(FileSystemError) -> (sha256: String, size: Int64) {
        do {
            let h = try SHA256.hashFile(atPath: absolute(path))
            return (h.digest, h.size)
        } catch {
            throw .io(path: path, operation: "read", errno: EIO)
        }
    }

    public func temporaryPath(for path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? "out"
        return ".lakemake/tmp/\(getpid())-\(counter.next())-\(base)"
    }

    public func writeTemporary(_ bytes: [UInt8], to temp: String) throws(FileSystemError) {
        try makeDirectories(LakePath.directory(of: temp))
        let fd = open(absolute(temp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temp, operation: "create", errno: errno) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                unlink(absolute(temp))
                throw .io(path: temp, operation: "write", errno: e)
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            unlink(absolute(temp))
            throw .io(path: temp, operation: "fsync", errno: e)
        }
    }

    public func publish(_ temp: String, to path: String) throws(FileSystemError) {
        let dir = LakePath.directory(of: path)
        try makeDirectories(dir)
        guard rename(absolute(temp), absolute(path)) == 0 else {
            throw .io(path: path, operation: "rename", errno: errno)
        }
        let dfd = open(absolute(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    public func remove(_ path: String) throws(FileSystemError) {
        if unlink(absolute(path)) != 0 && errno != ENOENT {
            throw .io(path: path, operation: "remove", errno: errno)
        }
        var dir = LakePath.directory(of: path)
        while dir.contains("/") {
            if rmdir(absolute(dir)) != 0 { break }
            dir = LakePath.directory(of: dir)
        }
    }

    public func sweepTemporaries() -> Int {
        guard let handle = opendir(absolute(".lakemake/tmp")) else { return 0 }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        // Temporary names start with the writer's pid. `ingest` and `fetch` write without the
        // build lock, so a file of a process that is still alive is not ours to sweep.
        var swept = 0
        for name in names {
            if let pid = Int32(name.prefix { $0.isNumber }), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink(absolute(".lakemake/tmp/" + name))
            swept += 1
        }
        return swept
    }

    /// `mkdir -p` for a lake-relative folder.
    public func makeDirectories(_ dir: String) throws(FileSystemError) {
        guard !dir.isEmpty else { return }
        var st = Glibc.stat()
        if Glibc.lstat(absolute(dir), &st) == 0 { return }
        try makeDirectories(LakePath.directory(of: dir))
        if mkdir(absolute(dir), 0o755) != 0 && errno != EEXIST {
            throw .io(path: dir, operation: "mkdir", errno: errno)
        }
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
