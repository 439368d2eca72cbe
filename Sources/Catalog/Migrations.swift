// Forward-only schema migrations, tracked in `PRAGMA user_version`.
//
// Each migration runs in its own transaction together with the `user_version` update, so a
// catalog is always at exactly one known version: a migration that fails leaves no trace.
// A catalog whose version is newer than the last migration here was written by a newer
// lakemake and is refused rather than guessed at.

/// One step from schema version `version - 1` to `version`.
struct Migration: Sendable {
    /// The `user_version` the catalog has after this step.
    let version: Int
    /// What the step does, for error messages.
    let name: String
    /// Changes the schema; runs inside the migration's transaction.
    let apply: @Sendable (SQLite.Connection) throws -> Void
}

/// The ordered list of migrations and the code that applies them.
enum Migrations {
    /// Every migration, oldest first; versions are 1, 2, 3, … without gaps.
    static let all: [Migration] = [
        Migration(version: 1, name: "create files, builds, targets and history") { connection in
            try connection.execute(Schema.version1)
        },
        Migration(version: 2, name: "add the no-op snapshot") { connection in
            try connection.execute(Schema.version2)
        },
        Migration(version: 3, name: "turn the no-op snapshot into the stored plan, with changes") { connection in
            try connection.execute(Schema.version3)
        },
        Migration(version: 4, name: "intern paths, store hashes as bytes and each input list once") { connection in
            try convertToVersion4(connection)
        },
        Migration(version: 5, name: "keep the whole stored plan in a file beside the catalog") { connection in
            try connection.execute(Schema.version5)
        },
    ]

    /// The schema version this code reads and writes.
    static var currentVersion: Int { all.last?.version ?? 0 }

    /// Reads `PRAGMA user_version`.
    static func version(of connection: SQLite.Connection) throws(SQLite.Error) -> Int {
        let statement = try connection.prepare("PRAGMA user_version")
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return Int(try statement.int64(at: 0))
    }

    /// Brings the catalog up to the last of `migrations`, one transaction per step.
    ///
    /// Throws `.tooNew` for a catalog newer than `migrations`, and `.migrationFailed` (with the
    /// catalog left at the previous version) when a step throws.
    /// - Parameter upgrading: called once before the first step when an existing catalog (not
    ///   a new, empty one) is upgraded, with its version and the target version: on a large
    ///   lake an upgrade takes a while, and the user should know why the build waits.
    static func migrate(_ connection: SQLite.Connection, with migrations: [Migration] = all,
                        upgrading: ((_ from: Int, _ to: Int) -> Void)? = nil) throws(CatalogError) {
        let supported = migrations.last?.version ?? 0
        let found: Int
        do {
            found = try version(of: connection)
        } catch {
            throw CatalogError.wrapping(error, path: connection.path)
        }
        guard found <= supported else {
            throw CatalogError.tooNew(found: found, supported: supported)
        }
        if found > 0 && found < supported { upgrading?(found, supported) }
        for migration in migrations where migration.version > found {
            do {
                try connection.transaction {
                    try migration.apply(connection)
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                }
            } catch let error as SQLite.Error where error.isCorruption || error.isReadOnly || error.isFull {
                // Not a failure of the step itself: the user must repair, unlock or make room,
                // and the hint of each case says so (a full disk is no reason to move the catalog aside).
                throw CatalogError.wrapping(error, path: connection.path)
            } catch {
                let detail = (error as? SQLite.Error)?.message ?? String(describing: error)
                throw CatalogError.migrationFailed(version: migration.version, detail: "\(migration.name): \(detail)")
            }
        }
    }
}
