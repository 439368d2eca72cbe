import CSQLite

extension SQLite {
    /// One open SQLite database handle.
    ///
    /// Writable connections run in WAL journal mode with `synchronous=NORMAL`, so readers never
    /// wait for the writer and a commit costs one `fsync` at checkpoint time rather than one per
    /// transaction. Foreign keys are enforced on every connection. Prepared statements are
    /// cached by their SQL text, and every statement run is counted (`statementsExecuted`) so
    /// `build --stats` and the no-op regression test can check how much SQL a build issued.
    public final class Connection {
        /// How the database file is opened.
        public enum Mode: Sendable, Equatable {
            /// Read and write; the file is created when missing (its directory is not).
            case readWrite
            /// Read only; the file must exist. Never takes a write lock.
            case readOnly
        }

        /// Path of the database file as given to `init`.
        public let path: String
        /// The mode the connection was opened with.
        public let mode: Mode

        let handle: OpaquePointer
        let counter = StatementCounter()
        private var cache: [String: Statement] = [:]

        /// Opens (and for `.readWrite`, creates) the database at `path`, sets the busy timeout
        /// and the connection pragmas.
        ///
        /// SQLite opens lazily: a file that is not a database is only detected by the first
        /// statement, which the pragmas here are. Such a failure throws with
        /// `isCorruption == true`.
        public init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32 = 5_000) throws(SQLite.Error) {
            var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
            switch mode {
            case .readWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            case .readOnly: flags |= SQLITE_OPEN_READONLY
            }
            var opened: OpaquePointer?
            let code = sqlite3_open_v2(path, &opened, flags, nil)
            guard code == SQLITE_OK, let opened else {
                let error = SQLite.Error(connection: opened, code: code, sql: nil)
                sqlite3_close_v2(opened)
                throw error
            }
            self.handle = opened
            self.path = path
            self.mode = mode
            sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
            if mode == .readWrite {
                try execute("PRAGMA journal_mode = WAL")
                try execute("PRAGMA synchronous = NORMAL")
            }
            try execute("PRAGMA foreign_keys = ON")
            // Whole-table scans (the no-op load) read pages through a memory map instead of one
            // pread and copy per page, and writers keep more of the B-tree interiors cached.
            // Both are upper bounds; memory is used only as the database grows.
            try execute("PRAGMA mmap_size = \(1 << 30)")
            try execute("PRAGMA cache_size = -32768")
        }

        deinit {
            cache.removeAll()
            sqlite3_close_v2(handle)
        }

        /// Number of statements run on this connection so far (each `execute`d statement and
        /// each run of a prepared statement counts once, however many rows it returns).
        public var statementsExecuted: Int64 { counter.count }

        /// True while a transaction is open on this connection.
        public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

        /// Rowid of the last row inserted on this connection.
        public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

        /// Runs every statement in `sql` to completion, discarding any rows.
        public func execute(_ sql: String) throws(SQLite.Error) {
            var remaining = sql
            while !remaining.isEmpty {
                let (statement, consumed) = try prepareOne(remaining)
                if let statement {
                    while try statement.step() {}
                } else if consumed == 0 {
                    return
                }
                remaining = String(decoding: remaining.utf8.dropFirst(consumed), as: UTF8.self)
            }
        }

        /// Returns the cached prepared statement for `sql` (compiling it the first time), reset
        /// and with its bindings cleared.
        ///
        /// A cached statement must not be used re-entrantly: finish iterating it before asking
        /// for the same SQL again.
        public func prepare(_ sql: String) throws(SQLite.Error) -> Statement {
            if let cached = cache[sql] {
                cached.reset()
                cached.clearBindings()
                return cached
            }
            guard let statement = try prepareOne(sql).0 else {
                throw SQLite.Error(code: SQLITE_MISUSE, message: "no statement in SQL text", sql: sql)
            }
            cache[sql] = statement
            return statement
        }

        /// Runs `body` in a transaction: commits when it returns, rolls back when it throws
        /// (and rethrows the body's error unchanged).
        ///
        /// `immediate` takes the write lock at `BEGIN`, so a writer never fails half-way with
        /// `SQLITE_BUSY` while upgrading a read lock. Called inside another transaction, the
        /// body runs in a savepoint of it instead.
        public func transaction<Result>(immediate: Bool = true, _ body: () throws -> Result) throws -> Result {
            if isInTransaction {
                return try savepoint(body)
            }
            try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
            let result: Result
            do {
                result = try body()
            } catch {
                rollbackQuietly()
                throw error
            }
            do {
                try execute("COMMIT")
            } catch {
                rollbackQuietly()
                throw error
            }
            return result
        }

        private func savepoint<Result>(_ body: () throws -> Result) throws -> Result {
            try execute("SAVEPOINT nested")
            do {
                let result = try body()
                try execute("RELEASE nested")
                return result
            } catch {
                try? execute("ROLLBACK TO nested")
                try? execute("RELEASE nested")
                throw error
            }
        }

        private func rollbackQuietly() {
            // ROLLBACK fails only when SQLite already rolled back on its own (e.g. after an
            // I/O error); either way the transaction is gone afterwards.
            if isInTransaction { try? execute("ROLLBACK") }
        }

        /// Compiles the first statement of `sql`, returning it (nil when that part holds only
        /// whitespace or comments) and the number of UTF-8 bytes it consumed.
        private func prepareOne(_ sql: String) throws(SQLite.Error) -> (Statement?, Int) {
            var compiled: OpaquePointer?
            var consumed = 0
            let code = sql.withCString { start -> Int32 in
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, start, -1, &compiled, &tail)
                if let tail { consumed = start.distance(to: tail) }
                return code
            }
            guard code == SQLITE_OK else {
                throw SQLite.Error(connection: handle, code: code, sql: sql)
            }
            guard let compiled else { return (nil, consumed) }
            let text = String(decoding: sql.utf8.prefix(consumed), as: UTF8.self)
            return (Statement(handle: compiled, connection: handle, sql: text, counter: counter), consumed)
        }
    }

    /// Shared count of statements run on one connection.
    final class StatementCounter {
        var count: Int64 = 0
    }
}

extension SQLite.Connection {
    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes(handle)) }
}
