import XCTest
@testable import Catalog

/// A version 3 catalog, written with the SQL version 3 used, is converted in place: every row
/// reads back unchanged through the public API, hashes come back as the same hex, and input
/// lists that history versions shared are stored once.
final class MigrationToVersion4Tests: XCTestCase {
    // Hashes written the way version 3 stored them: 64 lower-case hex characters.
    private let rawA = String(repeating: "0a", count: 32)
    private let rawB = "ff" + String(repeating: "01", count: 31)
    private let partition = String(repeating: "9c", count: 32)
    private let keyOld = String(repeating: "3e", count: 32)
    private let keyNew = String(repeating: "4f", count: 32)
    private let keyFailed = String(repeating: "5d", count: 32)

    /// Applies the first three migrations and fills the tables the way lakemake 3 did.
    private func versionThreeCatalog(_ directory: TemporaryDirectory) throws -> String {
        let path = directory.file("catalog.db")
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try Migrations.migrate(db, with: Array(Migrations.all.prefix(3)))
        XCTAssertEqual(try Migrations.version(of: db), 3)
        try db.execute("""
            INSERT INTO builds (id, started_at, finished_at, command_line, built, exit_status)
                VALUES (1, 't1', 'f1', 'lakemake build', 2, 0), (2, 't2', 'f2', 'lakemake build', 1, 1);
            INSERT INTO files VALUES
                ('raw/sales/a.json', 'raw', -2, -9223372036854775803, 120, 1700000000123456789, 1700000001000000001, '\(rawA)', 1, 1),
                ('raw/sales/b.json', 'raw', 7, 8, 130, 5, 6, '\(rawB)', 1, 2),
                ('processed/p.parquet', 'derived', 7, 9, 4096, 10, 11, '\(partition)', 1, 2);
            INSERT INTO targets VALUES
                (1, 'processed/p.parquet', 'sales_parquet', 'sales.parquet', 2, 'compression=zstd', '\(keyNew)',
                 'built', NULL, 37, 2),
                (2, 'metrics/m.json', 'metrics', 'sales.metrics', 1, '', '\(keyFailed)', 'failed', 'no space', 0, 2);
            INSERT INTO target_outputs VALUES (1, 0, 'processed/p.parquet', '\(partition)', 4096);
            INSERT INTO target_inputs VALUES
                (1, 0, 'raw/sales/b.json', '\(rawB)', 130),
                (1, 1, 'raw/sales/a.json', '\(rawA)', 120);
            INSERT INTO history VALUES
                (1, 1, 'processed/p.parquet', 'built', 'sales_parquet', 'sales.parquet', 2, 'compression=zstd', '\(keyOld)', NULL, 30),
                (2, 2, 'processed/p.parquet', 'built', 'sales_parquet', 'sales.parquet', 2, 'compression=zstd', '\(keyNew)', NULL, 37),
                (3, 2, 'metrics/m.json', 'failed', 'metrics', 'sales.metrics', 1, '', '\(keyFailed)', 'no space', 0),
                (4, 2, 'metrics/gone.json', 'removed', 'metrics', 'sales.metrics', 1, '', '\(keyOld)', NULL, 0);
            INSERT INTO history_files VALUES
                (1, 'output', 0, 'processed/p.parquet', '\(rawA)', 10),
                (1, 'input', 0, 'raw/sales/b.json', '\(rawB)', 130),
                (1, 'input', 1, 'raw/sales/a.json', '\(rawA)', 120),
                (2, 'output', 0, 'processed/p.parquet', '\(partition)', 4096),
                (2, 'input', 0, 'raw/sales/b.json', '\(rawB)', 130),
                (2, 'input', 1, 'raw/sales/a.json', '\(rawA)', 120);
            INSERT INTO stored_plan (id, config, state, graph) VALUES (1, 'config', x'4C4D5032', x'01');
            INSERT INTO stored_plan_changes (id, state) VALUES (1, x'02');
            """)
        return path
    }

    func testEveryRowReadsBackThroughTheAPIAndSharedInputListsAreStoredOnce() throws {
        let directory = try TemporaryDirectory(self)
        let path = try versionThreeCatalog(directory)
        let catalog = try Catalog.open(path: path)
        XCTAssertEqual(try SampleRecords.count("PRAGMA user_version", at: path), 5)

        let inputs = [FileVersion(path: "raw/sales/b.json", sha256: rawB, size: 130),
                      FileVersion(path: "raw/sales/a.json", sha256: rawA, size: 120)]
        let built = TargetRecord(
            primaryOutput: "processed/p.parquet", rule: "sales_parquet", action: "sales.parquet", actionVersion: 2,
            parameters: "compression=zstd", key: keyNew, state: .built, error: nil, durationMs: 37, buildID: 2,
            outputs: [FileVersion(path: "processed/p.parquet", sha256: partition, size: 4096)], inputs: inputs)
        let failed = TargetRecord(
            primaryOutput: "metrics/m.json", rule: "metrics", action: "sales.metrics", actionVersion: 1,
            parameters: "", key: keyFailed, state: .failed, error: "no space", durationMs: 0, buildID: 2,
            outputs: [], inputs: [])

        let state = try catalog.loadState()
        XCTAssertEqual(state.targets, [built, failed])
        XCTAssertEqual(state.files, [
            "raw/sales/a.json": FileRecord(path: "raw/sales/a.json", kind: .raw, device: UInt64.max - 1, inode: 1 << 63 | 5,
                                           size: 120, mtimeNs: 1_700_000_000_123_456_789, ctimeNs: 1_700_000_001_000_000_001,
                                           sha256: rawA, firstSeenBuild: 1, lastSeenBuild: 1),
            "raw/sales/b.json": FileRecord(path: "raw/sales/b.json", kind: .raw, device: 7, inode: 8, size: 130, mtimeNs: 5,
                                           ctimeNs: 6, sha256: rawB, firstSeenBuild: 1, lastSeenBuild: 2),
            "processed/p.parquet": FileRecord(path: "processed/p.parquet", kind: .derived, device: 7, inode: 9, size: 4096,
                                              mtimeNs: 10, ctimeNs: 11, sha256: partition, firstSeenBuild: 1, lastSeenBuild: 2),
        ])
        XCTAssertEqual(try catalog.loadState(inputs: false).targets.map(\.inputs), [[], []])
        XCTAssertEqual(try catalog.targets(consuming: "raw/sales/a.json"), [built])

        let history = try catalog.history(of: "processed/p.parquet", limit: 10)
        XCTAssertEqual(history, [
            HistoryRecord(buildID: 2, primaryOutput: "processed/p.parquet", event: .built, rule: "sales_parquet",
                          action: "sales.parquet", actionVersion: 2, parameters: "compression=zstd", key: keyNew, error: nil,
                          durationMs: 37, outputs: built.outputs, inputs: inputs),
            HistoryRecord(buildID: 1, primaryOutput: "processed/p.parquet", event: .built, rule: "sales_parquet",
                          action: "sales.parquet", actionVersion: 2, parameters: "compression=zstd", key: keyOld, error: nil,
                          durationMs: 30, outputs: [FileVersion(path: "processed/p.parquet", sha256: rawA, size: 10)],
                          inputs: inputs),
        ])
        XCTAssertEqual(try catalog.history(of: "metrics/m.json", limit: 10).map(\.event), [.failed])
        let removed = try catalog.history(of: "metrics/gone.json", limit: 10)
        XCTAssertEqual(removed.map(\.event), [.removed])
        XCTAssertEqual(removed.first?.key, keyOld)
        XCTAssertEqual(removed.first?.inputs, [])
        XCTAssertEqual(try catalog.builds(limit: 5).map(\.exitStatus), [1, 0])

        // The built target and both of its history versions read the same two inputs: one list
        // of two items. The failed target and its version share the empty list; the removed
        // version has none.
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 2)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_list_items", at: path), 2)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM history_rows WHERE input_list_id IS NULL", at: path), 1)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM paths", at: path), 5)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM file_rows WHERE length(sha256) = 32", at: path), 3)
        // Version 5 drops the plan stored in the row (the next build plans in full and writes
        // it to a file); its change rows go with it.
        XCTAssertNil(try catalog.loadStoredPlan())
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM stored_plan_changes", at: path), 0)
    }

    /// The views keep the version 3 names and columns, with hex text where the tables hold bytes.
    func testTheViewsShowTheVersionThreeRows() throws {
        let directory = try TemporaryDirectory(self)
        let path = try versionThreeCatalog(directory)
        _ = try Catalog.open(path: path)
        let db = try SQLite.Connection(path: path, mode: .readOnly)
        func rows(_ sql: String) throws -> [String] {
            let query = try db.prepare(sql)
            defer { query.reset() }
            var rows: [String] = []
            while try query.step() {
                rows.append(try (0..<query.columnCount).map { query.isNull(at: $0) ? "NULL" : try query.string(at: $0) }
                    .joined(separator: "|"))
            }
            return rows
        }
        XCTAssertEqual(try rows("SELECT path, sha256 FROM files ORDER BY path"),
                       ["processed/p.parquet|\(partition)", "raw/sales/a.json|\(rawA)", "raw/sales/b.json|\(rawB)"])
        XCTAssertEqual(try rows("SELECT primary_output, key, state FROM targets ORDER BY id"),
                       ["processed/p.parquet|\(keyNew)|built", "metrics/m.json|\(keyFailed)|failed"])
        XCTAssertEqual(try rows("SELECT target_id || '', position || '', path, sha256 FROM target_inputs ORDER BY target_id, position"),
                       ["1|0|raw/sales/b.json|\(rawB)", "1|1|raw/sales/a.json|\(rawA)"])
        XCTAssertEqual(try rows("SELECT path, sha256 FROM target_outputs"), ["processed/p.parquet|\(partition)"])
        XCTAssertEqual(try rows("SELECT id || '', primary_output, event, key FROM history ORDER BY id"), [
            "1|processed/p.parquet|built|\(keyOld)", "2|processed/p.parquet|built|\(keyNew)",
            "3|metrics/m.json|failed|\(keyFailed)", "4|metrics/gone.json|removed|\(keyOld)",
        ])
        XCTAssertEqual(try rows("""
            SELECT history_id || '', role, position || '', path, sha256 FROM history_files
            ORDER BY history_id, role DESC, position
            """), [
            "1|output|0|processed/p.parquet|\(rawA)", "1|input|0|raw/sales/b.json|\(rawB)", "1|input|1|raw/sales/a.json|\(rawA)",
            "2|output|0|processed/p.parquet|\(partition)", "2|input|0|raw/sales/b.json|\(rawB)",
            "2|input|1|raw/sales/a.json|\(rawA)",
        ])
    }

    /// A hash that is not hex cannot be stored as bytes: the step fails and the catalog stays
    /// a complete version 3 catalog.
    func testAHashThatIsNotHexLeavesTheCatalogAtVersionThree() throws {
        let directory = try TemporaryDirectory(self)
        let path = try versionThreeCatalog(directory)
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("UPDATE files SET sha256 = 'not a hash' WHERE path = 'raw/sales/b.json'")
        XCTAssertThrowsError(try Migrations.migrate(db)) { error in
            guard case .migrationFailed(let version, let detail)? = error as? CatalogError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(version, 4)
            XCTAssertTrue(detail.contains("not a hash"), detail)
        }
        XCTAssertEqual(try Migrations.version(of: db), 3)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM target_inputs", at: path), 2)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM sqlite_master WHERE name = 'paths'", at: path), 0)
    }

    /// A disk that fills during the conversion is reported as a full disk (make room, run the
    /// build again), not as a failed step whose hint is to move the catalog aside.
    func testAFullDiskDuringTheMigrationAsksForSpaceAndKeepsVersionThree() throws {
        let directory = try TemporaryDirectory(self)
        let path = try versionThreeCatalog(directory)
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        let pages = try SampleRecords.count("PRAGMA page_count", at: path)
        try db.execute("PRAGMA max_page_count = \(pages + 2)")
        XCTAssertThrowsError(try Migrations.migrate(db)) { error in
            guard case .sqlite(let failure)? = error as? CatalogError else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(failure.isFull, failure.description)
            XCTAssertTrue(CatalogError.sqlite(failure).hint.contains("free some space"))
        }
        XCTAssertEqual(try Migrations.version(of: db), 3)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM history_files", at: path), 6)
    }
}
