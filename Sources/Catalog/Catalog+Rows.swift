// Decoding of catalog rows into records, shared by the bulk load and the read queries.
// Each `select…` constant names the columns in the order the matching decoder reads them.

extension Catalog {
    static let selectFiles = """
        SELECT path, kind, device, inode, size, mtime_ns, ctime_ns, sha256, first_seen_build, last_seen_build
        FROM files
        """

    static func decodeFile(_ row: SQLite.Statement) throws -> FileRecord {
        let kindText = try row.string(at: 1)
        guard let kind = FileKind(rawValue: kindText) else {
            throw CatalogError.unexpectedValue(table: "files", column: "kind", value: kindText)
        }
        return FileRecord(
            path: try row.string(at: 0), kind: kind,
            device: UInt64(bitPattern: try row.int64(at: 2)),
            inode: UInt64(bitPattern: try row.int64(at: 3)),
            size: try row.int64(at: 4), mtimeNs: try row.int64(at: 5), ctimeNs: try row.int64(at: 6),
            sha256: try row.string(at: 7),
            firstSeenBuild: try row.int64(at: 8), lastSeenBuild: try row.int64(at: 9))
    }

    static let selectTargets = """
        SELECT id, primary_output, rule, action, action_version, parameters, key, state, error, duration_ms, build_id
        FROM targets
        """

    /// Decodes a target row without its outputs and inputs; returns its row id too.
    static func decodeTarget(_ row: SQLite.Statement) throws -> (id: Int64, target: TargetRecord) {
        let stateText = try row.string(at: 7)
        guard let state = TargetState(rawValue: stateText) else {
            throw CatalogError.unexpectedValue(table: "targets", column: "state", value: stateText)
        }
        let target = TargetRecord(
            primaryOutput: try row.string(at: 1), rule: try row.string(at: 2), action: try row.string(at: 3),
            actionVersion: try intColumn(row, at: 4, table: "targets", column: "action_version"),
            parameters: try row.string(at: 5), key: try row.string(at: 6), state: state,
            error: try row.optionalString(at: 8), durationMs: try row.int64(at: 9),
            buildID: try row.int64(at: 10), outputs: [], inputs: [])
        return (try row.int64(at: 0), target)
    }

    static let selectHistory = """
        SELECT id, build_id, primary_output, event, rule, action, action_version, parameters, key, error, duration_ms
        FROM history
        """

    /// Decodes a history row without its files; returns its row id too.
    static func decodeHistory(_ row: SQLite.Statement) throws -> (id: Int64, record: HistoryRecord) {
        let eventText = try row.string(at: 3)
        guard let event = HistoryEvent(rawValue: eventText) else {
            throw CatalogError.unexpectedValue(table: "history", column: "event", value: eventText)
        }
        let record = HistoryRecord(
            buildID: try row.int64(at: 1), primaryOutput: try row.string(at: 2), event: event,
            rule: try row.string(at: 4), action: try row.string(at: 5),
            actionVersion: try intColumn(row, at: 6, table: "history", column: "action_version"),
            parameters: try row.string(at: 7), key: try row.string(at: 8),
            error: try row.optionalString(at: 9), durationMs: try row.int64(at: 10),
            outputs: [], inputs: [])
        return (try row.int64(at: 0), record)
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
