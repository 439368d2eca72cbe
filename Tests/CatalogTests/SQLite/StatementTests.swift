import XCTest
@testable import Catalog

final class StatementTests: XCTestCase {
    private func memory() throws -> SQLite.Connection {
        let directory = try TemporaryDirectory(self)
        return try SQLite.Connection(path: directory.file("t.db"), mode: .readWrite)
    }

    func testEachTypeRoundTripsThroughBindAndColumn() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let insert = try db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)")
        try insert.bind(Int64.min, at: 1)
        try insert.bind(2.5, at: 2)
        try insert.bind("grüße ✈︎", at: 3)
        try insert.bind([0, 255, 7] as [UInt8], at: 4)
        try insert.bind(nil as String?, at: 5)
        try insert.run()

        let select = try db.prepare("SELECT i, r, s, b, n FROM t")
        XCTAssertTrue(try select.step())
        XCTAssertEqual(try select.int64(at: 0), Int64.min)
        XCTAssertEqual(try select.double(at: 1), 2.5)
        XCTAssertEqual(try select.string(at: 2), "grüße ✈︎")
        XCTAssertEqual(try select.blob(at: 3), [0, 255, 7])
        XCTAssertTrue(select.isNull(at: 4))
        XCTAssertNil(try select.optionalString(at: 4))
        XCTAssertFalse(try select.step())
    }

    func testTextLengthIsBytesNotCharacters() throws {
        let db = try memory()
        let select = try db.prepare("SELECT length(CAST(?1 AS BLOB))")
        try select.bind("é✈", at: 1)  // 2 + 3 UTF-8 bytes
        XCTAssertTrue(try select.step())
        XCTAssertEqual(try select.int64(at: 0), 5)
    }

    func testColumnGetterThrowsOnTypeMismatch() throws {
        let db = try memory()
        let select = try db.prepare("SELECT 'seven', 7, NULL")
        XCTAssertTrue(try select.step())
        XCTAssertThrowsError(try select.int64(at: 0)) { error in
            XCTAssertEqual((error as? SQLite.Error)?.code, 20)  // SQLITE_MISMATCH
        }
        XCTAssertThrowsError(try select.string(at: 1))
        XCTAssertThrowsError(try select.int64(at: 2))
        XCTAssertNil(try select.optionalInt64(at: 2))
    }

    func testResetAllowsRerunWithNewBindings() throws {
        let db = try memory()
        let select = try db.prepare("SELECT ?1 * 2")
        try select.bind(Int64(3), at: 1)
        XCTAssertTrue(try select.step())
        XCTAssertEqual(try select.int64(at: 0), 6)
        select.reset()
        try select.bind(Int64(21), at: 1)
        XCTAssertTrue(try select.step())
        XCTAssertEqual(try select.int64(at: 0), 42)
    }

    func testSyntaxErrorCarriesCodeMessageAndSQL() throws {
        let db = try memory()
        XCTAssertThrowsError(try db.prepare("SELEKT 1")) { error in
            let sqliteError = error as? SQLite.Error
            XCTAssertEqual(sqliteError?.code, 1)  // SQLITE_ERROR
            XCTAssertEqual(sqliteError?.sql, "SELEKT 1")
            XCTAssertTrue(sqliteError?.message.contains("syntax error") ?? false)
        }
    }
}
