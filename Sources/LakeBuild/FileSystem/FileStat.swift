// The fingerprint that lets a build skip reading unchanged files (Shake's cheap equality):
// a file whose (device, inode, size, mtime, ctime) all match the catalog is not re-hashed.
// mtime alone would miss `cp -p`, `git checkout` and coarse clocks.

import Glibc
import LakeFormats

/// What one `stat` of a regular file says, in the fields the fingerprint uses.
public struct FileStat: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var mtimeNs: Int64
    public var ctimeNs: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, mtimeNs: Int64, ctimeNs: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.mtimeNs = mtimeNs
        self.ctimeNs = ctimeNs
    }
}

/// One walk of the lake: every regular file with its stat, read once per build; all later
/// code looks paths up here instead of calling `stat` again.
public struct LakeListing: Sendable {
    /// Lake-relative path → stat, for every regular file outside `.lakemake/`.
    public var files: ByteExactDictionary<FileStat>
    /// Symbolic links found in the lake, with where they point when that is outside it.
    public var escapingLinks: [String]
    /// Raw and reference names that cannot be used as paths: not UTF-8 (shown with the bad
    /// bytes escaped), or the same text as another name in another Unicode normalisation (both
    /// are listed, neither is read). Sorted by path.
    public var unusableNames: [UnmatchedFile]

    public init(files: ByteExactDictionary<FileStat> = [:], escapingLinks: [String] = [], unusableNames: [UnmatchedFile] = []) {
        self.files = files
        self.escapingLinks = escapingLinks
        self.unusableNames = unusableNames
    }

    /// Adds stats gathered outside the walk.
    public mutating func add(_ stats: [(String, FileStat)]) {
        files.reserveCapacity(files.count + stats.count)
        for (p, s) in stats { files[p] = s }
    }

    /// The part of the listing inside `folders` (top-level folders, e.g. raw and reference):
    /// from a walk of more folders, what a walk of only these would have listed (the walk
    /// handles each top-level folder on its own).
    public func restricted(to folders: [String]) -> LakeListing {
        func inside(_ path: String) -> Bool {
            folders.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        return LakeListing(files: files.filter { path, _ in inside(path) }, escapingLinks: escapingLinks.filter(inside),
                           unusableNames: unusableNames.filter { inside($0.path) })
    }

    /// Paths under `prefix` (e.g. `raw/`), sorted bytewise.
    public func paths(under prefix: String) -> [String] {
        files.keys.filter { $0.hasPrefix(prefix) }.sorted(by: LakePath.bytewiseLess)
    }
}

/// Helpers for lake-relative paths (always `/`-separated, never starting with `/`).
public enum LakePath {
    /// Bytewise (not locale or Unicode-aware) ordering, as the rules language promises.
    /// (Compares the strings' UTF-8 storage directly: sorting 300 000 paths is on the path of
    /// every build that plans.)
    public static func bytewiseLess(_ a: String, _ b: String) -> Bool {
        let x = a.utf8Span.span, y = b.utf8Span.span
        let n = min(x.count, y.count)
        // memcmp: paths side by side in a sorted list share most of their bytes.
        let order = x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in n == 0 ? 0 : memcmp(p.baseAddress!, q.baseAddress!, n) } }
        return order != 0 ? order < 0 : x.count < y.count
    }

    /// True when `path`'s bytes begin with `prefix`'s.
    public static func hasBytePrefix(_ path: String, _ prefix: String) -> Bool {
        let x = path.utf8Span.span, y = prefix.utf8Span.span
        guard x.count >= y.count else { return false }
        var i = 0
        while i < y.count {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }

    /// The folder part of a path (`raw/sales` for `raw/sales/x.json`), empty for top-level.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// True when `path` stays inside the lake: relative, no empty, `.` or `..` segment.
    public static func isContained(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
