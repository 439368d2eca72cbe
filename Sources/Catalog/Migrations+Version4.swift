// The conversion of a version 3 catalog to version 4 (interned paths, binary hashes, input
// lists stored once; see `Schema.version4Tables`), in place and inside the migration's one
// transaction: a lake built by an earlier lakemake is migrated, not rebuilt, so its outputs
// keep their files (and inodes) and the next build is a no-op. The stored plan tables are not
// touched: the engine's plan format is the same.
//
// Paths and per-row columns move with INSERT … SELECT, hashes through the SQL function
// `sha256_blob` (SQLite 3.40 has no `unhex()`). Input lists need their content digest, which
// SQL cannot compute, so the rows of target_inputs and of history_files' inputs are streamed
// through Swift once, each owner's rows together, and stored with the code that records
// targets (`InputLists.id`), so a migrated list is found again by the next build that records
// the same inputs.

extension Migrations {
    /// Converts a version 3 catalog to version 4; throws (leaving the transaction to roll back)
    /// on a hash that is not lower-case hex or when any table would not keep all its rows.
    static func convertToVersion4(_ connection: SQLite.Connection) throws {
        let before = try rowCounts(of: [
            ("files", "files"), ("targets", "targets"), ("target_outputs", "target_outputs"),
            ("target_inputs", "target_inputs"), ("history", "history"), ("history_files", "history_files"),
        ], on: connection)
        try connection.defineHexDigestFunction(named: "sha256_blob")
        try connection.execute(Schema.version4Tables)
        // Ids in path order, so a whole-table scan of file_rows still meets paths sorted.
        try connection.execute("""
            INSERT INTO paths (path)
                SELECT path FROM files
                UNION SELECT primary_output FROM targets
                UNION SELECT path FROM target_outputs
                UNION SELECT path FROM target_inputs
                UNION SELECT primary_output FROM history
                UNION SELECT path FROM history_files
                ORDER BY 1;

            INSERT INTO file_rows (path_id, kind, device, inode, size, mtime_ns, ctime_ns, sha256, first_seen_build,
                                   last_seen_build)
                SELECT p.id, f.kind, f.device, f.inode, f.size, f.mtime_ns, f.ctime_ns, sha256_blob(f.sha256),
                       f.first_seen_build, f.last_seen_build
                FROM files AS f JOIN paths AS p ON p.path = f.path;

            CREATE TEMP TABLE version4_input_lists (owner INTEGER PRIMARY KEY, list_id INTEGER NOT NULL);
            """)
        let pathIDs = PathIDs()
        // Every target has a list, an empty one when it read nothing (it failed before running).
        try storeInputLists(
            owners: "SELECT id, 1 FROM targets ORDER BY id",
            items: "SELECT target_id, path, sha256, size FROM target_inputs ORDER BY target_id, position",
            pathIDs: pathIDs, on: connection)
        try connection.execute("""
            INSERT INTO target_rows (id, primary_output_id, rule, action, action_version, parameters, key, state, error,
                                     duration_ms, build_id, input_list_id)
                SELECT t.id, p.id, t.rule, t.action, t.action_version, t.parameters, sha256_blob(t.key), t.state, t.error,
                       t.duration_ms, t.build_id, m.list_id
                FROM targets AS t
                JOIN paths AS p ON p.path = t.primary_output
                JOIN temp.version4_input_lists AS m ON m.owner = t.id;

            INSERT INTO target_output_rows (target_id, position, path_id, sha256, size)
                SELECT o.target_id, o.position, p.id, sha256_blob(o.sha256), o.size
                FROM target_outputs AS o JOIN paths AS p ON p.path = o.path;

            DELETE FROM temp.version4_input_lists;
            """)
        // A `removed` version has no list (it read nothing); every other version has one.
        try storeInputLists(
            owners: "SELECT id, event <> 'removed' FROM history ORDER BY id",
            items: """
                SELECT history_id, path, sha256, size FROM history_files WHERE role = 'input'
                ORDER BY history_id, role, position
                """,
            pathIDs: pathIDs, on: connection)
        try connection.execute("""
            INSERT INTO history_rows (id, build_id, primary_output_id, event, rule, action, action_version, parameters,
                                      key, error, duration_ms, input_list_id)
                SELECT h.id, h.build_id, p.id, h.event, h.rule, h.action, h.action_version, h.parameters,
                       sha256_blob(h.key), h.error, h.duration_ms, m.list_id
                FROM history AS h
                JOIN paths AS p ON p.path = h.primary_output
                LEFT JOIN temp.version4_input_lists AS m ON m.owner = h.id;

            INSERT INTO history_output_rows (history_id, position, path_id, sha256, size)
                SELECT f.history_id, f.position, p.id, sha256_blob(f.sha256), f.size
                FROM history_files AS f JOIN paths AS p ON p.path = f.path
                WHERE f.role = 'output';

            DROP TABLE temp.version4_input_lists;
            DROP TABLE target_inputs;
            DROP TABLE target_outputs;
            DROP TABLE history_files;
            DROP TABLE history;
            DROP TABLE targets;
            DROP TABLE files;
            """)
        try connection.execute(Schema.version4Views)
        try connection.execute(Schema.version4Triggers)

        // The views give back exactly the rows the tables held.
        let after = try rowCounts(of: [
            ("files", "file_rows"), ("targets", "target_rows"), ("target_outputs", "target_output_rows"),
            ("target_inputs", "target_inputs"), ("history", "history_rows"), ("history_files", "history_files"),
        ], on: connection)
        for ((table, old), (_, new)) in zip(before, after) where old != new {
            throw SQLite.Error(code: 1, message: "\(table) would keep \(new) of its \(old) rows", sql: nil)
        }
    }

    /// The row count of each (name, table), named by the name.
    private static func rowCounts(of tables: [(name: String, table: String)],
                                  on connection: SQLite.Connection) throws -> [(String, Int64)] {
        try tables.map { name, table in
            let count = try connection.prepare("SELECT count(*) FROM \(table)")
            defer { count.reset() }
            _ = try count.step()
            return (name, try count.int64(at: 0))
        }
    }

    /// Stores the input list of each owner into `temp.version4_input_lists`.
    ///
    /// `owners` yields (id, whether it has a list even with no items) in ascending id order;
    /// `items` yields (owner id, path, hex sha256, size) ordered by owner id, then position.
    /// One forward pass over both.
    private static func storeInputLists(owners ownersSQL: String, items itemsSQL: String, pathIDs: PathIDs,
                                        on connection: SQLite.Connection) throws {
        var owners: [(id: Int64, alwaysHasList: Bool)] = []
        let ownerRows = try connection.prepare(ownersSQL)
        while try ownerRows.step() { owners.append((try ownerRows.int64(at: 0), try ownerRows.int64(at: 1) != 0)) }
        ownerRows.reset()

        let note = try connection.prepare("INSERT INTO temp.version4_input_lists (owner, list_id) VALUES (?1, ?2)")
        let items = try connection.prepare(itemsSQL)
        defer { items.reset() }
        var hasRow = try items.step()
        for owner in owners {
            var list: [FileVersion] = []
            while hasRow, try items.int64(at: 0) <= owner.id {
                if try items.int64(at: 0) == owner.id {
                    list.append(FileVersion(path: try items.string(at: 1), sha256: try items.string(at: 2),
                                            size: try items.int64(at: 3)))
                }
                hasRow = try items.step()
            }
            guard !list.isEmpty || owner.alwaysHasList else { continue }
            let listID = try InputLists.id(for: list, pathIDs: pathIDs, on: connection)
            note.reset()
            try note.bind(owner.id, at: 1)
            try note.bind(listID, at: 2)
            try note.run()
        }
    }
}
