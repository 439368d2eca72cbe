// Decoding of catalog rows into records, shared by the bulk load and the read queries.
// Each `select…` constant names the columns in the order the matching decoder reads them; it
// joins in the text of each path (`p.path`) and the decoder turns each 32-byte hash back into
// hex, so records look exactly as they did before schema version 4.

extension Catalog {
    static let selectFiles = """
        SELECT p.path, f.kind, f.device, f.inode, f.size, f.mtime_ns, f.ctime_ns, f.sha256, f.first_seen_build,
               f.last_seen_build
        FROM file_rows AS f JOIN paths AS p ON p.id = f.path_id
        """

    /// `selectFiles` with the path's id in place of its text, for a reader that holds `paths`.
    static let selectFilesByPathID = """
        SELECT f.path_id, f.kind, f.device, f.inode, f.size, f.mtime_ns, f.ctime_ns, f.sha256, f.first_seen_build,
               f.last_seen_build
        FROM file_rows AS f
        """

    /// Every row of `paths`, indexed by id (ids without a row, left by a rolled-back insert,
    /// hold ""): the bulk load reads it once and shares each path's one string among every row
    /// that names it, instead of joining `paths` once per row.
    static func loadPaths(on connection: SQLite.Connection) throws -> [String] {
        let rows = try connection.prepare("SELECT id, path FROM paths ORDER BY id")
        defer { rows.reset() }
        var paths: [String] = []
        while try rows.step() {
            let id = try rows.int64(at: 0)
            guard id >= 0, id < Int64(Int32.max) else {
                throw CatalogError.unexpectedValue(table: "paths", column: "id", value: String(id))
            }
            while paths.count < Int(id) { paths.append("") }
            paths.append(try rows.string(at: 1))
        }
        return paths
    }

    /// The path in column `index`: its text, or, given `paths` (from `loadPaths`), the path of
    /// the id the column holds.
    static func path(_ row: SQLite.Statement, at index: Int32, paths: [String]?, table: String) throws -> String {
        guard let paths else { return try row.string(at: index) }
        let id = try row.int64(at: index)
        guard id > 0, id < Int64(paths.count), !paths[Int(id)].isEmpty else {
            throw CatalogError.unexpectedValue(table: table, column: "path_id", value: String(id))
        }
        return paths[Int(id)]
    }

    /// Decodes a `selectFiles` row, or with `paths` a `selectFilesByPathID` row.
    static func decodeFile(_ row: SQLite.Statement, paths: [String]? = nil) throws -> FileRecord {
        let kindText = try row.string(at: 1)
        guard let kind = FileKind(rawValue: kindText) else {
            throw CatalogError.unexpectedValue(table: "files", column: "kind", value: kindText)
        }
        return FileRecord(
            path: try path(row, at: 0, paths: paths, table: "files"), kind: kind,
            device: UInt64(bitPattern: try row.int64(at: 2)),
            inode: UInt64(bitPattern: try row.int64(at: 3)),
            size: try row.int64(at: 4), mtimeNs: try row.int64(at: 5), ctimeNs: try row.int64(at: 6),
            sha256: try StoredHash.hex(row, at: 7, table: "files", column: "sha256"),
            firstSeenBuild: try row.int64(at: 8), lastSeenBuild: try row.int64(at: 9))
    }

    static let selectTargets = """
        SELECT t.id, p.path, t.rule, t.action, t.action_version, t.parameters, t.key, t.state, t.error,
               t.duration_ms, t.build_id, t.input_list_id
        FROM target_rows AS t JOIN paths AS p ON p.id = t.primary_output_id
        """

    /// `selectTargets` with the primary output's id in place of its text.
    static let selectTargetsByPathID = """
        SELECT t.id, t.primary_output_id, t.rule, t.action, t.action_version, t.parameters, t.key, t.state, t.error,
               t.duration_ms, t.build_id, t.input_list_id
        FROM target_rows AS t
        """

    /// Decodes a `selectTargets` row (or with `paths` a `selectTargetsByPathID` row) without
    /// its outputs and inputs; returns its row id and the id of its input list too.
    static func decodeTarget(_ row: SQLite.Statement, paths: [String]? = nil) throws -> (id: Int64, inputListID: Int64, target: TargetRecord) {
        let stateText = try row.string(at: 7)
        guard let state = TargetState(rawValue: stateText) else {
            throw CatalogError.unexpectedValue(table: "targets", column: "state", value: stateText)
        }
        let target = TargetRecord(
            primaryOutput: try path(row, at: 1, paths: paths, table: "targets"), rule: try row.string(at: 2),
            action: try row.string(at: 3),
            actionVersion: try intColumn(row, at: 4, table: "targets", column: "action_version"),
            parameters: try row.string(at: 5), key: try StoredHash.hex(row, at: 6, table: "targets", column: "key"),
            state: state, error: try row.optionalString(at: 8), durationMs: try row.int64(at: 9),
            buildID: try row.int64(at: 10), outputs: [], inputs: [])
        return (try row.int64(at: 0), try row.int64(at: 11), target)
    }

    static let selectHistory = """
        SELECT h.id, h.build_id, p.path, h.event, h.rule, h.action, h.action_version, h.parameters, h.key, h.error,
               h.duration_ms, h.input_list_id
        FROM history_rows AS h JOIN paths AS p ON p.id = h.primary_output_id
        """

    /// Decodes a history row without its files; returns its row id and the id of its input
    /// list (nil for a `removed` version) too.
    static func decodeHistory(_ row: SQLite.Statement) throws -> (id: Int64, inputListID: Int64?, record: HistoryRecord) {
        let eventText = try row.string(at: 3)
        guard let event = HistoryEvent(rawValue: eventText) else {
            throw CatalogError.unexpectedValue(table: "history", column: "event", value: eventText)
        }
        let record = HistoryRecord(
            buildID: try row.int64(at: 1), primaryOutput: try row.string(at: 2), event: event,
            rule: try row.string(at: 4), action: try row.string(at: 5),
            actionVersion: try intColumn(row, at: 6, table: "history", column: "action_version"),
            parameters: try row.string(at: 7), key: try StoredHash.hex(row, at: 8, table: "history", column: "key"),
            error: try row.optionalString(at: 9), durationMs: try row.int64(at: 10),
            outputs: [], inputs: [])
        return (try row.int64(at: 0), try row.optionalInt64(at: 11), record)
    }

    static let selectBuilds = """
        SELECT id, started_at, finished_at, command_line, built, unchanged, rejected, failed, removed, skipped, exit_status
        FROM builds
        """

    static func decodeBuild(_ row: SQLite.Statement) throws -> BuildRecord {
        func count(_ index: Int32, _ column: String) throws -> Int {
            try intColumn(row, at: index, table: "builds", column: column)
        }
        let counts = BuildCounts(
            built: try count(4, "built"), unchanged: try count(5, "unchanged"),
            rejected: try count(6, "rejected"), failed: try count(7, "failed"),
            removed: try count(8, "removed"), skipped: try count(9, "skipped"))
        let exitStatus = try row.optionalInt64(at: 10).map { value throws -> Int in
            guard let status = Int(exactly: value) else {
                throw CatalogError.unexpectedValue(table: "builds", column: "exit_status", value: String(value))
            }
            return status
        }
        return BuildRecord(
            id: try row.int64(at: 0), startedAt: try row.string(at: 1), finishedAt: try row.optionalString(at: 2),
            commandLine: try row.string(at: 3), counts: counts, exitStatus: exitStatus)
    }

    /// Reads an INTEGER column that must fit in `Int`.
    static func intColumn(_ row: SQLite.Statement, at index: Int32, table: String, column: String) throws -> Int {
        let value = try row.int64(at: index)
        guard let result = Int(exactly: value) else {
            throw CatalogError.unexpectedValue(table: table, column: column, value: String(value))
        }
        return result
    }
}
