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
        XCTAssertEqual(try Migrations.version(of: db), 5)
        XCTAssertEqual(try names(db, type: "table"),
                       ["builds", "file_rows", "history_output_rows", "history_rows", "input_list_items", "input_lists",
                        "paths", "stored_plan", "stored_plan_changes", "target_output_rows", "target_rows"])
        XCTAssertEqual(try names(db, type: "view"),
                       ["files", "history", "history_files", "target_inputs", "target_outputs", "targets"])
        XCTAssertEqual(try names(db, type: "index"),
                       ["history_rows_by_input_list", "history_rows_by_output", "input_list_items_by_path", "target_rows_by_input_list"])
        XCTAssertEqual(try names(db, type: "trigger"),
                       ["input_list_unused_after_history_delete", "input_list_unused_after_target_delete",
                        "input_list_unused_after_target_update"])
    }

    /// The user is told once when an existing catalog is upgraded (it can take a while), and
    /// not when a new catalog is created or one is already current.
    func testOnlyTheUpgradeOfAnExistingCatalogIsAnnounced() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        var told: [[Int]] = []
        try Migrations.migrate(db, with: Array(Migrations.all.prefix(3)), upgrading: { told.append([$0, $1]) })
        XCTAssertEqual(told, [], "a new catalog is created, not upgraded")
        try Migrations.migrate(db, upgrading: { told.append([$0, $1]) })
        XCTAssertEqual(told, [[3, 5]])
        try Migrations.migrate(db, upgrading: { told.append([$0, $1]) })
        XCTAssertEqual(told, [[3, 5]], "a current catalog needs nothing")
    }

    func testMigratingTwiceIsANoOp() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        try Migrations.migrate(db)
        try Migrations.migrate(db)
        XCTAssertEqual(try Migrations.version(of: db), 5)
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
            XCTAssertEqual(error as? CatalogError, .tooNew(found: 9, supported: 5))
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
        XCTAssertEqual(try Migrations.version(of: db), 5)
        let count = try db.prepare("SELECT count(*) FROM builds")
        XCTAssertTrue(try count.step())
        XCTAssertEqual(try count.int64(at: 0), 1)
        count.reset()
    }

    /// A catalog written before the stored plan keeps every row; its no-op snapshot (in a
    /// format no longer read) is dropped, so the next build plans in full once.
    func testVersionTwoCatalogBecomesVersionThreeKeepingItsRows() throws {
        let directory = try TemporaryDirectory(self)
        let db = try SQLite.Connection(path: directory.file("c.db"), mode: .readWrite)
        try Migrations.migrate(db, with: Array(Migrations.all.prefix(2)))
        try db.execute("INSERT INTO builds (started_at, command_line) VALUES ('t', 'build')")
        try db.execute("INSERT INTO noop_snapshot (id, config, state) VALUES (1, 'c', x'4C4D5333')")
        try Migrations.migrate(db, with: Array(Migrations.all.prefix(3)))
        XCTAssertEqual(try Migrations.version(of: db), 3)
        for (table, expected) in [("builds", 1), ("stored_plan", 0), ("stored_plan_changes", 0)] {
            let count = try db.prepare("SELECT count(*) FROM \(table)")
            XCTAssertTrue(try count.step())
            XCTAssertEqual(try count.int64(at: 0), Int64(expected), table)
            count.reset()
        }
    }
}
