import Foundation
import XCTest
@testable import Catalog

final class CatalogTests: XCTestCase {
    func testOpenCreatesAMigratedCatalog() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        let catalog = try Catalog.open(path: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try catalog.loadState(), CatalogState(files: [:], targets: [], targetIndexByOutput: [:]))
    }

    func testInMemoryCatalogRecordsAndLoads() throws {
        let catalog = try Catalog.open(path: ":memory:")
        let build = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "t")
        let target = SampleRecords.target("processed/a.parquet", inputs: ["raw/a.json"], build: build)
        try catalog.recordTarget(target)
        XCTAssertEqual(try catalog.loadState().targets, [target])
    }

    func testOpenDoesNotCreateMissingDirectories() throws {
        let directory = try TemporaryDirectory(self)
        XCTAssertThrowsError(try Catalog.open(path: directory.file("absent/catalog.db")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.file("absent")))
    }

    func testGarbageFileIsCorruptAndQuarantineKeepsItsBytes() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        try Data("wal bytes".utf8).write(to: URL(fileURLWithPath: path + "-wal"))

        XCTAssertThrowsError(try Catalog.open(path: path)) { error in
            guard case .corrupt(let reported, _)? = error as? CatalogError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(reported, path)
        }

        let moved = try Catalog.quarantine(path: path)
        XCTAssertEqual(moved, path + ".corrupt-1")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: moved)), garbage)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: moved + "-wal")), Data("wal bytes".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))

        // A fresh catalog opens in its place; a second quarantine takes the next number.
        _ = try Catalog.open(path: path)
        XCTAssertEqual(try Catalog.quarantine(path: path), path + ".corrupt-2")
    }

    /// Writes 2000 file rows in build 1 (finished or not), folds the WAL into the main file and
    /// overwrites two pages in the middle of it, where the files table's leaves are.
    private func makeDamagedCatalog(at path: String, finishBuild: Bool) throws {
        do {
            let catalog = try Catalog.open(path: path)
            let build = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "t")
            try catalog.recordFiles((0..<2000).map { SampleRecords.rawFile("raw/sales/file-\($0).json") }, buildID: build)
            if finishBuild {
                try catalog.finishBuild(id: build, finishedAt: "t", counts: BuildCounts(), exitStatus: 0)
            }
        }
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE")
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(size / 2 / 4096 * 4096))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
        try handle.close()
    }

    func testDamageIsFoundByQuickCheckAfterAnInterruptedBuild() throws {
        let path = try TemporaryDirectory(self).file("catalog.db")
        try makeDamagedCatalog(at: path, finishBuild: false)
        XCTAssertThrowsError(try Catalog.open(path: path)) { error in
            guard case .corrupt? = error as? CatalogError else { return XCTFail("unexpected \(error)") }
        }
    }

    func testDamageIsFoundByQuickCheckWhenAskedFor() throws {
        let path = try TemporaryDirectory(self).file("catalog.db")
        try makeDamagedCatalog(at: path, finishBuild: true)
        XCTAssertThrowsError(try Catalog.open(path: path, alwaysCheckIntegrity: true)) { error in
            guard case .corrupt? = error as? CatalogError else { return XCTFail("unexpected \(error)") }
        }
    }

    func testDamageAfterACleanBuildSurfacesInTheBulkLoad() throws {
        let path = try TemporaryDirectory(self).file("catalog.db")
        try makeDamagedCatalog(at: path, finishBuild: true)
        XCTAssertThrowsError(try Catalog.open(path: path).loadState()) { error in
            guard case .corrupt? = error as? CatalogError else { return XCTFail("unexpected \(error)") }
        }
    }

    func testReadOnlyOpenDoesNotWaitForAWriter() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        let writer = try Catalog.open(path: path)
        let build = try writer.beginBuild(commandLine: "lakemake build", startedAt: "2024-01-02T03:04:05Z")
        try writer.recordFiles([SampleRecords.rawFile("raw/a.json", build: build)], buildID: build)

        // A second writer holds an uncommitted write transaction.
        let blocker = try SQLite.Connection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 0)
        try blocker.execute("BEGIN IMMEDIATE")
        try blocker.execute("DELETE FROM file_rows")

        let reader = try Catalog.openReadOnly(path: path)
        let state = try reader.loadState()
        XCTAssertEqual(Array(state.files.keys), ["raw/a.json"])  // sees the committed state
        XCTAssertEqual(try reader.builds(limit: 5).map(\.id), [build])
        try blocker.execute("ROLLBACK")
    }

    func testReadOnlyCatalogRefusesWritesAndMissingFiles() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        XCTAssertThrowsError(try Catalog.openReadOnly(path: path)) { error in
            XCTAssertEqual(error as? CatalogError, .missing(path: path))
        }
        _ = try Catalog.open(path: path)
        let reader = try Catalog.openReadOnly(path: path)
        XCTAssertThrowsError(try reader.beginBuild(commandLine: "x", startedAt: "y")) { error in
            XCTAssertEqual(error as? CatalogError, .readOnly(path: path))
        }
    }

    func testReadOnlyOpenOfAnOlderSchemaAsksForABuild() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("CREATE TABLE placeholder (x)")
        XCTAssertThrowsError(try Catalog.openReadOnly(path: path)) { error in
            XCTAssertEqual(error as? CatalogError, .outdated(found: 0, supported: Migrations.currentVersion))
        }
    }

    func testErrorsHaveAMessageAndAHint() {
        let error = CatalogError.tooNew(found: 3, supported: 1)
        XCTAssertEqual(error.message, "the build catalog has schema version 3, but this lakemake knows only up to 1")
        XCTAssertFalse(error.hint.isEmpty)
    }

    /// A catalog that cannot grow (here SQLite's page limit; on a full disk the same code)
    /// says so and points at freeing space, not at moving the catalog aside.
    func testAFullDatabaseAsksForSpace() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("CREATE TABLE t (x BLOB)")
        try db.execute("PRAGMA max_page_count = 4")
        var caught: (any Error)?
        do {
            for _ in 0..<64 { try db.execute("INSERT INTO t VALUES (zeroblob(4096))") }
        } catch {
            caught = error
        }
        let sqliteError = try XCTUnwrap(caught as? SQLite.Error, "the inserts must overflow four pages")
        XCTAssertTrue(sqliteError.isFull)
        let error = CatalogError.wrapping(sqliteError, path: path)
        XCTAssertTrue(error.message.contains("database or disk is full"), error.message)
        XCTAssertTrue(error.hint.hasPrefix("the disk holding the lake is full: free some space"), error.hint)
    }
}
