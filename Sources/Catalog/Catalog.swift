import Foundation

/// lakemake's store of build traces: the SQLite file `lake/.lakemake/catalog.db`.
///
/// It records every file's fingerprint and content hash, every target's exact inputs and
/// outputs (the lineage), every build, and earlier versions of targets (history). The engine
/// calls this API and never writes SQL. The schema and why it looks the way it does are in
/// `Schema.swift`; `docs/catalog.md` describes it for users.
///
/// A `Catalog` may be shared between threads: every call holds an internal lock for its
/// duration, so calls are serialised on the one connection.
public final class Catalog: @unchecked Sendable {
    /// Path of the database file.
    public let path: String
    /// Whether this catalog was opened for reading only.
    public let isReadOnly: Bool

    private let connection: SQLite.Connection
    private let lock = NSLock()
    /// Path ids already looked up on `connection`; used under `lock` like the connection.
    let pathIDs = PathIDs()
    /// The whole stored plan's files (`Catalog+StoredPlan.swift`).
    let planFiles: StoredPlanFiles

    private init(connection: SQLite.Connection, readOnly: Bool) {
        self.connection = connection
        self.path = connection.path
        planFiles = StoredPlanFiles(databasePath: connection.path)
        self.isReadOnly = readOnly
    }

    /// Opens the catalog for a build: creates the file when missing (not its directory),
    /// migrates it to the current schema, and checks it for damage.
    ///
    /// The check is in two tiers, because `PRAGMA quick_check` reads every page and costs about
    /// as much as the bulk load itself, which would double a no-op build:
    /// - always: the file must start with SQLite's header and open as a database; and the bulk
    ///   load (`loadState`) scans every table the build relies on, so damage there surfaces as
    ///   `.corrupt` at the latest when the state is read;
    /// - `PRAGMA quick_check` when the previous build never finished (killed, crashed, power
    ///   loss: the moments damage happens), or when `alwaysCheckIntegrity` is set.
    ///
    /// Throws `.corrupt` for a damaged file (see `quarantine(path:)`), `.tooNew` for a catalog
    /// from a newer lakemake, `.readOnly` when it cannot be written. The path `:memory:` opens a
    /// private in-memory catalog, for tests of code that uses one.
    /// `upgrading` is told when an existing catalog is about to be upgraded to a newer schema
    /// (see `Migrations.migrate`).
    public static func open(path: String, alwaysCheckIntegrity: Bool = false,
                            upgrading: ((_ from: Int, _ to: Int) -> Void)? = nil) throws(CatalogError) -> Catalog {
        try checkHeader(path: path)
        let connection: SQLite.Connection
        do {
            connection = try SQLite.Connection(path: path, mode: .readWrite)
        } catch {
            throw CatalogError.wrapping(error, path: path)
        }
        try Migrations.migrate(connection, upgrading: upgrading)
        do {
            if try alwaysCheckIntegrity || lastBuildWasInterrupted(connection) {
                try checkIntegrity(connection)
            }
        } catch {
            throw CatalogError.wrapping(error, path: path)
        }
        return Catalog(connection: connection, readOnly: false)
    }

    /// Opens an existing catalog for a read-only command (`status`, `lineage`, `log`, …).
    ///
    /// Never takes a write lock and, thanks to WAL, never waits for a running build: it reads
    /// the last committed state. Throws `.missing` when there is no catalog, `.outdated` when
    /// it needs a migration only a build may perform.
    public static func openReadOnly(path: String) throws(CatalogError) -> Catalog {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CatalogError.missing(path: path)
        }
        try checkHeader(path: path)
        let connection: SQLite.Connection
        let found: Int
        do {
            connection = try SQLite.Connection(path: path, mode: .readOnly)
            found = try Migrations.version(of: connection)
        } catch {
            throw CatalogError.wrapping(error, path: path)
        }
        let supported = Migrations.currentVersion
        if found > supported { throw CatalogError.tooNew(found: found, supported: supported) }
        if found < supported { throw CatalogError.outdated(found: found, supported: supported) }
        return Catalog(connection: connection, readOnly: true)
    }

    /// Statements run on this catalog's connection since it was opened, including those run
    /// by `open`. Read it before and after a phase to count that phase's SQL (`build --stats`).
    public var statementCount: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return connection.statementsExecuted
    }

    /// Runs `body` on the connection under the lock, turning every failure into a
    /// `CatalogError`.
    func withConnection<Result>(_ body: (SQLite.Connection) throws -> Result) throws(CatalogError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try body(connection)
        } catch {
            throw CatalogError.wrapping(error, path: path)
        }
    }

    /// Like `withConnection`, inside one write transaction. When it fails, the path ids it
    /// may have inserted are forgotten with it (`PathIDs`).
    func inTransaction<Result>(_ body: (SQLite.Connection) throws -> Result) throws(CatalogError) -> Result {
        if isReadOnly { throw CatalogError.readOnly(path: path) }
        return try withConnection { connection in
            do {
                return try connection.transaction { try body(connection) }
            } catch {
                pathIDs.forgetAll()
                throw error
            }
        }
    }

    /// Refuses a non-empty file that does not start with SQLite's magic header, before SQLite
    /// itself opens it: SQLite would treat a stray `-wal` file next to such a file as its own
    /// and delete it on close, and a corrupt catalog must be moved aside intact.
    private static func checkHeader(path: String) throws(CatalogError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header: Data
        do {
            header = try handle.read(upToCount: 16) ?? Data()
        } catch {
            throw CatalogError.corrupt(path: path, detail: "cannot be read (\(error.localizedDescription))")
        }
        let magic = Data("SQLite format 3\u{0}".utf8)
        if !header.isEmpty && header != magic {
            throw CatalogError.corrupt(path: path, detail: "file is not a SQLite database")
        }
    }

    private static func lastBuildWasInterrupted(_ connection: SQLite.Connection) throws -> Bool {
        let query = try connection.prepare("SELECT finished_at IS NULL FROM builds ORDER BY id DESC LIMIT 1")
        defer { query.reset() }
        return try query.step() && query.int64(at: 0) != 0
    }

    private static func checkIntegrity(_ connection: SQLite.Connection) throws {
        let statement = try connection.prepare("PRAGMA quick_check")
        defer { statement.reset() }
        var problems: [String] = []
        while try statement.step() {
            let line = try statement.string(at: 0)
            if line != "ok" { problems.append(line) }
        }
        if !problems.isEmpty {
            throw CatalogError.corrupt(path: connection.path, detail: problems.prefix(3).joined(separator: "; "))
        }
    }
}
