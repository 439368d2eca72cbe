// inotify through Glibc, for `lakemake watch`: watches folder trees (adding a watch for every
// new subfolder as it appears) and reports whether anything landed within a timeout. It only
// says *that* something changed; the build's own walk finds out *what*.

import Glibc

/// Watches folder trees for files being written, moved in or out, or deleted.
final class DirectoryWatcher {
    private let descriptor: Int32
    /// Watched folders by watch descriptor.
    private var folders: [Int32: String] = [:]

    /// What counts as a change: a file written and closed, created, moved or deleted.
    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE) | UInt32(IN_ATTRIB)
    /// `struct inotify_event` without its name: wd, mask, cookie, len.
    private static let headerSize = 16

    /// Starts watching every folder under each root (roots that do not exist are skipped).
    init(roots: [String]) throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else {
            throw CommandError.invalid("cannot watch the lake: inotify_init1 failed (errno \(errno))",
                                       hint: "raise fs.inotify.max_user_instances, or run 'lakemake build' by hand")
        }
        descriptor = fd
        for root in roots { addRecursively(root) }
        if folders.isEmpty {
            close(fd)
            throw CommandError.invalid("nothing to watch: none of \(roots.joined(separator: ", ")) exists",
                                       hint: "run 'lakemake init' or pass --lake DIR")
        }
    }

    deinit { close(descriptor) }

    /// Waits up to `timeoutMs` for changes. Returns true when at least one arrived (all that are
    /// queued are consumed), false on timeout or when a signal interrupted the wait.
    func waitForChanges(timeoutMs: Int32) -> Bool {
        var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, timeoutMs)
        guard ready > 0 else { return false }
        return drain()
    }

    private func addRecursively(_ folder: String) {
        var st = stat()
        guard lstat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { return }
        let wd = inotify_add_watch(descriptor, folder, Self.mask)
        guard wd >= 0 else { return }
        folders[wd] = folder
        guard let handle = opendir(folder) else { return }
        var children: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { children.append(folder + "/" + name) }
        }
        closedir(handle)
        for child in children.sorted() { addRecursively(child) }
    }

    /// Reads every queued event; adds watches for new folders. True when any event was read.
    private func drain() -> Bool {
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            any = true
            var newFolders: [String] = []
            var offset = 0
            while offset + Self.headerSize <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameStart = offset + Self.headerSize
                let nameEnd = min(nameStart + length, count)
                let name = String(decoding: buffer[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
                if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0,
                   let parent = folders[wd], !name.isEmpty {
                    newFolders.append(parent + "/" + name)
                }
                if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil }
                offset = nameStart + length
            }
            for folder in newFolders { addRecursively(folder) }
        }
        return any
    }
}
