import XCTest
@testable import Catalog

final class ConnectionTests: XCTestCase {
    private struct Abort: Error {}

    private func open(_ directory: TemporaryDirectory) throws -> SQLite.Connection {
        let db = try SQLite.Connection(path: directory.file("t.db"), mode: .readWrite)
        try db.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        return db
    }

    private func count(_ db: SQLite.Connection) throws -> Int64 {
        let query = try db.prepare("SELECT count(*) FROM t")
        defer { query.reset() }
        _ = try query.step()
        return try query.int64(at: 0)
    }

    func testPragmasAreSetOnOpen() throws {
        let db = try open(try TemporaryDirectory(self))
        func pragma(_ name: String) throws -> String {
            let query = try db.prepare("PRAGMA \(name)")
            defer { query.reset() }
            _ = try query.step()
            if let text = try? query.string(at: 0) { return text }
            return String(try query.int64(at: 0))
        }
        XCTAssertEqual(try pragma("journal_mode"), "wal")
        XCTAssertEqual(try pragma("synchronous"), "1")  // NORMAL
        XCTAssertEqual(try pragma("foreign_keys"), "1")
    }

    func testTransactionCommitsOnReturn() throws {
        let db = try open(try TemporaryDirectory(self))
        let value: Int = try db.transaction {
            try db.execute("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)")
            return 7
        }
        XCTAssertEqual(value, 7)
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try count(db), 2)
    }

    func testTransactionRollsBackOnThrowAndRethrowsTheSameError() throws {
        let db = try open(try TemporaryDirectory(self))
        try db.execute("INSERT INTO t VALUES (1)")
        XCTAssertThrowsError(try db.transaction {
            try db.execute("INSERT INTO t VALUES (2)")
            throw Abort()
        }) { error in
            XCTAssertTrue(error is Abort)
        }
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try count(db), 1)
    }

    func testNestedTransactionRollsBackOnlyItsOwnWork() throws {
        let db = try open(try TemporaryDirectory(self))
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Abort()
            }
        }
        XCTAssertEqual(try count(db), 1)
    }

    func testStatementCounterCountsRunsNotRows() throws {
        let db = try open(try TemporaryDirectory(self))
        try db.execute("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); INSERT INTO t VALUES (3)")
        let before = db.statementsExecuted
        let select = try db.prepare("SELECT x FROM t")
        var rows = 0
        while try select.step() { rows += 1 }
        XCTAssertEqual(rows, 3)
        XCTAssertEqual(db.statementsExecuted - before, 1)
        try db.execute("SELECT 1; SELECT 2")
        XCTAssertEqual(db.statementsExecuted - before, 3)
    }

    func testPrepareReturnsTheCachedStatementReset() throws {
        let db = try open(try TemporaryDirectory(self))
        let first = try db.prepare("SELECT ?1")
        try first.bind(Int64(5), at: 1)
        XCTAssertTrue(try first.step())
        let second = try db.prepare("SELECT ?1")
        XCTAssertTrue(first === second)
        XCTAssertTrue(try second.step())
        XCTAssertTrue(second.isNull(at: 0))  // bindings were cleared
    }

    func testReadOnlyConnectionCannotWrite() throws {
        let directory = try TemporaryDirectory(self)
        _ = try open(directory)
        let reader = try SQLite.Connection(path: directory.file("t.db"), mode: .readOnly)
        XCTAssertThrowsError(try reader.execute("INSERT INTO t VALUES (1)")) { error in
            XCTAssertTrue((error as? SQLite.Error)?.isReadOnly ?? false)
        }
    }
}
