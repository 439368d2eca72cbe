// Read queries for the commands (`log`, `lineage`, `explain`, `files`, `status`, `verify`).
// They may issue a few statements per answer; none of them is on the no-op path.

import LakeFormats

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
    /// ordered by primary output. Reads the reverse index: the path's id, the input lists
    /// holding it (`input_list_items_by_path`), the targets referring to those lists
    /// (`target_rows_by_input_list`).
    public func targets(consuming path: String) throws(CatalogError) -> [TargetRecord] {
        try withConnection { connection in
            let query = try connection.prepare("""
                SELECT DISTINCT t.id
                FROM input_list_items AS i JOIN target_rows AS t ON t.input_list_id = i.list_id
                WHERE i.path_id = (SELECT id FROM paths WHERE path = ?1)
                """)
            try query.bind(path, at: 1)
            return try Self.targets(selectedBy: query, on: connection).sorted { $0.primaryOutput < $1.primaryOutput }
        }
    }

    /// The recorded versions of the target with this primary output, newest first, at most
    /// `limit` of them (history keeps `historyVersionsKept` per output).
    public func history(of primaryOutput: String, limit: Int) throws(CatalogError) -> [HistoryRecord] {
        try withConnection { connection in
            let query = try connection.prepare(Self.selectHistory + """
                 WHERE h.primary_output_id = (SELECT id FROM paths WHERE path = ?1)
                 ORDER BY h.build_id DESC, h.id DESC LIMIT ?2
                """)
            try query.bind(primaryOutput, at: 1)
            try query.bind(Int64(max(limit, 0)), at: 2)
            var rows: [(id: Int64, inputListID: Int64?, record: HistoryRecord)] = []
            while try query.step() { rows.append(try Self.decodeHistory(query)) }
            query.reset()
            return try rows.map { row in
                try Self.attachFiles(to: row.record, historyID: row.id, inputListID: row.inputListID, on: connection)
            }
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
                 WHERE substr(p.path, 1, length(?1)) = ?1 ORDER BY f.last_seen_build DESC, p.path
                """)
            defer { query.reset() }
            try query.bind(prefix, at: 1)
            var files: [FileRecord] = []
            while try query.step() { files.append(try Self.decodeFile(query)) }
            return files
        }
    }

    /// The current targets whose last run failed, with their outputs and inputs, in the order
    /// they were first recorded.
    public func failedTargets() throws(CatalogError) -> [TargetRecord] {
        try withConnection { connection in
            let query = try connection.prepare("SELECT id FROM target_rows WHERE state = 'failed' ORDER BY id")
            return try Self.targets(selectedBy: query, on: connection)
        }
    }

    /// The recorded raw and reference files, by path: what `status` compares the source
    /// folders with to list changed inputs, without reading the targets.
    public func sourceFiles() throws(CatalogError) -> ByteExactDictionary<FileRecord> {
        try withConnection { connection in
            let query = try connection.prepare(Self.selectFiles + " WHERE f.kind != 'derived'")
            defer { query.reset() }
            var files = ByteExactDictionary<FileRecord>()
            while try query.step() {
                let file = try Self.decodeFile(query)
                files[file.path] = file
            }
            return files
        }
    }

    /// Every path some current target names as an output (primary or not): what `status`
    /// holds a file in an output folder against to call it unknown.
    public func recordedOutputPaths() throws(CatalogError) -> Set<ByteExactString> {
        try withConnection { connection in
            let query = try connection.prepare("""
                SELECT p.path FROM target_rows AS t JOIN paths AS p ON p.id = t.primary_output_id
                UNION ALL
                SELECT p.path FROM target_output_rows AS o JOIN paths AS p ON p.id = o.path_id
                """)
            defer { query.reset() }
            var paths = Set<ByteExactString>()
            while try query.step() { paths.insert(ByteExactString(try query.string(at: 0))) }
            return paths
        }
    }

    /// The outputs of every target recorded as built, with the content recorded for each, in
    /// no order: what `verify` re-hashes, read without loading the targets.
    public func builtOutputs() throws(CatalogError) -> [FileVersion] {
        try withConnection { connection in
            let query = try connection.prepare("""
                SELECT p.path, o.sha256, o.size FROM target_output_rows AS o
                JOIN target_rows AS t ON t.id = o.target_id
                JOIN paths AS p ON p.id = o.path_id
                WHERE t.state = 'built'
                """)
            defer { query.reset() }
            var outputs: [FileVersion] = []
            while try query.step() {
                outputs.append(FileVersion(path: try query.string(at: 0),
                                           sha256: try StoredHash.hex(query, at: 1, table: "target_outputs", column: "sha256"),
                                           size: try query.int64(at: 2)))
            }
            return outputs
        }
    }

    // MARK: Building blocks

    static func targetID(producing path: String, on connection: SQLite.Connection) throws -> Int64? {
        let query = try connection.prepare("""
            SELECT t.id FROM target_rows AS t WHERE t.primary_output_id = (SELECT id FROM paths WHERE path = ?1)
            UNION ALL
            SELECT o.target_id FROM target_output_rows AS o WHERE o.path_id = (SELECT id FROM paths WHERE path = ?1)
            LIMIT 1
            """)
        defer { query.reset() }
        try query.bind(path, at: 1)
        return try query.step() ? try query.int64(at: 0) : nil
    }

    /// The targets whose ids `query` (bound, not yet stepped) selects, with their outputs and
    /// inputs, in the order selected; resets `query`.
    static func targets(selectedBy query: SQLite.Statement, on connection: SQLite.Connection) throws -> [TargetRecord] {
        var ids: [Int64] = []
        while try query.step() { ids.append(try query.int64(at: 0)) }
        query.reset()
        var targets: [TargetRecord] = []
        for id in ids {
            if let target = try loadTarget(id: id, on: connection) { targets.append(target) }
        }
        return targets
    }

    static func loadTarget(id: Int64, on connection: SQLite.Connection) throws -> TargetRecord? {
        let query = try connection.prepare(selectTargets + " WHERE t.id = ?1")
        try query.bind(id, at: 1)
        guard try query.step() else {
            query.reset()
            return nil
        }
        let row = try decodeTarget(query)
        query.reset()
        var target = row.target
        target.outputs = try outputRows("""
            SELECT p.path, o.sha256, o.size FROM target_output_rows AS o JOIN paths AS p ON p.id = o.path_id
            WHERE o.target_id = ?1 ORDER BY o.position
            """, owner: id, table: "target_outputs", on: connection)
        target.inputs = try InputLists.items(of: row.inputListID, on: connection)
        return target
    }

    private static func historyVersion(of primaryOutput: String, asOfBuild buildID: Int64,
                                       on connection: SQLite.Connection) throws -> HistoryRecord? {
        let query = try connection.prepare(selectHistory + """
             WHERE h.primary_output_id = (SELECT id FROM paths WHERE path = ?1) AND h.build_id <= ?2
             ORDER BY h.build_id DESC, h.id DESC LIMIT 1
            """)
        try query.bind(primaryOutput, at: 1)
        try query.bind(buildID, at: 2)
        guard try query.step() else {
            query.reset()
            return nil
        }
        let row = try decodeHistory(query)
        query.reset()
        return try attachFiles(to: row.record, historyID: row.id, inputListID: row.inputListID, on: connection)
    }

    private static func attachFiles(to record: HistoryRecord, historyID: Int64, inputListID: Int64?,
                                    on connection: SQLite.Connection) throws -> HistoryRecord {
        var record = record
        record.outputs = try outputRows("""
            SELECT p.path, o.sha256, o.size FROM history_output_rows AS o JOIN paths AS p ON p.id = o.path_id
            WHERE o.history_id = ?1 ORDER BY o.position
            """, owner: historyID, table: "history_files", on: connection)
        record.inputs = try inputListID.map { try InputLists.items(of: $0, on: connection) } ?? []
        return record
    }

    /// Runs a (path, sha256, size) query whose only parameter is the owner id.
    private static func outputRows(_ sql: String, owner: Int64, table: String,
                                   on connection: SQLite.Connection) throws -> [FileVersion] {
        let query = try connection.prepare(sql)
        defer { query.reset() }
        try query.bind(owner, at: 1)
        var rows: [FileVersion] = []
        while try query.step() {
            rows.append(FileVersion(path: try query.string(at: 0),
                                    sha256: try StoredHash.hex(query, at: 1, table: table, column: "sha256"),
                                    size: try query.int64(at: 2)))
        }
        return rows
    }
}
