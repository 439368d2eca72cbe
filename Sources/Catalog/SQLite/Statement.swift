import CSQLite

extension SQLite {
    /// A compiled SQL statement: bind parameters by 1-based index, `step()` through the rows,
    /// read columns by 0-based index with getters that throw when the stored type is not the
    /// one asked for. Finalized when released.
    public final class Statement {
        /// The SQL text this statement was compiled from.
        public let sql: String

        private let handle: OpaquePointer
        private let connection: OpaquePointer
        private let counter: StatementCounter
        private var started = false

        init(handle: OpaquePointer, connection: OpaquePointer, sql: String, counter: StatementCounter) {
            self.handle = handle
            self.connection = connection
            self.sql = sql
            self.counter = counter
        }

        deinit {
            sqlite3_finalize(handle)
        }

        // MARK: Binding

        /// Binds an integer to the 1-based parameter `index`.
        public func bind(_ value: Int64, at index: Int32) throws(SQLite.Error) {
            try check(sqlite3_bind_int64(handle, index, value))
        }

        /// Binds a real number to the 1-based parameter `index`.
        public func bind(_ value: Double, at index: Int32) throws(SQLite.Error) {
            try check(sqlite3_bind_double(handle, index, value))
        }

        /// Binds UTF-8 text to the 1-based parameter `index` (SQLite copies it).
        public func bind(_ value: String, at index: Int32) throws(SQLite.Error) {
            guard let length = Int32(exactly: value.utf8.count) else {
                throw SQLite.Error(code: SQLITE_TOOBIG, message: "text of \(value.utf8.count) bytes is too long", sql: sql)
            }
            let code = value.withCString { text in
                sqlite3_bind_text(handle, index, text, length, transientDestructor)
            }
            try check(code)
        }

        /// Binds a blob to the 1-based parameter `index` (SQLite copies it).
        public func bind(_ value: [UInt8], at index: Int32) throws(SQLite.Error) {
            let code = value.withUnsafeBytes { bytes -> Int32 in
                // A zero-length blob still needs a non-null pointer to bind as a blob, not NULL.
                sqlite3_bind_blob64(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                    sqlite3_uint64(bytes.count), transientDestructor)
            }
            try check(code)
        }

        /// Binds SQL NULL to the 1-based parameter `index`.
        public func bindNull(at index: Int32) throws(SQLite.Error) {
            try check(sqlite3_bind_null(handle, index))
        }

        /// Binds text, or NULL when `value` is nil.
        public func bind(_ value: String?, at index: Int32) throws(SQLite.Error) {
            if let value { try bind(value, at: index) } else { try bindNull(at: index) }
        }

        /// Binds an integer, or NULL when `value` is nil.
        public func bind(_ value: Int64?, at index: Int32) throws(SQLite.Error) {
            if let value { try bind(value, at: index) } else { try bindNull(at: index) }
        }

        // MARK: Running

        /// Advances to the next row. Returns true when a row is available, false when the
        /// statement has finished.
        @discardableResult
        public func step() throws(SQLite.Error) -> Bool {
            if !started {
                started = true
                counter.count += 1
            }
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default:
                let error = SQLite.Error(connection: connection, code: code, sql: sql)
                sqlite3_reset(handle)
                started = false
                throw error
            }
        }

        /// Runs the statement to completion, ignoring any rows.
        public func run() throws(SQLite.Error) {
            while try step() {}
        }

        /// Rewinds the statement so it can run again; bindings are kept.
        public func reset() {
            sqlite3_reset(handle)
            started = false
        }

        /// Sets every parameter back to NULL.
        public func clearBindings() {
            sqlite3_clear_bindings(handle)
        }

        // MARK: Columns

        /// Number of columns in a result row.
        public var columnCount: Int32 { sqlite3_column_count(handle) }

        /// True when column `index` of the current row is NULL.
        public func isNull(at index: Int32) -> Bool {
            sqlite3_column_type(handle, index) == SQLITE_NULL
        }

        /// The integer in column `index`; throws unless the column holds an INTEGER.
        public func int64(at index: Int32) throws(SQLite.Error) -> Int64 {
            try expect(SQLITE_INTEGER, at: index)
            return sqlite3_column_int64(handle, index)
        }

        /// The real number in column `index`; throws unless the column holds a REAL.
        public func double(at index: Int32) throws(SQLite.Error) -> Double {
            try expect(SQLITE_FLOAT, at: index)
            return sqlite3_column_double(handle, index)
        }

        /// The text in column `index`; throws unless the column holds TEXT.
        public func string(at index: Int32) throws(SQLite.Error) -> String {
            try expect(SQLITE_TEXT, at: index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_text(handle, index), count > 0 else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        /// The bytes in column `index`; throws unless the column holds a BLOB.
        public func blob(at index: Int32) throws(SQLite.Error) -> [UInt8] {
            try expect(SQLITE_BLOB, at: index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index), count > 0 else { return [] }
            return Array(UnsafeRawBufferPointer(start: bytes, count: count))
        }

        /// Calls `body` with the bytes of BLOB column `index`, without copying them; they are
        /// valid only during the call. Throws unless the column holds a BLOB.
        public func withBlobBytes<Result>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
            try expect(SQLITE_BLOB, at: index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index), count > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            return try body(UnsafeRawBufferPointer(start: bytes, count: count))
        }

        /// The text in column `index`, or nil when it is NULL.
        public func optionalString(at index: Int32) throws(SQLite.Error) -> String? {
            isNull(at: index) ? nil : try string(at: index)
        }

        /// The integer in column `index`, or nil when it is NULL.
        public func optionalInt64(at index: Int32) throws(SQLite.Error) -> Int64? {
            isNull(at: index) ? nil : try int64(at: index)
        }

        // MARK: Checks

        private func check(_ code: Int32) throws(SQLite.Error) {
            guard code == SQLITE_OK else {
                throw SQLite.Error(connection: connection, code: code, sql: sql)
            }
        }

        private func expect(_ type: Int32, at index: Int32) throws(SQLite.Error) {
            let actual = sqlite3_column_type(handle, index)
            guard actual == type else {
                let name = sqlite3_column_name(handle, index).map { String(cString: $0) } ?? "#\(index)"
                throw SQLite.Error(
                    code: SQLITE_MISMATCH,
                    message: "column \(name) holds \(Self.typeName(actual)), expected \(Self.typeName(type))",
                    sql: sql)
            }
        }

        private static func typeName(_ type: Int32) -> String {
            switch type {
            case SQLITE_INTEGER: return "INTEGER"
            case SQLITE_FLOAT: return "REAL"
            case SQLITE_TEXT: return "TEXT"
            case SQLITE_BLOB: return "BLOB"
            default: return "NULL"
            }
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT`: tells SQLite to copy bound text and blobs before the call
/// returns. The C macro casts -1 to a function pointer and is not imported into Swift.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
