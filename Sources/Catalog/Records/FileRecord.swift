/// What a file in the lake is, as far as the catalog is concerned.
public enum FileKind: String, Sendable, Equatable, CaseIterable {
    /// A file that landed in `raw/`: an input nobody builds.
    case raw
    /// A file in `reference/`: slow-changing input such as the expected-store list.
    case reference
    /// An output lakemake wrote.
    case derived
}

/// One row of the `files` table: a file's stat fingerprint and content hash as last seen.
///
/// The fingerprint (device, inode, size, mtime, ctime) lets a build recognise an unchanged file
/// without reading it; the SHA-256 is what target keys and lineage are made of.
public struct FileRecord: Sendable, Equatable {
    /// Lake-relative path, e.g. `raw/sales/2024-01-02/store-7.json`.
    public var path: String
    public var kind: FileKind
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time in nanoseconds since the Unix epoch.
    public var mtimeNs: Int64
    /// Status-change time in nanoseconds since the Unix epoch.
    public var ctimeNs: Int64
    /// Lower-case hex SHA-256 of the content, as `sha256sum` prints it.
    public var sha256: String
    /// The build that first recorded this path.
    public var firstSeenBuild: Int64
    /// The latest build that recorded (or confirmed) this path.
    public var lastSeenBuild: Int64

    public init(path: String, kind: FileKind, device: UInt64, inode: UInt64, size: Int64,
                mtimeNs: Int64, ctimeNs: Int64, sha256: String,
                firstSeenBuild: Int64, lastSeenBuild: Int64) {
        self.path = path
        self.kind = kind
        self.device = device
        self.inode = inode
        self.size = size
        self.mtimeNs = mtimeNs
        self.ctimeNs = ctimeNs
        self.sha256 = sha256
        self.firstSeenBuild = firstSeenBuild
        self.lastSeenBuild = lastSeenBuild
    }
}

extension FileRecord {
    /// The content this row records: its hash, with the fingerprint's size (see `FileContent`
    /// for when that can differ from the bytes hashed).
    public var content: FileContent { FileContent(sha256: sha256, size: size) }
}
