// The lake's folder layout (spec §3) as names, and the rules about which paths are outputs,
// sources or lakemake's own temporary files, in one place.

/// Where things live in a lake, and what may be written where.
public enum LakeLayout {
    /// Where files land; never changed by a build.
    public static let raw = "raw"
    /// Small inputs rules may depend on (stores.csv, airports.csv…).
    public static let reference = "reference"
    /// `rejected/<path under raw/>.error.json` for each rejected raw file.
    public static let rejected = "rejected"
    /// lakemake's own folder: catalog, lock, temporary files.
    public static let stateFolder = ".lakemake"
    /// Temporary files for destinations on the lake's own file system.
    public static let temporaryFolder = ".lakemake/tmp"
    /// The build lock (`flock`), naming the holder's pid.
    public static let lockFile = ".lakemake/lock"
    /// Top-level folders holding inputs; never written by a build.
    public static let sourceFolders = LakeDirectory.sourceFolders

    /// True for a file under raw/.
    public static func isRaw(_ path: String) -> Bool { path.hasPrefix(raw + "/") }

    /// True for a file under raw/ or reference/.
    public static func isSource(_ path: String) -> Bool { isRaw(path) || isReference(path) }

    /// True for a path under `reference/`.
    public static func isReference(_ path: String) -> Bool { path.hasPrefix(reference + "/") }

    /// The folders the lake's layout gives outputs (spec §3); `status` lists files there that
    /// no build recorded.
    public static let outputFolders = ["processed", "metrics", "reports"]

    /// Where the rejection document of a raw file lives: `raw/sales/x.json` →
    /// `rejected/sales/x.json.error.json` (shortened, with a hash, past 255 bytes).
    public static func rejectionFile(for rawPath: String) -> String { RejectionDocument.filePath(for: rawPath) }

    /// True for a file under rejected/.
    public static func isRejectionFile(_ path: String) -> Bool { path.hasPrefix(rejected + "/") }
    /// The longest name a Linux file system stores in one path segment, in bytes.
    public static let maximumSegmentBytes = 255

    /// True for a path a build may write or delete: inside a top-level folder other than
    /// raw/, reference/ and .lakemake/, and not a temporary folder.
    public static func isOutput(_ path: String) -> Bool {
        guard LakePath.isContained(path) else { return false }
        let parts = path.split(separator: "/")
        guard parts.count >= 2, !sourceFolders.contains(String(parts[0])), parts[0] != stateFolder else { return false }
        return parts[1] != LakeDirectory.foreignTemporaryFolder
    }

    /// True for a temporary file lakemake names: `.lakemake/tmp/NAME`, or
    /// `TOP/.lakemake-tmp/NAME` for a top-level folder on another file system.
    public static func isTemporary(_ path: String) -> Bool {
        guard LakePath.isContained(path) else { return false }
        let parts = path.split(separator: "/")
        guard parts.count == 3 else { return false }
        if parts[0] == stateFolder { return parts[1] == "tmp" }
        return parts[1] == LakeDirectory.foreignTemporaryFolder
    }

    /// The temporary folder for files published into the top-level folder `top`: inside it
    /// when it is on another file system than `.lakemake/` (so the rename stays atomic),
    /// `.lakemake/tmp` otherwise.
    static func temporaryFolder(forTop top: String, onOwnFileSystem: (String) -> Bool) -> String {
        guard !top.isEmpty, top != stateFolder, onOwnFileSystem(top) else { return temporaryFolder }
        return top + "/" + LakeDirectory.foreignTemporaryFolder
    }

    /// A temporary file name: the writer's pid and a serial, then the destination's name
    /// (so a shell command sees its extension) when that fits in one segment, else only
    /// its extension.
    static func temporaryName(pid: Int32, serial: Int, for path: String) -> String {
        let stem = "\(pid)-\(serial)"
        let base = LakeDirectory.splitLast(path).name
        if stem.utf8.count + 1 + base.utf8.count <= maximumSegmentBytes { return stem + "-" + base }
        if let dot = base.utf8.lastIndex(of: UInt8(ascii: ".")) {
            let ext = String(base[dot...])
            if ext.utf8.count <= 32 { return stem + ext }
        }
        return stem
    }

    /// The pid of the process that made a temporary file named `name`, nil when the name is
    /// not one lakemake gives (`PID-SERIAL`, then nothing, `-NAME` or `.EXT`).
    static func writerOfTemporary(_ name: String) -> Int32? {
        let bytes = Array(name.utf8)
        var i = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        guard i > 0, i <= 10, i < bytes.count, bytes[i] == UInt8(ascii: "-"), let pid = Int32(String(decoding: bytes[..<i], as: UTF8.self)) else { return nil }
        var j = i + 1
        while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
        guard j > i + 1 else { return nil }
        guard j == bytes.count || bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: ".") else { return nil }
        return pid
    }
}
