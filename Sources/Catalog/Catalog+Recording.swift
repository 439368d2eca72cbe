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
            try Self.write(files, buildID: buildID, on: connection)
        }
    }

    private static func write(_ files: [FileRecord], buildID: Int64, on connection: SQLite.Connection) throws {
        let upsert = try connection.prepare("""
            INSERT INTO files (path, kind, device, inode, size, mtime_ns, ctime_ns, sha256,
                               first_seen_build, last_seen_build)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
            ON CONFLICT (path) DO UPDATE SET
                kind = excluded.kind, device = excluded.device, inode = excluded.inode,
                size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
                sha256 = excluded.sha256, last_seen_build = excluded.last_seen_build
            """)
        for file in files {
            upsert.reset()
            try upsert.bind(file.path, at: 1)
            try upsert.bind(file.kind.rawValue, at: 2)
            try upsert.bind(Int64(bitPattern: file.device), at: 3)
            try upsert.bind(Int64(bitPattern: file.inode), at: 4)
            try upsert.bind(file.size, at: 5)
            try upsert.bind(file.mtimeNs, at: 6)
            try upsert.bind(file.ctimeNs, at: 7)
            try upsert.bind(file.sha256, at: 8)
            try upsert.bind(buildID, at: 9)
            try upsert.run()
        }
    }

    /// Deletes the `files` rows of paths that no longer exist.
    public func forgetFiles(paths: [String]) throws(CatalogError) {
        guard !paths.isEmpty else { return }
        try inTransaction { connection in
            let delete = try connection.prepare("DELETE FROM files WHERE path = ?1")
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
            try Self.write(target, on: connection)
            if !publishedFiles.isEmpty { try Self.write(publishedFiles, buildID: target.buildID, on: connection) }
        }
    }

    /// Records finished targets, each with the `files` rows of the outputs it just published,
    /// in one transaction: the journal entry of a batch of targets whose outputs were synced
    /// and renamed together. Either all of them are recorded or none is.
    public func recordTargets(_ entries: [(target: TargetRecord, publishedFiles: [FileRecord])]) throws(CatalogError) {
        guard !entries.isEmpty else { return }
        try inTransaction { connection in
            for (target, files) in entries {
                try Self.write(target, on: connection)
                if !files.isEmpty { try Self.write(files, buildID: target.buildID, on: connection) }
            }
        }
    }

    /// Records many finished targets in one transaction, as `recordTarget` does for each.
    public func recordTargets(_ targets: [TargetRecord]) throws(CatalogError) {
        guard !targets.isEmpty else { return }
        try inTransaction { connection in
            for target in targets {
                try Self.write(target, on: connection)
            }
        }
    }

    /// Deletes the targets with these primary outputs (with their outputs and inputs rows) and
    /// leaves a `removed` version in history for each, attributed to `buildID`. Paths with no
    /// recorded target are ignored. The `files` rows of the outputs are left to `forgetFiles`.
    public func removeTargets(primaryOutputs: [String], buildID: Int64) throws(CatalogError) {
        guard !primaryOutputs.isEmpty else { return }
        try inTransaction { connection in
            let archive = try connection.prepare("""
                INSERT INTO history (build_id, primary_output, event, rule, action, action_version,
                                     parameters, key, error, duration_ms)
                SELECT ?2, primary_output, 'removed', rule, action, action_version, parameters, key, NULL, 0
                FROM targets WHERE primary_output = ?1
                """)
            let delete = try connection.prepare("DELETE FROM targets WHERE primary_output = ?1")
            for primaryOutput in primaryOutputs {
                archive.reset()
                try archive.bind(primaryOutput, at: 1)
                try archive.bind(buildID, at: 2)
                try archive.run()
                if connection.changes > 0 {
                    try Self.compactHistory(of: primaryOutput, on: connection)
                }
                delete.reset()
                try delete.bind(primaryOutput, at: 1)
                try delete.run()
            }
        }
    }

    // MARK: Writing one target

    private static func write(_ target: TargetRecord, on connection: SQLite.Connection) throws {
        let upsert = try connection.prepare("""
            INSERT INTO targets (primary_output, rule, action, action_version, parameters, key, state,
                                 error, duration_ms, build_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (primary_output) DO UPDATE SET
                rule = excluded.rule, action = excluded.action, action_version = excluded.action_version,
                parameters = excluded.parameters, key = excluded.key, state = excluded.state,
                error = excluded.error, duration_ms = excluded.duration_ms, build_id = excluded.build_id
            RETURNING id
            """)
        try upsert.bind(target.primaryOutput, at: 1)
        try bindTraceFields(of: target, event: target.state.rawValue, to: upsert, from: 2)
        guard try upsert.step() else {
            throw SQLite.Error(code: 1, message: "upsert of target returned no id", sql: upsert.sql)
        }
        let targetID = try upsert.int64(at: 0)
        upsert.reset()

        for table in ["target_outputs", "target_inputs"] {
            let clear = try connection.prepare("DELETE FROM \(table) WHERE target_id = ?1")
            try clear.bind(targetID, at: 1)
            try clear.run()
        }
        // An output path belongs to one target. When rules change, a path can move to another
        // target before the old one is removed; the target recorded last claims it.
        try insertFiles(target.outputs, owner: targetID, into: "target_outputs",
                        onConflict: """
                             ON CONFLICT (path) DO UPDATE SET target_id = excluded.target_id, position = excluded.position,
                                                              sha256 = excluded.sha256, size = excluded.size
                            """,
                        on: connection)
        try insertFiles(target.inputs, owner: targetID, into: "target_inputs", on: connection)

        let archive = try connection.prepare("""
            INSERT INTO history (primary_output, rule, action, action_version, parameters, key, event,
                                 error, duration_ms, build_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        try archive.bind(target.primaryOutput, at: 1)
        try bindTraceFields(of: target, event: target.state.rawValue, to: archive, from: 2)
        try archive.run()
        let historyID = connection.lastInsertedRowID
        try insertFiles(target.outputs, owner: historyID, into: "history_files",
                        role: "output", on: connection)
        try insertFiles(target.inputs, owner: historyID, into: "history_files",
                        role: "input", on: connection)
        try compactHistory(of: target.primaryOutput, on: connection)
    }

    /// Binds rule, action, action_version, parameters, key, state/event, error, duration_ms and
    /// build_id to nine consecutive parameters starting at `first`.
    private static func bindTraceFields(of target: TargetRecord, event: String, to statement: SQLite.Statement,
                                        from first: Int32) throws {
        try statement.bind(target.rule, at: first)
        try statement.bind(target.action, at: first + 1)
        try statement.bind(Int64(target.actionVersion), at: first + 2)
        try statement.bind(target.parameters, at: first + 3)
        try statement.bind(target.key, at: first + 4)
        try statement.bind(event, at: first + 5)
        try statement.bind(target.error, at: first + 6)
        try statement.bind(target.durationMs, at: first + 7)
        try statement.bind(target.buildID, at: first + 8)
    }

    /// Inserts (path, sha256, size) rows with positions 0, 1, 2, … for `owner` (a target, or a
    /// history row with `role`), up to 100 rows per statement: an aggregate reads hundreds of
    /// files, and one statement per row was most of a small incremental build's catalog time.
    private static func insertFiles(_ rows: [FileVersion], owner: Int64, into table: String, role: String? = nil,
                                    onConflict: String = "", on connection: SQLite.Connection) throws {
        let columns = role == nil ? "target_id, position, path, sha256, size" : "history_id, role, position, path, sha256, size"
        let fixed = role.map { "'\($0)', " } ?? ""
        var start = 0
        while start < rows.count {
            let n = min(rowsPerInsert, rows.count - start)
            let values = (0..<n).map { j in
                let b = 2 + 4 * j
                return "(?1, \(fixed)?\(b), ?\(b + 1), ?\(b + 2), ?\(b + 3))"
            }
            let insert = try connection.prepare("INSERT INTO \(table) (\(columns)) VALUES " + values.joined(separator: ", ") + onConflict)
            insert.reset()
            try insert.bind(owner, at: 1)
            for j in 0..<n {
                let row = rows[start + j], b = Int32(2 + 4 * j)
                try insert.bind(Int64(start + j), at: b)
                try insert.bind(row.path, at: b + 1)
                try insert.bind(row.content.sha256, at: b + 2)
                try insert.bind(row.content.size, at: b + 3)
            }
            try insert.run()
            start += n
        }
    }

    /// Rows per multi-row INSERT: 401 bound values, under every SQLite's limit of 999.
    private static let rowsPerInsert = 100

    /// Keeps only the newest `historyVersionsKept` versions of one output.
    private static func compactHistory(of primaryOutput: String, on connection: SQLite.Connection) throws {
        let prune = try connection.prepare("""
            DELETE FROM history
            WHERE primary_output = ?1 AND id NOT IN (
                SELECT id FROM history WHERE primary_output = ?1
                ORDER BY build_id DESC, id DESC LIMIT ?2)
            """)
        try prune.bind(primaryOutput, at: 1)
        try prune.bind(Int64(historyVersionsKept), at: 2)
        try prune.run()
    }
}
