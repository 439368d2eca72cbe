// The plan the last build stored (schema versions 2, 3 and 5): the engine's encoding of its
// whole target graph and of every file it saw, kept opaque here. The whole plan is a file
// beside the database, named by the `stored_plan` row (`StoredPlanFiles.swift` says why and
// how a kill or a power cut cannot leave a wrong one). A build that changed little
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
    /// Reads the graph part of this same whole plan.
    public let graph: StoredPlanGraph
    /// The size in bytes of the graph part: with `base`, what tells one whole plan from another.
    public var graphSize: Int { graph.size }

    /// A plan with no graph part to read, of `graphSize` bytes (for comparisons).
    public init(config: String, base: [UInt8], changes: [[UInt8]] = [], graphSize: Int = 0) {
        self.init(config: config, base: base, changes: changes, graph: StoredPlanGraph(source: nil, offset: 0, size: graphSize, crc32: 0))
    }

    init(config: String, base: [UInt8], changes: [[UInt8]], graph: StoredPlanGraph) {
        self.config = config
        self.base = base
        self.changes = changes
        self.graph = graph
    }

    /// Equal plans: the same configuration, bytes and changes, wherever they were read from.
    public static func == (a: StoredPlanRecord, b: StoredPlanRecord) -> Bool {
        a.config == b.config && a.graphSize == b.graphSize && a.changes == b.changes && a.base == b.base
    }
}

/// The graph part of a whole stored plan, read only by a build that has changes to apply:
/// from the file the plan's files part was read from, held open, so always the same plan's.
public struct StoredPlanGraph: Sendable {
    let source: StoredPlanSource?
    let offset: Int
    let size: Int
    let crc32: UInt32

    /// The graph part; nil when it cannot be read whole and intact (the build then plans in
    /// full).
    public func read() -> [UInt8]? {
        guard let source else { return size == 0 ? [] : nil }
        return source.read(offset: offset, count: size, crc32: crc32)
    }
}

extension Catalog {
    /// The stored plan with its changes; nil when there is none, when a build that was
    /// changing it did not finish, or when its file is missing or damaged. One statement.
    public func loadStoredPlan() throws(CatalogError) -> StoredPlanRecord? {
        try withConnection { connection in
            // The file is opened while the statement is active, so it is the plan of the same
            // snapshot (a build that replaces it removes the file only after its commit).
            let rows = try connection.prepare("""
                SELECT 0, config, generation, base_size, base_crc32, graph_size, graph_crc32, NULL FROM stored_plan WHERE id = 1
                UNION ALL
                SELECT id, NULL, NULL, NULL, NULL, NULL, NULL, state FROM stored_plan_changes
                ORDER BY 1
                """)
            defer { rows.reset() }
            var record: StoredPlanRecord?
            while try rows.step() {
                if try rows.int64(at: 0) == 0 {
                    let baseSize = Int(try rows.int64(at: 3))
                    guard let source = planFiles.open(try rows.int64(at: 2)),
                          let base = source.read(offset: 0, count: baseSize, crc32: UInt32(truncatingIfNeeded: try rows.int64(at: 4)))
                    else { return nil }
                    let graph = StoredPlanGraph(source: source, offset: baseSize, size: Int(try rows.int64(at: 5)),
                                                crc32: UInt32(truncatingIfNeeded: try rows.int64(at: 6)))
                    record = StoredPlanRecord(config: try rows.string(at: 1), base: base, changes: [], graph: graph)
                } else {
                    guard !rows.isNull(at: 7) else { return nil }
                    record?.changes.append(try rows.blob(at: 7))
                }
            }
            return record
        }
    }

    /// Replaces the stored plan with a whole one (its changes go). `graph` is the part only a
    /// build with changes reads (`StoredPlanRecord.graph`), kept apart so a no-op reads less.
    /// The plan goes to a file of its own (`StoredPlanFiles`), named by the row committed
    /// after it is written; the file it replaces is removed after that commit.
    public func saveStoredPlan(config: String, base: [UInt8], graph: [UInt8] = []) throws(CatalogError) {
        try saveStoredPlan(config: config, baseParts: [base], graph: graph)
    }

    /// `saveStoredPlan(config:base:graph:)` with the first part in pieces, written one after
    /// the other: a plan of tens of megabytes is not copied into one buffer first.
    public func saveStoredPlan(config: String, baseParts: [[UInt8]], graph: [UInt8] = []) throws(CatalogError) {
        let generation = try withConnection { connection in
            let row = try connection.prepare("SELECT ifnull(max(generation), 0) + 1 FROM stored_plan")
            defer { row.reset() }
            _ = try row.step()
            return try row.int64(at: 0)
        }
        try planFiles.write(generation, baseParts + [graph])
        do {
            try inTransaction { connection in
                try connection.execute("DELETE FROM stored_plan_changes")
                let insert = try connection.prepare("""
                    INSERT OR REPLACE INTO stored_plan (id, config, generation, base_size, base_crc32, graph_size, graph_crc32)
                    VALUES (1, ?, ?, ?, ?, ?, ?)
                    """)
                defer { insert.reset() }
                try insert.bind(config, at: 1)
                try insert.bind(generation, at: 2)
                try insert.bind(Int64(baseParts.reduce(0) { $0 + $1.count }), at: 3)
                try insert.bind(Int64(StoredPlanSource.crc32(baseParts)), at: 4)
                try insert.bind(Int64(graph.count), at: 5)
                try insert.bind(Int64(StoredPlanSource.crc32(graph)), at: 6)
                _ = try insert.step()
            }
        } catch {
            planFiles.removeAll(except: generation - 1)
            throw error
        }
        planFiles.removeAll(except: generation)
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
