// inotify through Glibc, for `lakemake watch`: watches folder trees (adding a watch for every
// new subfolder as it appears), reports whether anything landed within a timeout, and keeps
// the paths of the files that changed, so the next build stats those instead of walking the
// lake. When it cannot be sure it saw everything (the kernel's queue overflowed, a name that
// is not UTF-8), it says so and the build walks.

import Glibc

/// Watches folder trees for files being written, moved in or out, or deleted.
final class DirectoryWatcher {
    private let descriptor: Int32
    /// Watched folders by watch descriptor.
    private var folders: [Int32: String] = [:]
    /// Changed paths relative to `base` since the last `takeChanges()`.
    private var changed = Set<String>()
    /// Set when a change may have been missed; the next build walks.
    private var incomplete = false
    /// The folder the reported paths are relative to (the lake).
    private let base: String
    /// False while the first watches are added: files already there are not changes.
    private var started = false

    /// What counts as a change: a file written and closed, created, moved or deleted.
    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE) | UInt32(IN_ATTRIB)
    /// `struct inotify_event` without its name: wd, mask, cookie, len.
    private static let headerSize = 16

    /// Starts watching every folder under each root (roots that do not exist are skipped);
    /// changed paths are reported relative to `base`.
    init(roots: [String], base: String) throws {
        self.base = base
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else {
            throw CommandError.invalid("cannot watch the lake: inotify_init1 failed (errno \(errno))",
                                       hint: "raise fs.inotify.max_user_instances, or run 'lakemake build' by hand")
        }
        descriptor = fd
        for root in roots { addRecursively(root) }
        started = true
        if folders.isEmpty {
            close(fd)
            throw CommandError.invalid("nothing to watch: none of \(roots.joined(separator: ", ")) exists",
                                       hint: "run 'lakemake init' or pass --lake DIR")
        }
    }

    deinit { close(descriptor) }

    /// The files that changed since the last call, relative to the base folder, sorted; nil
    /// when a change may have been missed (then a walk must find them).
    func takeChanges() -> [String]? {
        defer {
            changed = []
            incomplete = false
        }
        return incomplete ? nil : changed.sorted()
    }

    /// Forgets what was collected and asks the next build to walk (after a build that failed,
    /// whose changes were not taken in).
    func requireWalk() { incomplete = true }

    private func note(_ path: String) {
        guard started, path.hasPrefix(base + "/") else { return }
        changed.insert(String(path.dropFirst(base.count + 1)))
    }

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
        for child in children.sorted() {
            var cst = stat()
            guard lstat(child, &cst) == 0 else { continue }
            if cst.st_mode & S_IFMT == S_IFDIR {
                addRecursively(child)
            } else {
                // Files already in a folder that appeared: they may have landed before its watch.
                note(child)
            }
        }
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
                let raw = buffer[nameStart..<nameEnd].prefix { $0 != 0 }
                let name = String(decoding: raw, as: UTF8.self)
                if mask & UInt32(IN_Q_OVERFLOW) != 0 || !name.utf8.elementsEqual(raw) { incomplete = true }
                if mask & UInt32(IN_ISDIR) != 0 {
                    if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0, let parent = folders[wd], !name.isEmpty {
                        newFolders.append(parent + "/" + name)
                    }
                    // A folder moved away or deleted takes files with it that no event names.
                    if mask & (UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)) != 0 { incomplete = true }
                } else if let parent = folders[wd], !name.isEmpty {
                    note(parent + "/" + name)
                }
                if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil }
                offset = nameStart + length
            }
            for folder in newFolders { addRecursively(folder) }
        }
        return any
    }
}
