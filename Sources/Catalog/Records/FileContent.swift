/// What a file holds, as lakemake identifies it: the SHA-256 of its bytes and how many bytes
/// there are.
///
/// Every place that records or compares a file's content (a target's inputs and outputs in the
/// catalog, the inputs a target key is computed from, the files a stored plan keeps, a hashed
/// file) holds this one value, so "the same content" means the same thing everywhere. It lives
/// in the catalog module because the catalog stores it and every other module can see it.
///
/// The hash decides: equal `sha256` means equal bytes, hence equal size. `size` is carried for
/// people (`explain`, `status`, `verify` print it) and is stored beside the hash; in a value
/// taken from a `files` row it is the size the file's fingerprint saw, which differs from the
/// hashed byte count only for a file that changed between its stat and its read. That is why
/// `hasSameBytes(as:)` compares the hash alone, as every "did it change" decision always has,
/// while `==` compares both fields.
public struct FileContent: Sendable, Hashable {
    /// Lower-case hex SHA-256 of the bytes, as `sha256sum` prints it.
    public var sha256: String
    /// Length of the content in bytes.
    public var size: Int64

    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    /// True when both describe the same bytes: the hashes are equal (see the type's notes for
    /// why the sizes are not compared).
    public func hasSameBytes(as other: FileContent) -> Bool {
        sha256 == other.sha256
    }
}

/// One file at one path with one content: an input or output of a target as it was when the
/// target ran (the lineage the catalog keeps), or as it is now when a key is computed.
///
/// Inputs and outputs are the same kind of fact; which one a value is, is told by the list that
/// holds it (`TargetRecord.inputs`, `TargetRecord.outputs`), as the catalog's `history_files`
/// table tells it by its `role` column.
public struct FileVersion: Sendable, Hashable {
    /// Lake-relative path of the file.
    public var path: String
    public var content: FileContent

    public init(path: String, content: FileContent) {
        self.path = path
        self.content = content
    }

    public init(path: String, sha256: String, size: Int64) {
        self.init(path: path, content: FileContent(sha256: sha256, size: size))
    }
}
