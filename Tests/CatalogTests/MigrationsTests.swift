import XCTest
@testable import Catalog

final class MigrationsTests: XCTestCase {
    private struct Boom: Error {}

    private func names(_ db: SQLite.Connection, type: String) throws -> [String] {
        let query = try db.prepare("SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%' ORDER BY name")
        defer { query.reset() }
        try query.bind(type, at: 1)
        var names: [String] = []
        while try query.step() { names.append(try query.string(at: 0)) }
        return names
    }

    func testFreshDatabaseGetsEveryTableAndTheCurrentVersion() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        try Migrations.migrate(db)
        XCTAssertEqual(try Migrations.version(of: db), 2)
        XCTAssertEqual(try names(db, type: "table"),
                       ["builds", "files", "history", "history_files", "noop_snapshot", "target_inputs", "target_outputs", "targets"])
        XCTAssertEqual(try names(db, type: "index"), ["history_by_output", "target_inputs_by_path"])
    }

    func testMigratingTwiceIsANoOp() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        try Migrations.migrate(db)
        try Migrations.migrate(db)
        XCTAssertEqual(try Migrations.version(of: db), 2)
    }

    func testFailingMigrationRollsBackEntirelyAndKeepsThePreviousVersion() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        let steps = [
            Migration(version: 1, name: "one") { try $0.execute("CREATE TABLE one (x)") },
            Migration(version: 2, name: "two") { connection in
                try connection.execute("CREATE TABLE two (x); INSERT INTO one VALUES (1)")
                throw Boom()
            },
        ]
        XCTAssertThrowsError(try Migrations.migrate(db, with: steps)) { error in
            guard case .migrationFailed(let version, _)? = error as? CatalogError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(version, 2)
        }
        XCTAssertEqual(try Migrations.version(of: db), 1)
        XCTAssertEqual(try names(db, type: "table"), ["one"])
        let rows = try db.prepare("SELECT count(*) FROM one")
        _ = try rows.step()
        XCTAssertEqual(try rows.int64(at: 0), 0)
    }

    func testNewerDatabaseIsRefused() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        try db.execute("PRAGMA user_version = 9")
        XCTAssertThrowsError(try Migrations.migrate(db)) { error in
            XCTAssertEqual(error as? CatalogError, .tooNew(found: 9, supported: 2))
        }
    }

    func testVersionsAreConsecutiveFromOne() {
        XCTAssertEqual(Migrations.all.map(\.version), Array(1...Migrations.all.count))
    }

    func testVersionOneCatalogIsMigratedKeepingItsRows() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        try Migrations.migrate(db, with: Array(Migrations.all.prefix(1)))
        try db.execute("INSERT INTO builds (started_at, command_line) VALUES ('t', 'build')")
        XCTAssertEqual(try Migrations.version(of: db), 1)
        try Migrations.migrate(db)
        XCTAssertEqual(try Migrations.version(of: db), 2)
        let count = try db.prepare("SELECT count(*) FROM builds")
        XCTAssertTrue(try count.step())
        XCTAssertEqual(try count.int64(at: 0), 1)
        count.reset()
    }
}
