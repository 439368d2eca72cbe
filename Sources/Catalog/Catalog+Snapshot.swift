// The no-op snapshot (schema version 2): what the lake looked like when the last complete
// build finished, stored as one opaque blob so an unchanged lake costs one SELECT.

/// The snapshot a build leaves behind: a digest of the build's configuration (rules, action
/// versions) and the engine's encoding of the files it saw.
public struct NoOpSnapshot: Sendable, Equatable {
    public var config: String
    public var state: [UInt8]

    public init(config: String, state: [UInt8]) {
        self.config = config
        self.state = state
    }
}

extension Catalog {
    /// The stored snapshot, if a build left one. One statement.
    public func loadSnapshot() throws(CatalogError) -> NoOpSnapshot? {
        try withConnection { connection in
            let row = try connection.prepare("SELECT config, state FROM noop_snapshot WHERE id = 1")
            defer { row.reset() }
            guard try row.step() else { return nil }
            return NoOpSnapshot(config: try row.string(at: 0), state: try row.blob(at: 1))
        }
    }

    /// Replaces the snapshot.
    public func saveSnapshot(_ snapshot: NoOpSnapshot) throws(CatalogError) {
        try inTransaction { connection in
            let insert = try connection.prepare("INSERT OR REPLACE INTO noop_snapshot (id, config, state) VALUES (1, ?, ?)")
            defer { insert.reset() }
            try insert.bind(snapshot.config, at: 1)
            try insert.bind(snapshot.state, at: 2)
            _ = try insert.step()
        }
    }

    /// Forgets the snapshot; every build that writes anything calls this first.
    public func clearSnapshot() throws(CatalogError) {
        try inTransaction { connection in try connection.execute("DELETE FROM noop_snapshot") }
    }
}
