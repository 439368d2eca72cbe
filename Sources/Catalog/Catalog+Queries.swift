// Read queries for the commands (`log`, `lineage`, `explain`, `files`). They may issue a few
// statements per answer; none of them is on the no-op path.

extension Catalog {
    /// The most recent builds, newest first.
    public func builds(limit: Int) throws(CatalogError) -> [BuildRecord] {
        try withConnection { connection in
            let query = try connection.prepare(Self.selectBuilds + " ORDER BY id DESC LIMIT ?1")
            defer { query.reset() }
            try query.bind(Int64(max(limit, 0)), at: 1)
            var builds: [BuildRecord] = []
            while try query.step() { builds.append(try Self.decodeBuild(query)) }
            return builds
        }
    }

    /// The current target that has `path` among its outputs (primary or not), with its outputs
    /// and inputs.
    public func target(producing path: String) throws(CatalogError) -> TargetRecord? {
        try withConnection { connection in
            guard let id = try Self.targetID(producing: path, on: connection) else { return nil }
            return try Self.loadTarget(id: id, on: connection)
        }
    }

    /// The current targets that read `path` as an input (one level of downstream lineage),
    /// ordered by primary output.
    public func targets(consuming path: String) throws(CatalogError) -> [TargetRecord] {
        try withConnection { connection in
            let query = try connection.prepare("SELECT DISTINCT target_id FROM target_inputs WHERE path = ?1")
            try query.bind(path, at: 1)
            var ids: [Int64] = []
            while try query.step() { ids.append(try query.int64(at: 0)) }
            query.reset()
            var targets: [TargetRecord] = []
            for id in ids {
                if let target = try Self.loadTarget(id: id, on: connection) { targets.append(target) }
            }
            return targets.sorted { $0.primaryOutput < $1.primaryOutput }
        }
    }

    /// The recorded versions of the target with this primary output, newest first, at most
    /// `limit` of them (history keeps `historyVersionsKept` per output).
    public func history(of primaryOutput: String, limit: Int) throws(CatalogError) -> [HistoryRecord] {
        try withConnection { connection in
            let query = try connection.prepare(Self.selectHistory + """
                 WHERE primary_output = ?1 ORDER BY build_id DESC, id DESC LIMIT ?2
                """)
            try query.bind(primaryOutput, at: 1)
            try query.bind(Int64(max(limit, 0)), at: 2)
            var rows: [(id: Int64, record: HistoryRecord)] = []
            while try query.step() { rows.append(try Self.decodeHistory(query)) }
            query.reset()
            return try rows.map { row in try Self.attachFiles(to: row.record, historyID: row.id, on: connection) }
        }
    }

    /// The target producing `path` as it was after build `buildID`: the newest history version
    /// recorded in that build or before. Nil when the output did not exist then, had been
    /// removed, or its version was compacted away.
    ///
    /// `path` is looked up as a primary output first; a secondary output is resolved through
    /// the target that currently produces it.
    public func target(producing path: String, asOfBuild buildID: Int64) throws(CatalogError) -> TargetRecord? {
        try withConnection { connection in
            if let record = try Self.historyVersion(of: path, asOfBuild: buildID, on: connection) {
                return record.target
            }
            guard let id = try Self.targetID(producing: path, on: connection),
                  let current = try Self.loadTarget(id: id, on: connection),
                  current.primaryOutput != path
            else { return nil }
            return try Self.historyVersion(of: current.primaryOutput, asOfBuild: buildID, on: connection)?.target
        }
    }

    /// Recorded files whose path starts with `prefix` (all files for ""), newest first: by
    /// last build that saw them, descending, then by path.
    public func files(prefix: String) throws(CatalogError) -> [FileRecord] {
        try withConnection { connection in
            let query = try connection.prepare(Self.selectFiles + """
                 WHERE substr(path, 1, length(?1)) = ?1 ORDER BY last_seen_build DESC, path
                """)
            defer { query.reset() }
            try query.bind(prefix, at: 1)
            var files: [FileRecord] = []
            while try query.step() { files.append(try Self.decodeFile(query)) }
            return files
        }
    }

    // MARK: Building blocks

    static func targetID(producing path: String, on connection: SQLite.Connection) throws -> Int64? {
        let query = try connection.prepare("""
            SELECT id FROM targets WHERE primary_output = ?1
            UNION ALL
            SELECT target_id FROM target_outputs WHERE path = ?1
            LIMIT 1
            """)
        defer { query.reset() }
        try query.bind(path, at: 1)
        return try query.step() ? try query.int64(at: 0) : nil
    }

    static func loadTarget(id: Int64, on connection: SQLite.Connection) throws -> TargetRecord? {
        let query = try connection.prepare(selectTargets + " WHERE id = ?1")
        try query.bind(id, at: 1)
        guard try query.step() else {
            query.reset()
            return nil
        }
        var target = try decodeTarget(query).target
        query.reset()
        target.outputs = try fileRows(
            "SELECT path, sha256, size FROM target_outputs WHERE target_id = ?1 ORDER BY position", owner: id,
            on: connection
        )
        target.inputs = try fileRows(
            "SELECT path, sha256, size FROM target_inputs WHERE target_id = ?1 ORDER BY position", owner: id,
            on: connection
        )
        return target
    }

    private static func historyVersion(of primaryOutput: String, asOfBuild buildID: Int64,
                                       on connection: SQLite.Connection) throws -> HistoryRecord? {
        let query = try connection.prepare(selectHistory + """
             WHERE primary_output = ?1 AND build_id <= ?2 ORDER BY build_id DESC, id DESC LIMIT 1
            """)
        try query.bind(primaryOutput, at: 1)
        try query.bind(buildID, at: 2)
        guard try query.step() else {
            query.reset()
            return nil
        }
        let row = try decodeHistory(query)
        query.reset()
        return try attachFiles(to: row.record, historyID: row.id, on: connection)
    }

    private static func attachFiles(to record: HistoryRecord, historyID: Int64,
                                    on connection: SQLite.Connection) throws -> HistoryRecord {
        var record = record
        let select = "SELECT path, sha256, size FROM history_files WHERE history_id = ?1 AND role = "
        record.outputs = try fileRows(select + "'output' ORDER BY position", owner: historyID, on: connection)
        record.inputs = try fileRows(select + "'input' ORDER BY position", owner: historyID, on: connection)
        return record
    }

    /// Runs a (path, sha256, size) query whose only parameter is the owner id.
    private static func fileRows(_ sql: String, owner: Int64,
                                 on connection: SQLite.Connection) throws -> [FileVersion] {
        let query = try connection.prepare(sql)
        defer { query.reset() }
        try query.bind(owner, at: 1)
        var rows: [FileVersion] = []
        while try query.step() {
            rows.append(FileVersion(path: try query.string(at: 0), sha256: try query.string(at: 1), size: try query.int64(at: 2)))
        }
        return rows
    }
}
