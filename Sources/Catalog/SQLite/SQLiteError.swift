import CSQLite

extension SQLite {
    /// A failure reported by SQLite (or a column of an unexpected type), with the SQL that
    /// caused it, so a message can say which statement failed and why.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The primary SQLite result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`, …), or
        /// `SQLITE_MISMATCH` when a column held a value of the wrong type.
        public let code: Int32
        /// SQLite's own explanation (`sqlite3_errmsg`) or the layer's description of a mismatch.
        public let message: String
        /// The statement that failed, when there was one.
        public let sql: String?

        public init(code: Int32, message: String, sql: String? = nil) {
            self.code = code
            self.message = message
            self.sql = sql
        }

        /// The primary result code with extended bits removed.
        public var primaryCode: Int32 { code & 0xFF }

        /// True when the file is not a database or its pages are damaged.
        public var isCorruption: Bool {
            primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB
        }

        /// True when another connection holds a lock this one needed.
        public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

        /// True when the file system (or SQLite's size limit) has no room for the write.
        public var isFull: Bool { primaryCode == SQLITE_FULL }

        /// True when the database, its directory or its file system cannot be written.
        public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }

        public var description: String {
            var text = "SQLite error \(code): \(message)"
            if let sql { text += " (in: \(sql))" }
            return text
        }
    }
}

extension SQLite.Error {
    /// Builds an error from the connection's last failure.
    init(connection handle: OpaquePointer?, code: Int32, sql: String?) {
        let text: String
        if let handle, let cMessage = sqlite3_errmsg(handle) {
            text = String(cString: cMessage)
        } else if let cMessage = sqlite3_errstr(code) {
            text = String(cString: cMessage)
        } else {
            text = "unknown error"
        }
        self.init(code: code, message: text, sql: sql)
    }
}
