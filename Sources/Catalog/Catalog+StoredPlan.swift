// The plan the last build stored (schema versions 2 and 3): the engine's encoding of its
// whole target graph and of every file it saw, kept opaque here. A build that changed little
// appends only what it changed, as a row of `stored_plan_changes`, instead of rewriting the
// whole plan; the next build reads the plan and its changes in one statement and applies
// them in order. A change row is written empty when its build makes its first write and
// filled when the build ends, so a build killed in between leaves an empty row, and the
// stored plan then counts as absent (the next build plans in full and stores it anew).

/// The stored plan as the catalog holds it.
public struct StoredPlanRecord: Sendable, Equatable {
    /// A digest of the configuration the plan was made with (rules, action versions).
    public var config: String
    /// The whole plan, as last written in full.
    public var base: [UInt8]
    /// What later builds changed, oldest first.
    public var changes: [[UInt8]]
    /// The size in bytes of the graph part of the whole plan (read on demand with
    /// `loadStoredPlanGraph`): with `base`, what tells one whole plan from another.
    public var graphSize: Int

    public init(config: String, base: [UInt8], changes: [[UInt8]] = [], graphSize: Int = 0) {
        self.config = config
        self.base = base
        self.changes = changes
        self.graphSize = graphSize
    }
}

extension Catalog {
    /// The stored plan with its changes; nil when there is none, or when a build that was
    /// changing it did not finish. One statement.
    public func loadStoredPlan() throws(CatalogError) -> StoredPlanRecord? {
        try withConnection { connection in
            // The whole plan (tens of megabytes in a large lake) is read into its array directly,
            // while the statement is active, so from the same snapshot.
            let rows = try connection.prepare("""
                SELECT 0, config, length(state), NULL, ifnull(length(graph), 0) FROM stored_plan WHERE id = 1 AND typeof(state) = 'blob'
                UNION ALL
                SELECT id, NULL, NULL, state, NULL FROM stored_plan_changes
                ORDER BY 1
                """)
            defer { rows.reset() }
            var record: StoredPlanRecord?
            while try rows.step() {
                if try rows.int64(at: 0) == 0 {
                    let base = try connection.readBlob(table: "stored_plan", column: "state", row: 1, count: Int(try rows.int64(at: 2)))
                    record = StoredPlanRecord(config: try rows.string(at: 1), base: base, graphSize: Int(try rows.int64(at: 4)))
                } else {
                    guard !rows.isNull(at: 3) else { return nil }
                    record?.changes.append(try rows.blob(at: 3))
                }
            }
            return record
        }
    }

    /// Replaces the stored plan with a whole one (its changes go). `graph` is the part only a
    /// build with changes reads (`loadStoredPlanGraph`), kept apart so a no-op reads less.
    public func saveStoredPlan(config: String, base: [UInt8], graph: [UInt8] = []) throws(CatalogError) {
        try inTransaction { connection in
            try connection.execute("DELETE FROM stored_plan_changes")
            let insert = try connection.prepare("INSERT OR REPLACE INTO stored_plan (id, config, state, graph) VALUES (1, ?, ?, ?)")
            defer { insert.reset() }
            try insert.bind(config, at: 1)
            try insert.run(bindingInPlace: [base, graph], from: 2)
        }
    }

    /// The graph part of the whole stored plan (empty when there is none).
    public func loadStoredPlanGraph() throws(CatalogError) -> [UInt8] {
        try withConnection { connection in
            let row = try connection.prepare("SELECT graph FROM stored_plan WHERE id = 1")
            defer { row.reset() }
            guard try row.step(), !row.isNull(at: 0) else { return [] }
            return try row.blob(at: 0)
        }
    }

    /// Forgets the stored plan; a build that will store a whole new one calls this before
    /// its first write. The plan is hidden by an empty change row, as a change begun and not
    /// finished hides it, and its bytes stay until `saveStoredPlan` replaces them: deleting
    /// tens of megabytes of blob pages took the build a tenth of a second more.
    public func clearStoredPlan() throws(CatalogError) {
        try inTransaction { connection in
            try connection.execute("INSERT INTO stored_plan_changes (state) VALUES (NULL)")
        }
    }

    /// Appends an empty change row, which makes the stored plan count as absent until
    /// `finishStoredPlanChange` fills it. A build that will store only its changes calls this
    /// before its first write. Returns the row's id.
    public func beginStoredPlanChange() throws(CatalogError) -> Int64 {
        try inTransaction { connection in
            try connection.execute("INSERT INTO stored_plan_changes (state) VALUES (NULL)")
            return connection.lastInsertedRowID
        }
    }

    /// Fills a change row begun by `beginStoredPlanChange` (or appends one, for a build that
    /// wrote nothing else).
    public func finishStoredPlanChange(id: Int64?, change: [UInt8]) throws(CatalogError) {
        try inTransaction { connection in
            let statement = try connection.prepare(id == nil ? "INSERT INTO stored_plan_changes (state) VALUES (?1)"
                                                             : "UPDATE stored_plan_changes SET state = ?1 WHERE id = ?2")
            defer { statement.reset() }
            try statement.bind(change, at: 1)
            if let id { try statement.bind(id, at: 2) }
            _ = try statement.step()
        }
    }
}
