import LakeFormats

/// The integer ids of paths (`paths` table, schema version 4), with a cache of those already
/// looked up on this catalog's connection.
///
/// A path gets its id once and keeps it: rows of `paths` are never deleted or changed, so a
/// cached pair stays true whatever other connections commit. The one exception is an id this
/// connection inserted in a transaction that then rolled back; `Catalog.inTransaction` calls
/// `forgetAll()` when a transaction fails, so no such id outlives it.
///
/// Used only under the catalog's lock (`Catalog.withConnection`), like the connection itself.
final class PathIDs {
    /// Keyed by the path's bytes: two spellings of one name in different Unicode forms are
    /// two paths on disk (and two rows of `paths`), though Swift's `==` calls them equal.
    private var cache: [ByteExactString: Int64] = [:]

    /// How many paths one statement looks up or inserts: 100 bound values, well under every
    /// SQLite's limit of 999.
    private static let pathsPerStatement = 100

    /// The id of each of `paths`, in order, giving an id to each path not yet in the table.
    /// Runs inside a write transaction. Two statements per 100 paths not yet cached, at most.
    func ids(for paths: [String], on connection: SQLite.Connection) throws -> [Int64] {
        var missing: [String] = []
        var seen = Set<ByteExactString>()
        for path in paths where cache[ByteExactString(path)] == nil && seen.insert(ByteExactString(path)).inserted {
            missing.append(path)
        }
        var start = 0
        while start < missing.count {
            let chunk = Array(missing[start..<min(start + Self.pathsPerStatement, missing.count)])
            start += chunk.count
            let placeholders = (1...chunk.count).map { "?\($0)" }.joined(separator: ", ")
            let lookup = try connection.prepare("SELECT id, path FROM paths WHERE path IN (\(placeholders))")
            for (offset, path) in chunk.enumerated() { try lookup.bind(path, at: Int32(offset + 1)) }
            while try lookup.step() { cache[ByteExactString(try lookup.string(at: 1))] = try lookup.int64(at: 0) }
            lookup.reset()
            let new = chunk.filter { cache[ByteExactString($0)] == nil }
            guard !new.isEmpty else { continue }
            let values = (1...new.count).map { "(?\($0))" }.joined(separator: ", ")
            let insert = try connection.prepare("INSERT INTO paths (path) VALUES \(values) RETURNING id, path")
            for (offset, path) in new.enumerated() { try insert.bind(path, at: Int32(offset + 1)) }
            while try insert.step() { cache[ByteExactString(try insert.string(at: 1))] = try insert.int64(at: 0) }
            insert.reset()
        }
        return try paths.map { path in
            guard let id = cache[ByteExactString(path)] else {
                throw SQLite.Error(code: 1, message: "path \(path) got no id", sql: nil)
            }
            return id
        }
    }

    /// The id of one path, giving it one when it has none (inside a write transaction).
    func id(for path: String, on connection: SQLite.Connection) throws -> Int64 {
        try ids(for: [path], on: connection)[0]
    }

    /// Empties the cache: after a rolled-back transaction, ids it inserted may be given again
    /// to other paths.
    func forgetAll() {
        cache.removeAll()
    }
}
