// The build's writes. Each public call is one transaction; the engine calls them after the
// outputs are in place (temp file, fsync, rename, folder fsync, then the catalog rows, for a
// batch of targets at a time), so a crash between rename and commit only makes the next build
// redo those targets.

extension Catalog {
    /// How many versions of each output `history` keeps; older rows are deleted whenever a new
    /// version of that output is recorded.
    public static let historyVersionsKept = 20

    /// Starts a build and returns its id, to be passed to the other recording calls.
    public func beginBuild(commandLine: String, startedAt: String) throws(CatalogError) -> Int64 {
        try inTransaction { connection in
            let insert = try connection.prepare("INSERT INTO builds (started_at, command_line) VALUES (?1, ?2)")
            try insert.bind(startedAt, at: 1)
            try insert.bind(commandLine, at: 2)
            try insert.run()
            return connection.lastInsertedRowID
        }
    }

    /// Records the end of a build: its finish time, counts and exit status.
    public func finishBuild(id: Int64, finishedAt: String, counts: BuildCounts, exitStatus: Int) throws(CatalogError) {
        try inTransaction { connection in
            let update = try connection.prepare("""
                UPDATE builds SET finished_at = ?2, built = ?3, unchanged = ?4, rejected = ?5, failed = ?6,
                                  removed = ?7, skipped = ?8, exit_status = ?9
                WHERE id = ?1
                """)
            try update.bind(id, at: 1)
            try update.bind(finishedAt, at: 2)
            let values = [counts.built, counts.unchanged, counts.rejected, counts.failed, counts.removed,
                          counts.skipped, exitStatus]
            for (offset, value) in values.enumerated() {
                try update.bind(Int64(value), at: Int32(offset + 3))
            }
            try update.run()
        }
    }

    /// Inserts or updates `files` rows (used for files whose fingerprint or hash changed), in
    /// one transaction. `buildID` becomes the rows' `last_seen_build`, and `first_seen_build`
    /// of paths not yet recorded; the records' own build fields are ignored.
    public func recordFiles(_ files: [FileRecord], buildID: Int64) throws(CatalogError) {
        guard !files.isEmpty else { return }
        try inTransaction { connection in
            try Self.write(files, buildID: buildID, pathIDs: pathIDs, on: connection)
        }
    }

    private static func write(_ files: [FileRecord], buildID: Int64, pathIDs: PathIDs,
                              on connection: SQLite.Connection) throws {
        let ids = try pathIDs.ids(for: files.map(\.path), on: connection)
        let upsert = try connection.prepare("""
            INSERT INTO file_rows (path_id, kind, device, inode, size, mtime_ns, ctime_ns, sha256,
                                   first_seen_build, last_seen_build)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
            ON CONFLICT (path_id) DO UPDATE SET
                kind = excluded.kind, device = excluded.device, inode = excluded.inode,
                size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
                sha256 = excluded.sha256, last_seen_build = excluded.last_seen_build
            """)
        for (file, id) in zip(files, ids) {
            upsert.reset()
            try upsert.bind(id, at: 1)
            try upsert.bind(file.kind.rawValue, at: 2)
            try upsert.bind(Int64(bitPattern: file.device), at: 3)
            try upsert.bind(Int64(bitPattern: file.inode), at: 4)
            try upsert.bind(file.size, at: 5)
            try upsert.bind(file.mtimeNs, at: 6)
            try upsert.bind(file.ctimeNs, at: 7)
            try StoredHash.bind(file.sha256, to: upsert, at: 8)
            try upsert.bind(buildID, at: 9)
            try upsert.run()
        }
    }

    /// Deletes the `files` rows of paths that no longer exist.
    public func forgetFiles(paths: [String]) throws(CatalogError) {
        guard !paths.isEmpty else { return }
        try inTransaction { connection in
            let delete = try connection.prepare("DELETE FROM file_rows WHERE path_id = (SELECT id FROM paths WHERE path = ?1)")
            for path in paths {
                delete.reset()
                try delete.bind(path, at: 1)
                try delete.run()
            }
        }
    }

    /// Records one finished target in one transaction: upserts its row (by primary output),
    /// replaces its outputs and inputs, and appends a history version.
    ///
    /// `target.buildID` must be a build started with `beginBuild`. An output path recorded for
    /// another target moves to this one (the last target recorded owns a path).
    public func recordTarget(_ target: TargetRecord) throws(CatalogError) {
        try recordTargets([target])
    }

    /// Records one finished target together with the `files` rows of the outputs it just
    /// published, in one transaction (the journal entry of that target): a build killed at any
    /// later moment leaves a catalog that knows both the target and its files, so the next build
    /// can still delete those outputs when their input goes.
    public func recordTarget(_ target: TargetRecord, publishedFiles: [FileRecord]) throws(CatalogError) {
        try inTransaction { connection in
            try Self.write(target, pathIDs: pathIDs, on: connection)
            if !publishedFiles.isEmpty {
                try Self.write(publishedFiles, buildID: target.buildID, pathIDs: pathIDs, on: connection)
            }
        }
    }

    /// Records finished targets, each with the `files` rows of the outputs it just published,
    /// in one transaction: the journal entry of a batch of targets whose outputs were synced
    /// and renamed together. Either all of them are recorded or none is.
    public func recordTargets(_ entries: [(target: TargetRecord, publishedFiles: [FileRecord])]) throws(CatalogError) {
        guard !entries.isEmpty else { return }
        try inTransaction { connection in
            for (target, files) in entries {
                try Self.write(target, pathIDs: pathIDs, on: connection)
                if !files.isEmpty { try Self.write(files, buildID: target.buildID, pathIDs: pathIDs, on: connection) }
            }
        }
    }

    /// Records many finished targets in one transaction, as `recordTarget` does for each.
    public func recordTargets(_ targets: [TargetRecord]) throws(CatalogError) {
        guard !targets.isEmpty else { return }
        try inTransaction { connection in
            for target in targets {
                try Self.write(target, pathIDs: pathIDs, on: connection)
            }
        }
    }

    /// Deletes the targets with these primary outputs (with their outputs rows, and their
    /// input lists unless a history version still refers to them) and leaves a `removed`
    /// version in history for each, attributed to `buildID`. Paths with no recorded target are
    /// ignored. The `files` rows of the outputs are left to `forgetFiles`.
    public func removeTargets(primaryOutputs: [String], buildID: Int64) throws(CatalogError) {
        guard !primaryOutputs.isEmpty else { return }
        try inTransaction { connection in
            let find = try connection.prepare("""
                SELECT t.id, t.primary_output_id FROM target_rows AS t
                WHERE t.primary_output_id = (SELECT id FROM paths WHERE path = ?1)
                """)
            let archive = try connection.prepare("""
                INSERT INTO history_rows (build_id, primary_output_id, event, rule, action, action_version,
                                          parameters, key, error, duration_ms, input_list_id)
                SELECT ?2, primary_output_id, 'removed', rule, action, action_version, parameters, key, NULL, 0, NULL
                FROM target_rows WHERE id = ?1
                """)
            let delete = try connection.prepare("DELETE FROM target_rows WHERE id = ?1")
            for primaryOutput in primaryOutputs {
                find.reset()
                try find.bind(primaryOutput, at: 1)
                guard try find.step() else { continue }
                let targetID = try find.int64(at: 0), pathID = try find.int64(at: 1)
                find.reset()
                archive.reset()
                try archive.bind(targetID, at: 1)
                try archive.bind(buildID, at: 2)
                try archive.run()
                try Self.compactHistory(of: pathID, on: connection)
                delete.reset()
                try delete.bind(targetID, at: 1)
                try delete.run()
            }
        }
    }

    // MARK: Writing one target

    private static func write(_ target: TargetRecord, pathIDs: PathIDs, on connection: SQLite.Connection) throws {
        let outputPathIDs = try pathIDs.ids(for: [target.primaryOutput] + target.outputs.map(\.path), on: connection)
        let primaryOutputID = outputPathIDs[0]
        let listID = try InputLists.id(for: target.inputs, pathIDs: pathIDs, on: connection)
        let upsert = try connection.prepare("""
            INSERT INTO target_rows (primary_output_id, rule, action, action_version, parameters, key, state,
                                     error, duration_ms, build_id, input_list_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            ON CONFLICT (primary_output_id) DO UPDATE SET
                rule = excluded.rule, action = excluded.action, action_version = excluded.action_version,
                parameters = excluded.parameters, key = excluded.key, state = excluded.state,
                error = excluded.error, duration_ms = excluded.duration_ms, build_id = excluded.build_id,
                input_list_id = excluded.input_list_id
            RETURNING id
            """)
        try upsert.bind(primaryOutputID, at: 1)
        try bindTraceFields(of: target, event: target.state.rawValue, listID: listID, to: upsert, from: 2)
        guard try upsert.step() else {
            throw SQLite.Error(code: 1, message: "upsert of target returned no id", sql: upsert.sql)
        }
        let targetID = try upsert.int64(at: 0)
        upsert.reset()

        let clear = try connection.prepare("DELETE FROM target_output_rows WHERE target_id = ?1")
        try clear.bind(targetID, at: 1)
        try clear.run()
        // An output path belongs to one target. When rules change, a path can move to another
        // target before the old one is removed; the target recorded last claims it.
        try insertFileRows(target.outputs, pathIDs: Array(outputPathIDs.dropFirst()), owner: targetID,
                          into: "target_output_rows (target_id, position, path_id, sha256, size)",
                          onConflict: """
                               ON CONFLICT (path_id) DO UPDATE SET target_id = excluded.target_id, position = excluded.position,
                                                                   sha256 = excluded.sha256, size = excluded.size
                              """,
                          on: connection)

        let archive = try connection.prepare("""
            INSERT INTO history_rows (primary_output_id, rule, action, action_version, parameters, key, event,
                                      error, duration_ms, build_id, input_list_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """)
        try archive.bind(primaryOutputID, at: 1)
        try bindTraceFields(of: target, event: target.state.rawValue, listID: listID, to: archive, from: 2)
        try archive.run()
        let historyID = connection.lastInsertedRowID
        try insertFileRows(target.outputs, pathIDs: Array(outputPathIDs.dropFirst()), owner: historyID,
                          into: "history_output_rows (history_id, position, path_id, sha256, size)", on: connection)
        try compactHistory(of: primaryOutputID, on: connection)
    }

    /// Binds rule, action, action_version, parameters, key, state/event, error, duration_ms,
    /// build_id and input_list_id to ten consecutive parameters starting at `first`.
    private static func bindTraceFields(of target: TargetRecord, event: String, listID: Int64,
                                        to statement: SQLite.Statement, from first: Int32) throws {
        try statement.bind(target.rule, at: first)
        try statement.bind(target.action, at: first + 1)
        try statement.bind(Int64(target.actionVersion), at: first + 2)
        try statement.bind(target.parameters, at: first + 3)
        try StoredHash.bind(target.key, to: statement, at: first + 4)
        try statement.bind(event, at: first + 5)
        try statement.bind(target.error, at: first + 6)
        try statement.bind(target.durationMs, at: first + 7)
        try statement.bind(target.buildID, at: first + 8)
        try statement.bind(listID, at: first + 9)
    }

    /// Inserts the (path id, sha256, size) rows of `files` with positions 0, 1, 2, … for
    /// `owner` (a target's or a history row's outputs, an input list's items) into a table
    /// whose columns are (owner, position, path_id, sha256, size), up to 100 rows per statement
    /// (one statement per row was most of a small incremental build's catalog time).
    static func insertFileRows(_ files: [FileVersion], pathIDs: [Int64], owner: Int64, into table: String,
                               onConflict: String = "", on connection: SQLite.Connection) throws {
        var start = 0
        while start < files.count {
            let n = min(rowsPerInsert, files.count - start)
            let values = (0..<n).map { j in
                let b = 2 + 4 * j
                return "(?1, ?\(b), ?\(b + 1), ?\(b + 2), ?\(b + 3))"
            }
            let insert = try connection.prepare("INSERT INTO \(table) VALUES " + values.joined(separator: ", ") + onConflict)
            try insert.bind(owner, at: 1)
            for j in 0..<n {
                let file = files[start + j], b = Int32(2 + 4 * j)
                try insert.bind(Int64(start + j), at: b)
                try insert.bind(pathIDs[start + j], at: b + 1)
                try StoredHash.bind(file.content.sha256, to: insert, at: b + 2)
                try insert.bind(file.content.size, at: b + 3)
            }
            try insert.run()
            start += n
        }
    }

    /// Rows per multi-row INSERT: 401 bound values, under every SQLite's limit of 999.
    private static let rowsPerInsert = 100

    /// Keeps only the newest `historyVersionsKept` versions of one output. The input lists
    /// only the deleted versions referred to go with them (the schema's triggers).
    private static func compactHistory(of primaryOutputID: Int64, on connection: SQLite.Connection) throws {
        let prune = try connection.prepare("""
            DELETE FROM history_rows
            WHERE primary_output_id = ?1 AND id NOT IN (
                SELECT id FROM history_rows WHERE primary_output_id = ?1
                ORDER BY build_id DESC, id DESC LIMIT ?2)
            """)
        try prune.bind(primaryOutputID, at: 1)
        try prune.bind(Int64(historyVersionsKept), at: 2)
        try prune.run()
    }
}
