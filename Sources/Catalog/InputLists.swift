import LakeFormats

/// Input lists (schema version 4): a target's ordered (path, sha256, size) inputs, stored once
/// in `input_lists` / `input_list_items` and referred to by id from `target_rows` and
/// `history_rows`.
///
/// A list is addressed by its content: `digest` is a SHA-256 over its items, so recording a
/// version whose inputs did not change (an aggregate rebuilt because an output it does not
/// read moved, a rejected target retried, a history version after another) finds the list
/// already stored and adds no item rows. Lists nobody refers to are deleted by the schema's
/// triggers, not here.
enum InputLists {
    /// The SHA-256 identifying a list: over a format tag, then for each item in order its
    /// path's UTF-8 length (4 bytes) and bytes, its hash's 32 bytes and its size (8 bytes),
    /// all big-endian. Lengths make the encoding unambiguous, so two different lists cannot
    /// share an encoding. Throws `.notAHash` when an item's hash is not hex.
    static func digest(of items: [FileVersion]) throws(CatalogError) -> [UInt8] {
        var encoding: [UInt8] = Array("lakemake input list 1\n".utf8)
        encoding.reserveCapacity(encoding.count + items.count * 96)
        for item in items {
            let path = Array(item.path.utf8)
            appendBigEndian(UInt64(path.count), bytes: 4, to: &encoding)
            encoding.append(contentsOf: path)
            encoding.append(contentsOf: try StoredHash.bytes(ofHex: item.content.sha256))
            appendBigEndian(UInt64(bitPattern: item.content.size), bytes: 8, to: &encoding)
        }
        return SHA256.hash(encoding)
    }

    private static func appendBigEndian(_ value: UInt64, bytes: Int, to encoding: inout [UInt8]) {
        for shift in stride(from: 8 * (bytes - 1), through: 0, by: -8) {
            encoding.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// The id of the list holding exactly `items`, storing it first when no list does. Inside
    /// a write transaction; one statement when the list exists, and for a new one two plus one
    /// per 100 items (plus the path lookups of `pathIDs`).
    static func id(for items: [FileVersion], pathIDs: PathIDs, on connection: SQLite.Connection) throws -> Int64 {
        let digest = try digest(of: items)
        let lookup = try connection.prepare("SELECT id FROM input_lists WHERE digest = ?1")
        try lookup.bind(digest, at: 1)
        if try lookup.step() {
            defer { lookup.reset() }
            return try lookup.int64(at: 0)
        }
        lookup.reset()

        let create = try connection.prepare("INSERT INTO input_lists (digest) VALUES (?1)")
        try create.bind(digest, at: 1)
        try create.run()
        let listID = connection.lastInsertedRowID
        let pathIDs = try pathIDs.ids(for: items.map(\.path), on: connection)
        try Catalog.insertFileRows(items, pathIDs: pathIDs, owner: listID, into: "input_list_items", on: connection)
        return listID
    }

    /// The items of list `id`, in order.
    static func items(of id: Int64, on connection: SQLite.Connection) throws -> [FileVersion] {
        let query = try connection.prepare("""
            SELECT p.path, i.sha256, i.size
            FROM input_list_items AS i JOIN paths AS p ON p.id = i.path_id
            WHERE i.list_id = ?1 ORDER BY i.position
            """)
        defer { query.reset() }
        try query.bind(id, at: 1)
        var items: [FileVersion] = []
        while try query.step() {
            items.append(FileVersion(
                path: try query.string(at: 0),
                sha256: try StoredHash.hex(query, at: 1, table: "input_list_items", column: "sha256"),
                size: try query.int64(at: 2)))
        }
        return items
    }
}
