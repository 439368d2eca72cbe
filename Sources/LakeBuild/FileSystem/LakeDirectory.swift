// The one place where lakemake touches the lake's files (spec §8). Every open, create,
// rename, list and delete resolves its path beneath a directory descriptor of the lake, not
// by string: a `..` or a symbolic link can never lead an output path out of the lake or into
// raw/, reference/ or .lakemake/, whatever a file name or a swapped link says at that moment.
//
// Two policies:
//   - sources (files under raw/ and reference/): symbolic links are followed while they stay
//     inside the lake (resolved by the kernel at open time, so there is no check-then-open race);
//   - everything else (outputs, rejection files, temporary files): no symbolic link anywhere
//     below the lake's folder. An output folder that is a link is an error naming the link.
// raw/ and reference/ themselves may be links (to another disk): they are resolved once, when
// the lake is first used, and their files are then resolved beneath them.
//
// The kernel does the resolving with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) where it
// has it (Linux 5.6+); elsewhere a component-by-component walk with O_NOFOLLOW does the same
// job, following no link at all.

import CLinux
import Foundation
import Glibc

/// How paths are resolved beneath the lake.
public enum PathResolution: Sendable, Equatable {
    /// The kernel resolves the whole path (openat2 with RESOLVE_BENEATH).
    case kernel
    /// One component at a time with O_NOFOLLOW (kernels without openat2); follows no link.
    case componentWalk
}

/// An open lake folder: directory descriptors and the calls that resolve beneath them.
public final class LakeDirectory: @unchecked Sendable {
    /// The top-level folders whose files are sources; they may themselves be links.
    public static let sourceFolders = [LakeLayout.raw, LakeLayout.reference]
    /// The name of the temporary folder made inside a top-level folder on another file system.
    public static let foreignTemporaryFolder = ".lakemake-tmp"

    /// Absolute path of the lake, for messages and for shell commands.
    public let root: String
    public let resolution: PathResolution

    private let lock = NSLock()
    /// Held while a destination folder is opened (made if need be) and renamed into, and
    /// while `remove` deletes the folders it emptied: no folder of this lake is removed by
    /// one thread between another's opening it and its rename. (Retrying a rename whose
    /// folder was removed was not enough: a target removing its last output in a folder and
    /// one publishing into it fell into step, each mkdir waiting on the other's fsync, and
    /// the rename lost 16 times in a row.)
    private let folderLock = NSLock()
    private var rootFD: Int32 = -1
    private var rootError: Int32 = 0
    /// raw/ and reference/, opened (following a link) the first time they exist.
    private var sourceFDs: [String: Int32] = [:]

    /// - Parameter resolution: nil picks the kernel's openat2 when it is there.
    public init(root: String, resolution: PathResolution? = nil) {
        self.root = root
        self.resolution = resolution ?? LakeDirectory.kernelResolution
    }

    deinit {
        if rootFD >= 0 { close(rootFD) }
        for fd in sourceFDs.values { close(fd) }
    }

    /// Whether this kernel has openat2 (probed once per process).
    static let kernelResolution: PathResolution = {
        let fd = lakemake_openat2(AT_FDCWD, ".", lakemake_o_path | O_CLOEXEC, 0, lakemake_resolve_beneath)
        if fd >= 0 {
            close(fd)
            return .kernel
        }
        return .componentWalk
    }()

    // MARK: - Descriptors

    /// The lake folder itself.
    func rootDescriptor() throws(FileSystemError) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if rootFD >= 0 { return rootFD }
        let fd = Glibc.open(root, lakemake_o_path | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? .notFound(root) : .io(path: root, operation: "open", errno: errno) }
        rootFD = fd
        return fd
    }

    /// raw/ or reference/ as a descriptor (following a link), nil when it does not exist.
    func sourceFolderDescriptor(_ top: String) throws(FileSystemError) -> Int32? {
        let base = try rootDescriptor()
        lock.lock()
        defer { lock.unlock() }
        if let fd = sourceFDs[top] { return fd }
        let fd = openat(base, top, lakemake_o_path | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .io(path: top, operation: "open", errno: errno)
        }
        sourceFDs[top] = fd
        return fd
    }

    /// The descriptor a lake-relative path is resolved beneath, and the rest of the path:
    /// raw/ and reference/ paths beneath their folder (which may be a link), all others
    /// beneath the lake folder.
    private func base(of path: String) throws(FileSystemError) -> (fd: Int32, rest: String, isSource: Bool) {
        let (top, rest) = LakeDirectory.split(path)
        if LakeDirectory.sourceFolders.contains(top), let rest {
            guard let fd = try sourceFolderDescriptor(top) else { throw .notFound(path) }
            return (fd, rest, true)
        }
        return (try rootDescriptor(), path, false)
    }

    // MARK: - Opening files

    /// Opens a lake-relative path. Files under raw/ and reference/ may be reached through links
    /// that stay in the lake (`followLinksInLake`); every other path through no link at all.
    public func open(_ path: String, flags: Int32, mode: mode_t = 0, followLinksInLake: Bool = false) throws(FileSystemError) -> Int32 {
        try LakeDirectory.validate(path)
        let (fd, rest, isSource) = try base(of: path)
        let follow = followLinksInLake && isSource
        switch resolution {
        case .kernel:
            let resolve = lakemake_resolve_beneath | lakemake_resolve_no_magiclinks | (follow ? 0 : lakemake_resolve_no_symlinks)
            var opened = lakemake_openat2(fd, rest, flags | O_CLOEXEC, UInt32(mode), resolve)
            if opened < 0 && errno == EXDEV && follow {
                // A link leaving raw/ (or reference/) may still land inside the lake.
                opened = try openThroughLake(path, flags: flags, mode: mode)
            }
            guard opened >= 0 else { throw failure(path, operation: "open", errno: errno) }
            return opened
        case .componentWalk:
            let (dir, name) = LakeDirectory.splitLast(rest)
            let parent = try walkDirectories(from: fd, dir, create: false, shownAs: isSource ? LakeDirectory.split(path).top : "")
            defer { close(parent) }
            let opened = openat(parent, name, flags | O_CLOEXEC | O_NOFOLLOW, mode)
            guard opened >= 0 else { throw failure(path, operation: "open", errno: errno) }
            return opened
        }
    }

    /// A source link that leaves its top-level folder, or is absolute: where it points is
    /// read from the link, and when that lies inside the lake (not in `.lakemake/`) the file is
    /// opened there, beneath the lake's descriptors with no link followed, so whatever the link
    /// says by then, the descriptor returned is a file of the lake.
    private func openThroughLake(_ path: String, flags: Int32, mode: mode_t) throws(FileSystemError) -> Int32 {
        guard let real = realpath(root + "/" + path, nil) else { return -1 }
        let target = String(cString: real)
        free(real)
        var bases: [(real: String, fd: Int32)] = []
        for top in LakeDirectory.sourceFolders {
            if let fd = try sourceFolderDescriptor(top), let r = LakeDirectory.pathOfDescriptor(fd) { bases.append((r, fd)) }
        }
        let rootFD = try rootDescriptor()
        guard let rootReal = LakeDirectory.pathOfDescriptor(rootFD) else { return -1 }
        bases.append((rootReal, rootFD))
        for (realBase, fd) in bases where target.hasPrefix(realBase + "/") {
            let rest = String(target.dropFirst(realBase.count + 1))
            if fd == rootFD && LakeDirectory.split(rest).top == LakeLayout.stateFolder { break }
            return lakemake_openat2(fd, rest, flags | O_CLOEXEC, UInt32(mode),
                                    lakemake_resolve_beneath | lakemake_resolve_no_symlinks | lakemake_resolve_no_magiclinks)
        }
        errno = EXDEV
        return -1
    }

    /// Stats a lake-relative path with the same rules as `open`; nil when it is missing,
    /// unreachable under those rules, or not a regular file.
    public func statRegular(_ path: String, followLinksInLake: Bool = false) -> Glibc.stat? {
        guard let fd = try? open(path, flags: lakemake_o_path, followLinksInLake: followLinksInLake) else { return nil }
        defer { close(fd) }
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return st
    }

    // MARK: - Folders

    /// Opens the folder `dir` (lake-relative) for `*at` calls, following no link below the lake
    /// folder (raw/ and reference/ themselves excepted); creates missing folders when asked.
    /// The caller closes the descriptor.
    public func openDirectory(_ dir: String, create: Bool) throws(FileSystemError) -> Int32 {
        var created: [String] = []
        return try openDirectory(dir, create: create, created: &created)
    }

    /// `openDirectory`, adding every folder it made to `created` (lake-relative, outermost
    /// first): a new folder is durable only once its parent is synced.
    private func openDirectory(_ dir: String, create: Bool, created: inout [String]) throws(FileSystemError) -> Int32 {
        if dir.isEmpty { return try LakeDirectory.reopen(try rootDescriptor(), shownAs: root) }
        try LakeDirectory.validate(dir)
        let (top, rest) = LakeDirectory.split(dir)
        if LakeDirectory.sourceFolders.contains(top) {
            if try sourceFolderDescriptor(top) == nil && create {
                let made = try walkDirectories(from: try rootDescriptor(), top, create: true, shownAs: "", created: &created)
                close(made)
            }
            guard let fd = try sourceFolderDescriptor(top) else { throw .notFound(dir) }
            guard let rest else { return try LakeDirectory.reopen(fd, shownAs: top) }
            return try walkDirectories(from: fd, rest, create: create, shownAs: top, created: &created)
        }
        return try walkDirectories(from: try rootDescriptor(), dir, create: create, shownAs: "", created: &created)
    }

    private func walkDirectories(from start: Int32, _ dir: String, create: Bool, shownAs: String) throws(FileSystemError) -> Int32 {
        var created: [String] = []
        return try walkDirectories(from: start, dir, create: create, shownAs: shownAs, created: &created)
    }

    /// Walks `dir` from `start` one component at a time with O_NOFOLLOW, creating missing
    /// components when asked (and adding them to `created`). `shownAs` is the lake-relative
    /// folder `start` stands for.
    private func walkDirectories(from start: Int32, _ dir: String, create: Bool, shownAs: String,
                                 created: inout [String]) throws(FileSystemError) -> Int32 {
        var fd = try LakeDirectory.reopen(start, shownAs: shownAs)
        var walked = shownAs
        for component in dir.split(separator: "/") {
            let name = String(component)
            walked = walked.isEmpty ? name : walked + "/" + name
            var next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 && errno == ENOENT && create {
                if mkdirat(fd, name, 0o755) == 0 {
                    created.append(walked)
                } else if errno != EEXIST {
                    let e = errno
                    close(fd)
                    throw .io(path: walked, operation: "mkdir", errno: e)
                }
                next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if next < 0 {
                let e = errno
                let isLink = e == ELOOP || e == ENOTDIR && LakeDirectory.isLink(fd, name)
                close(fd)
                if isLink { throw .symbolicLink(walked) }
                throw e == ENOENT ? .notFound(walked) : .io(path: walked, operation: "open", errno: e)
            }
            close(fd)
            fd = next
        }
        return fd
    }

    // MARK: - Renaming and removing

    /// Renames `from` to `to` (both lake-relative, resolved with no link); with `replace`
    /// false, fails with `alreadyExists` instead of replacing a file already there. The
    /// destination folder is created when missing. With `sync`, the rename is made durable
    /// before this returns (the destination folder synced, and the parent of each folder
    /// made); without, the caller does that for many renames at once (`syncFolders`).
    /// - Returns: the folders made, outermost first.
    @discardableResult
    public func rename(_ from: String, to: String, replace: Bool, sync: Bool = true) throws(FileSystemError) -> [String] {
        let (fromDir, fromName) = LakeDirectory.splitLast(from)
        let (toDir, toName) = LakeDirectory.splitLast(to)
        let source = try openDirectory(fromDir, create: false)
        defer { close(source) }
        var created: [String] = []
        let target = try moveHoldingFolders(source, fromName, into: toDir, toName, replace: replace, shownAs: to, created: &created)
        defer { close(target) }
        if sync {
            guard fsync(target) == 0 else { throw .io(path: toDir, operation: "fsync", errno: errno) }
            for folder in LakeDirectory.foldersToSync(renamedInto: [], created: created) where folder != toDir {
                try syncFolder(folder)
            }
        }
        return created
    }

    /// Opens (makes) the folder `toDir` and renames `fromName` in `source` into it, holding
    /// `folderLock`, so the folder is not removed in between.
    /// - Returns: the destination folder, for the caller to sync and close.
    private func moveHoldingFolders(_ source: Int32, _ fromName: String, into toDir: String, _ toName: String, replace: Bool,
                                    shownAs to: String, created: inout [String]) throws(FileSystemError) -> Int32 {
        folderLock.lock()
        defer { folderLock.unlock() }
        let target = try openDirectory(toDir, create: true, created: &created)
        do {
            try move(source, fromName, into: target, toName, replace: replace, shownAs: to)
        } catch {
            close(target)
            throw error
        }
        return target
    }

    /// Renames `fromName` in `source` to `toName` in `target`; with `replace` false, never
    /// replaces (`alreadyExists`). A missing name or folder is `notFound`.
    private func move(_ source: Int32, _ fromName: String, into target: Int32, _ toName: String, replace: Bool,
                      shownAs to: String) throws(FileSystemError) {
        if replace {
            guard renameat(source, fromName, target, toName) == 0 else { throw failure(to, operation: "rename", errno: errno) }
        } else if lakemake_rename_noreplace(source, fromName, target, toName) != 0 {
            guard errno == EINVAL || errno == ENOSYS else {
                throw errno == EEXIST ? .alreadyExists(to) : failure(to, operation: "rename", errno: errno)
            }
            // A file system without RENAME_NOREPLACE: a hard link is just as exclusive.
            guard linkat(source, fromName, target, toName, 0) == 0 else {
                throw errno == EEXIST ? .alreadyExists(to) : failure(to, operation: "link", errno: errno)
            }
            unlinkat(source, fromName, 0)
        }
    }

    // MARK: - Durability

    /// fsyncs a file (its content and its inode), resolved like `open` with no link.
    public func syncFile(_ path: String) throws(FileSystemError) {
        let fd = try open(path, flags: O_RDONLY | O_NOFOLLOW)
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }

    /// fsyncs a folder, so the names renamed or made in it are durable.
    public func syncFolder(_ dir: String) throws(FileSystemError) {
        let fd = try openDirectory(dir, create: false)
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: dir.isEmpty ? root : dir, operation: "fsync", errno: errno) }
    }

    /// The folders to sync so that renames into `renamedInto` and the folders in `created`
    /// are durable: each of those folders, and the parent of each folder made. Each once,
    /// sorted bytewise.
    static func foldersToSync(renamedInto: [String], created: [String]) -> [String] {
        var folders = Set(renamedInto)
        for folder in created { folders.insert(splitLast(folder).dir) }
        return folders.sorted(by: LakePath.bytewiseLess)
    }

    /// Removes a file (a missing one is not an error), then, unless `keepingFolders`, its
    /// folders while they are empty, up to but not including the top-level folder. Follows
    /// no link.
    public func remove(_ path: String, keepingFolders: Bool = false) throws(FileSystemError) {
        try LakeDirectory.validate(path)
        let components = path.split(separator: "/").map(String.init)
        var chain: [Int32] = []
        defer { for fd in chain { close(fd) } }
        var fd = try openDirectory(components[0], create: false, missingIsNil: true)
        guard fd >= 0 else { return }
        chain.append(fd)
        for name in components.dropFirst().dropLast() {
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 {
                if errno == ENOENT { return }
                if errno == ELOOP || errno == ENOTDIR && LakeDirectory.isLink(fd, name) {
                    throw .symbolicLink(components.prefix(chain.count + 1).joined(separator: "/"))
                }
                throw .io(path: path, operation: "open", errno: errno)
            }
            chain.append(next)
            fd = next
        }
        guard components.count > 1 else { throw .invalidPath(path) }
        if unlinkat(fd, components[components.count - 1], 0) != 0 && errno != ENOENT {
            throw .io(path: path, operation: "remove", errno: errno)
        }
        // Empty folders go, deepest first, never the top-level folder itself; not while
        // another thread opens one to rename into it.
        var level = keepingFolders ? 0 : chain.count - 1
        guard level >= 1 else { return }
        folderLock.lock()
        defer { folderLock.unlock() }
        while level >= 1 {
            if unlinkat(chain[level - 1], components[level], AT_REMOVEDIR) != 0 { break }
            level -= 1
        }
    }

    private func openDirectory(_ dir: String, create: Bool, missingIsNil: Bool) throws(FileSystemError) -> Int32 {
        do {
            return try openDirectory(dir, create: create)
        } catch {
            if case .notFound = error, missingIsNil { return -1 }
            throw error
        }
    }

    // MARK: - Helpers

    /// The error for a failed call on `path`, naming a link that stood in the way.
    private func failure(_ path: String, operation: String, errno e: Int32) -> FileSystemError {
        switch e {
        case ENOENT: return .notFound(path)
        case EXDEV where operation == "open": return .outsideLake(path)
        case ELOOP: return .symbolicLink(firstLink(in: path) ?? path)
        default: return .io(path: path, operation: operation, errno: e)
        }
    }

    /// The first component of `path` that is a symbolic link, for messages.
    func firstLink(in path: String) -> String? {
        guard let rootFD = try? rootDescriptor() else { return nil }
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            var st = Glibc.stat()
            if fstatat(rootFD, prefix, &st, AT_SYMLINK_NOFOLLOW) != 0 { return nil }
            if st.st_mode & S_IFMT == S_IFLNK && !(LakeDirectory.sourceFolders.contains(prefix)) { return prefix }
        }
        return nil
    }

    /// A readable descriptor of the folder `fd` stands for (which may be an O_PATH descriptor),
    /// usable with fdopendir and fsync.
    static func reopen(_ fd: Int32, shownAs: String) throws(FileSystemError) -> Int32 {
        let opened = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard opened >= 0 else { throw .io(path: shownAs, operation: "open", errno: errno) }
        return opened
    }

    static func isLink(_ dirFD: Int32, _ name: String) -> Bool {
        var st = Glibc.stat()
        return fstatat(dirFD, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }

    /// Where a descriptor points, from /proc (nil where /proc is not mounted).
    static func pathOfDescriptor(_ fd: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Refuses a path that is not lake-relative and plain: absolute, empty or `.`/`..`
    /// segments, NUL bytes.
    static func validate(_ path: String) throws(FileSystemError) {
        guard LakePath.isContained(path), !path.utf8.contains(0) else { throw .invalidPath(path) }
    }

    /// `raw/a/b` → ("raw", "a/b"); `raw` → ("raw", nil).
    static func split(_ path: String) -> (top: String, rest: String?) {
        guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { return (path, nil) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// `a/b/c` → ("a/b", "c").
    static func splitLast(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
