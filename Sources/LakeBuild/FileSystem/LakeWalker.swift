// One walk of lake folders through directory descriptors: every entry stat'ed once with
// fstatat, subfolders opened with O_NOFOLLOW beneath their parent, so a folder swapped for a
// link while the walk runs is not followed. Names are taken as the bytes the file system
// stores: a name that is not UTF-8, or two names that Swift would compare equal (the same text
// in two Unicode normalisations), are listed as unusable instead of being dropped or merged.
// The listing is keyed by bytes: a name in one spelling never finds another spelling's entry.

import Foundation
import Glibc

/// Collects a `LakeListing` from one or more folders.
struct LakeWalker {
    let directory: LakeDirectory
    var listing = LakeListing()
    /// Paths added that are not ASCII (see `setAsideSpellingsOfOneText`).
    private var nonASCII: [String] = []

    /// Regular files and folders are told apart by the type the folder entry states (no stat
    /// for them; the listing's stats are zero), for a caller that needs only the names.
    let namesOnly: Bool

    /// Folders with at least this many entries (estimated from their size) are stat'ed on
    /// every core (tests set 0 to take every folder that way).
    let parallelStatsFrom: Int

    /// The regular files with ASCII names of large folders are kept in `compact` instead of
    /// `listing` (see `SourceWalk`).
    let keepsLargeFoldersCompact: Bool
    private(set) var compact: [CompactFolder] = []

    init(directory: LakeDirectory, namesOnly: Bool = false, parallelStatsFrom: Int = LakeWalker.statInParallelFrom,
         keepsLargeFoldersCompact: Bool = false) {
        self.directory = directory
        self.namesOnly = namesOnly
        self.parallelStatsFrom = parallelStatsFrom
        self.keepsLargeFoldersCompact = keepsLargeFoldersCompact && !namesOnly
        listing.files.reserveCapacity(1024)
    }

    /// Once a walk has this many folders still to read, they are shared out over the cores.
    static let spreadAt = 64

    /// Walks the folder `fd` stands for (lake-relative `folder`), taking ownership of `fd`.
    /// Its subfolders are shared out over the cores once there are `spreadAt` of them: each
    /// share is walked by a walker of its own, and the listings are joined. Folders are
    /// independent, and nothing in a listing shows the order they were read in (files are
    /// keyed by path, `finish` sorts the lists). The output folders of 100 000 uploads are
    /// 110 000 folders, one name or two in each: read one after the other they were half of
    /// `status`. A few large folders (raw/) are read as before.
    mutating func walkSpread(_ fd: Int32, _ folder: String) throws(FileSystemError) {
        var pending: [(fd: Int32, path: String)] = [(fd, folder)]
        while !pending.isEmpty && pending.count < Self.spreadAt { try walk(&pending, folders: 1) }
        guard !pending.isEmpty else { return }
        let shares = min(pending.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let all = pending, directory = self.directory, namesOnly = self.namesOnly, parallelStatsFrom = self.parallelStatsFrom
        let compact = keepsLargeFoldersCompact
        let walked = ResultSlots<Result<LakeWalker, FileSystemError>>(count: shares)
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            var walker = LakeWalker(directory: directory, namesOnly: namesOnly, parallelStatsFrom: parallelStatsFrom,
                                    keepsLargeFoldersCompact: compact)
            var mine = stride(from: share, to: all.count, by: shares).map { all[$0] }
            walked.set(share, Result { () throws(FileSystemError) in
                try walker.walk(&mine, folders: .max)
                return walker
            })
        }
        for share in 0..<shares {
            guard let result = walked.get(share) else { continue }
            let other = try result.get()
            listing.files.reserveCapacity(listing.files.count + other.listing.files.count)
            for (path, stat) in other.listing.files { listing.files[path] = stat }
            listing.escapingLinks += other.listing.escapingLinks
            listing.unusableNames += other.listing.unusableNames
            nonASCII += other.nonASCII
            self.compact += other.compact
        }
    }

    /// Reads up to `limit` folders of `pending` (last first), adding the subfolders found to
    /// it. Takes ownership of the descriptors: on an error, those still pending are closed.
    private mutating func walk(_ pending: inout [(fd: Int32, path: String)], folders limit: Int) throws(FileSystemError) {
        do throws(FileSystemError) {
            var read = 0
            while read < limit, let (fd, dir) = pending.popLast() {
                read += 1
                try walkFolder(fd, dir, &pending)
            }
        } catch {
            for folder in pending { close(folder.fd) }
            pending.removeAll()
            throw error
        }
    }

    /// Reads one folder, taking ownership of `fd`; its subfolders go to `pending`. A large
    /// folder (raw/ of 100 000 uploads) has its names read first and its entries stat'ed on
    /// every core: read one after the other, its stats were the last work of a no-op build,
    /// with the other cores done.
    private mutating func walkFolder(_ fd: Int32, _ dir: String, _ pending: inout [(fd: Int32, path: String)]) throws(FileSystemError) {
        guard let handle = fdopendir(fd) else {
            close(fd)
            throw .io(path: dir.isEmpty ? directory.root : dir, operation: "opendir", errno: errno)
        }
        // Closed however the loop ends (resolving a linked source folder may throw).
        defer { closedir(handle) }
        let dfd = dirfd(handle)
        let estimate = reserve(forFolder: dfd)
        // Paths in a folder of the lake's own (not the top, not a top-level folder) are
        // made from the entry's bytes in one step when they are ASCII: a large upload
        // folder is most of a no-op build's walk.
        let folder = FolderContext(dir: dir)
        guard estimate >= parallelStatsFrom else {
            while let entry = readdir(handle) {
                let name = LakeWalker.namePointer(entry)
                let length = strlen(name)
                if LakeWalker.isDotOrDotDot(name, length) { continue }
                let type = entry.pointee.d_type
                try take(name, length, type: type, probe: LakeWalker.probe(dfd, name, type: type, namesOnly: namesOnly), path: nil,
                         in: folder, dfd, &pending)
            }
            return
        }
        // Every name first, one after the other, each NUL-terminated.
        var names: [CChar] = []
        names.reserveCapacity(estimate * 40)
        var starts: [Int] = [], lengths: [Int] = [], types: [UInt8] = []
        while let entry = readdir(handle) {
            let name = LakeWalker.namePointer(entry)
            let length = strlen(name)
            if LakeWalker.isDotOrDotDot(name, length) { continue }
            starts.append(names.count)
            lengths.append(length)
            types.append(entry.pointee.d_type)
            names.append(contentsOf: UnsafeBufferPointer(start: name, count: length + 1))
        }
        // Then the stats, and the paths of ASCII names (unless they are kept compact), on
        // every core.
        let namesOnly = self.namesOnly, compact = keepsLargeFoldersCompact && !dir.isEmpty
        let all = names, chunkStarts = starts, chunkLengths = lengths, chunkTypes = types
        let parts = inParallelChunks(starts.count, atLeast: 4096) { range in
            all.withUnsafeBufferPointer { buffer in
                range.map { i -> (probe: EntryProbe, path: String?) in
                    let name = buffer.baseAddress! + chunkStarts[i]
                    let path = folder.plain && !compact ? LakeWalker.asciiPath(folder.prefix, name, chunkLengths[i]) : nil
                    return (LakeWalker.probe(dfd, name, type: chunkTypes[i], namesOnly: namesOnly), path)
                }
            }
        }
        // Then each entry taken in, in the order read: a regular file with an ASCII name into
        // the compact folder, when kept so, anything else into the listing.
        var kept = compact ? CompactFolder(prefix: folder.prefix, reservingCapacity: starts.count) : nil
        try names.withUnsafeBufferPointer { buffer throws(FileSystemError) in
            var i = 0
            for part in parts {
                for (probe, path) in part {
                    let name = buffer.baseAddress! + starts[i]
                    if kept != nil, case .stat(S_IFREG, let stat) = probe, LakeWalker.mayKeepCompact(name, lengths[i], in: folder) {
                        kept!.append(UnsafeRawBufferPointer(start: name, count: lengths[i]), stat)
                    } else {
                        try take(name, lengths[i], type: types[i], probe: probe, path: path, in: folder, dfd, &pending)
                    }
                    i += 1
                }
            }
        }
        if var kept, kept.count > 0 {
            kept.indexNames()
            self.compact.append(kept)
        }
    }

    /// Whether the regular file `name` of `folder` goes into a compact folder: its path is
    /// ASCII (one that is not is compared with the other spellings of its text in the
    /// listing; see `setAsideSpellingsOfOneText`), and `take` would list it as it is (in a
    /// top-level folder, `take` skips the name of a foreign temporary folder).
    private static func mayKeepCompact(_ name: UnsafePointer<CChar>, _ length: Int, in folder: FolderContext) -> Bool {
        guard folder.prefixIsASCII, isASCII(name, length) else { return false }
        return folder.plain || strcmp(name, LakeDirectory.foreignTemporaryFolder) != 0
    }

    /// The default of `parallelStatsFrom`.
    static let statInParallelFrom = 4096

    /// What the walk knows of the folder it reads.
    private struct FolderContext: Sendable {
        let dir: String
        /// A folder of the lake's own (not the lake folder, not a top-level folder).
        let plain: Bool
        /// `dir/` as bytes.
        let prefix: [UInt8]
        let prefixIsASCII: Bool

        init(dir: String) {
            self.dir = dir
            plain = dir.contains("/")
            prefix = Array((dir.isEmpty ? "" : dir + "/").utf8)
            prefixIsASCII = prefix.allSatisfy { $0 < 0x80 }
        }
    }

    /// What the walk learns of an entry before taking it in.
    private enum EntryProbe {
        /// Not stat'ed: a names-only walk goes by the type the folder entry states.
        case byStatedType
        /// Gone since the folder was read.
        case gone
        /// Its type (`S_IFMT` bits) and, for a regular file, its fingerprint.
        case stat(mode: UInt32, FileStat)
    }

    /// Stats the entry `name` of the folder `dfd`, unless a names-only walk can go by `type`.
    private static func probe(_ dfd: Int32, _ name: UnsafePointer<CChar>, type: UInt8, namesOnly: Bool) -> EntryProbe {
        if namesOnly && LakeWalker.typeIsStated(type) { return .byStatedType }
        var st = Glibc.stat()
        guard fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return .gone }
        return .stat(mode: st.st_mode & S_IFMT, FileStat(st))
    }

    private static func isDotOrDotDot(_ name: UnsafePointer<CChar>, _ length: Int) -> Bool {
        name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E))
    }

    /// A walk for names only takes regular files and folders by the type the entry states.
    private static func typeIsStated(_ type: UInt8) -> Bool { Int32(type) == DT_REG || Int32(type) == DT_DIR }

    /// Takes in one entry of `folder`: a regular file is added, a folder goes to `pending`, a
    /// link is resolved or listed as leaving the lake, a name that is not UTF-8 is listed as
    /// unusable. `probe` is what its stat said; `path`, its path when already made.
    private mutating func take(_ name: UnsafePointer<CChar>, _ length: Int, type: UInt8, probe: EntryProbe, path made: String?,
                               in folder: FolderContext, _ dfd: Int32, _ pending: inout [(fd: Int32, path: String)]) throws(FileSystemError) {
        let dir = folder.dir
        let path: String
        var ascii = folder.prefixIsASCII
        if let made {
            path = made
        } else if folder.plain, let made = LakeWalker.asciiPath(folder.prefix, name, length) {
            path = made
        } else {
            let bytes = Array(UnsafeRawBufferPointer(start: name, count: length))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let shown = (dir.isEmpty ? "" : dir + "/") + LakeWalker.escaped(bytes)
                listing.unusableNames.append(UnmatchedFile(
                    path: shown, expectedPatterns: [], problem: "its name is not UTF-8 (bytes shown escaped); rename it to build it"))
                return
            }
            if dir.isEmpty && text == LakeLayout.stateFolder { return }
            if text == LakeDirectory.foreignTemporaryFolder && !dir.isEmpty && !folder.plain { return }
            path = dir.isEmpty ? text : dir + "/" + text
            ascii = path.isASCII
        }
        let mode: UInt32, stat: FileStat
        switch probe {
        case .byStatedType:
            mode = Int32(type) == DT_REG ? S_IFREG : S_IFDIR
            stat = FileStat(device: 0, inode: 0, size: 0, mtimeNs: 0, ctimeNs: 0)
        case .gone:
            return
        case .stat(let m, let s):
            (mode, stat) = (m, s)
        }
        switch mode {
        case S_IFDIR:
            let child = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 { pending.append((child, path)) }
        case S_IFREG:
            add(path, stat, ascii: ascii)
        case S_IFLNK:
            if dir.isEmpty && LakeDirectory.sourceFolders.contains(path) {
                // raw/ or reference/ on another disk: resolved once, then walked.
                if let source = try directory.sourceFolderDescriptor(path) {
                    pending.append((try LakeDirectory.reopen(source, shownAs: path), path))
                }
            } else if LakeDirectory.sourceFolders.contains(LakeDirectory.split(path).top),
                      let target = directory.statRegular(path, followLinksInLake: true) {
                add(path, FileStat(target), ascii: ascii)
            } else {
                listing.escapingLinks.append(path)
            }
        default:
            return
        }
    }

    /// `prefix` then the entry's name as one string, when the name is ASCII (nil otherwise:
    /// the caller validates it as UTF-8).
    private static func asciiPath(_ prefix: [UInt8], _ name: UnsafePointer<CChar>, _ length: Int) -> String? {
        guard isASCII(name, length) else { return nil }
        return String(unsafeUninitializedCapacity: prefix.count + length) { buffer in
            _ = buffer.initialize(from: prefix)
            _ = UnsafeMutableBufferPointer(rebasing: buffer[prefix.count...])
                .initialize(from: UnsafeRawBufferPointer(start: name, count: length))
            return prefix.count + length
        }
    }

    /// True when every byte of the entry's name is ASCII.
    private static func isASCII(_ name: UnsafePointer<CChar>, _ length: Int) -> Bool {
        var high: UInt8 = 0
        for i in 0..<length { high |= UInt8(bitPattern: name[i]) }
        return high < 0x80
    }

    /// The entry's name, NUL-terminated, where readdir left it.
    private static func namePointer(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(entry).advanced(by: MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
    }

    /// Makes room for a large folder's entries at once: the listing grows by doubling, and each
    /// doubling rehashes every path found so far (seven times for 100 000 uploads in one
    /// folder). A folder's size on disk (ext4: about 40 bytes an entry) says roughly how many
    /// entries it holds; a small folder reserves nothing.
    /// - Returns: the estimate (0 for a small folder).
    private mutating func reserve(forFolder fd: Int32) -> Int {
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0, st.st_size > 64 * 1024 else { return 0 }
        let estimate = Int(st.st_size / 40)
        listing.files.reserveCapacity(listing.files.count + estimate)
        return estimate
    }

    /// Adds a regular file. Paths are compared as bytes; those that are not ASCII are noted,
    /// for `finish` to find names that are the same text in another Unicode spelling.
    private mutating func add(_ path: String, _ stat: FileStat, ascii: Bool) {
        listing.files[path] = stat
        if !ascii { nonASCII.append(path) }
    }

    private static func collision(with other: String) -> String {
        "another file has the same name in another Unicode normalisation (\(escaped(Array(other.utf8)))); neither is read until one is renamed"
    }

    mutating func finish() -> LakeListing { finishKeepingCompact().wholeListing() }

    /// The walk with the large folders' files kept compact, when the walker keeps them so.
    mutating func finishKeepingCompact() -> SourceWalk {
        // Names of ASCII can be the same text as names that are not: those are compared in
        // the listing, with every file in it.
        if !nonASCII.isEmpty && !compact.isEmpty {
            listing = SourceWalk(listing: listing, compact: compact).wholeListing()
            compact = []
        }
        setAsideSpellingsOfOneText()
        listing.escapingLinks.sort(by: LakePath.bytewiseLess)
        listing.unusableNames.sort { LakePath.bytewiseLess($0.path, $1.path) }
        return SourceWalk(listing: listing, compact: compact)
    }

    /// Takes out of the listing every path that is the same text as another in another Unicode
    /// spelling (Swift's `==`, canonical equivalence), listing each as unusable: which of them
    /// a rule means cannot be told. Only a lake with names that are not ASCII pays for it (an
    /// ASCII path can be the same text as one that is not: the Kelvin sign is K).
    private mutating func setAsideSpellingsOfOneText() {
        guard !nonASCII.isEmpty else { return }
        var spellings: [String: [String]] = [:]
        for path in nonASCII { spellings[path, default: []].append(path) }
        for path in listing.files.keys where path.isASCII && spellings[path] != nil {
            spellings[path]!.append(path)
        }
        for (_, same) in spellings where same.count > 1 {
            for (k, path) in same.enumerated() {
                listing.files[path] = nil
                let other = same[k == 0 ? 1 : 0]
                listing.unusableNames.append(UnmatchedFile(path: path, expectedPatterns: [], problem: LakeWalker.collision(with: other)))
            }
        }
    }

    /// The bytes of a directory entry's name.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
    }

    /// A name for messages: printable ASCII as it is, every other byte as `\xHH`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for b in bytes {
            if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                text += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return text
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
