// One writer at a time (spec §5.7): `build`, `clean` and `ingest --replace` hold an exclusive
// `flock` on `.lakemake/lock`, which also names the holder's pid. The kernel drops the lock
// when the process dies, so a killed build never leaves a stale lock behind.

import Foundation
import Glibc

/// Why the lock could not be taken.
public enum LockError: Error, Equatable, Sendable {
    /// Another process holds the lock and `--no-wait` was given.
    case held(pid: Int32?)
    case io(path: String, errno: Int32)

    public var message: String {
        switch self {
        case .held(let pid):
            return "another lakemake is building this lake" + (pid.map { " (pid \($0))" } ?? "")
        case .io(let path, let e):
            return "cannot lock \(path): \(FileSystemError.describe(errno: e))"
        }
    }

    public var hint: String? {
        switch self {
        case .held: return "wait for it to finish, or run without --no-wait to queue behind it"
        case .io: return "check that the lake folder is writable"
        }
    }
}

/// An exclusive lock on a lake, released by `release()` or when the process ends.
public final class BuildLock {
    private var fd: Int32
    public let path: String

    /// Takes the lock on `<lake>/.lakemake/lock`.
    /// - Parameter wait: block until the holder finishes (true) or fail at once (false).
    /// - Parameter onWait: called once, before blocking, with the holder's pid.
    public init(lakeRoot: String, wait: Bool, onWait: (Int32?) -> Void = { _ in }) throws(LockError) {
        let dir = lakeRoot + "/" + LakeLayout.stateFolder
        if mkdir(dir, 0o755) != 0 && errno != EEXIST { throw .io(path: dir, errno: errno) }
        path = lakeRoot + "/" + LakeLayout.lockFile
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = BuildLock.readPid(fd)
            guard wait else {
                close(fd)
                throw .held(pid: holder)
            }
            onWait(holder)
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR {
                    close(fd)
                    throw .io(path: path, errno: errno)
                }
            }
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// A reader's hold on the lake (a shared lock): builds wait while it is held, and it is
    /// refused at once with `held` while a build runs, so a reader never sees a build's
    /// half-finished state. A lake that never had a lock file has no build running.
    public static func reader(lakeRoot: String) throws(LockError) -> BuildLock {
        let path = lakeRoot + "/" + LakeLayout.lockFile
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ENOENT { return BuildLock(fd: -1, path: path) }
            throw .io(path: path, errno: errno)
        }
        if flock(fd, LOCK_SH | LOCK_NB) != 0 {
            let holder = readPid(fd)
            close(fd)
            throw .held(pid: holder)
        }
        return BuildLock(fd: fd, path: path)
    }

    public func release() {
        guard fd >= 0 else { return }
        if fcntl(fd, F_GETFL) & O_ACCMODE != O_RDONLY { _ = ftruncate(fd, 0) }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
