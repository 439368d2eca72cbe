import XCTest
@testable import Catalog

/// Input lists are stored once however many versions read them, and go as soon as nothing
/// refers to them.
final class InputListTests: XCTestCase {
    private typealias S = SampleRecords

    private func openCatalog() throws -> (Catalog, String) {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        return (try Catalog.open(path: path), path)
    }

    /// Lists no target and no history version refers to, and items of lists that are gone.
    private func orphans(at path: String) throws -> Int64 {
        try SampleRecords.count("""
            SELECT (SELECT count(*) FROM input_lists
                    WHERE id NOT IN (SELECT input_list_id FROM target_rows)
                      AND id NOT IN (SELECT input_list_id FROM history_rows WHERE input_list_id IS NOT NULL))
                 + (SELECT count(*) FROM input_list_items WHERE list_id NOT IN (SELECT id FROM input_lists))
            """, at: path)
    }

    /// Two names that are the same text in different Unicode forms are two files on disk, so
    /// they get two path ids, even in one process that has looked both up (Swift's `==` calls
    /// them equal; the id cache must not).
    func testPathsThatDifferOnlyInUnicodeFormGetTheirOwnIDs() throws {
        let (catalog, path) = try openCatalog()
        let composed = "raw/caf\u{E9}.json", decomposed = "raw/cafe\u{301}.json"
        XCTAssertEqual(composed, decomposed, "Swift equality conflates the two forms")
        try catalog.recordFiles([S.rawFile(composed, sha256: S.hashA)], buildID: 1)
        try catalog.recordFiles([S.rawFile(decomposed, sha256: S.hashB)], buildID: 1)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM paths", at: path), 2)
        let files = try catalog.files(prefix: "raw/")
        XCTAssertEqual(files.count, 2)
        let byBytes = Dictionary(files.map { (Array($0.path.utf8), $0.sha256) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byBytes[Array(composed.utf8)], S.hashA)
        XCTAssertEqual(byBytes[Array(decomposed.utf8)], S.hashB)
    }

    func testVersionsWithTheSameInputsShareOneList() throws {
        let (catalog, path) = try openCatalog()
        let inputs = (0..<150).map { "raw/f\($0).json" }
        for round in 0..<3 {
            let build = try catalog.beginBuild(commandLine: "b", startedAt: "t\(round)")
            try catalog.recordTarget(S.target("metrics/all.json", inputs: inputs, key: S.hashB, build: build))
        }
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM history_rows", at: path), 3)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 1)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_list_items", at: path), 150)
        let history = try catalog.history(of: "metrics/all.json", limit: 10)
        XCTAssertEqual(history.map { $0.inputs.map(\.path) }, [inputs, inputs, inputs])
        // The same paths with other hashes are another list.
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        try catalog.recordTarget(S.target("metrics/all.json", inputs: inputs, key: S.hashB, build: build, inputHash: S.hashD))
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 2)
        XCTAssertEqual(try catalog.target(producing: "metrics/all.json")?.inputs.map(\.content.sha256),
                       Array(repeating: S.hashD, count: 150))
    }

    func testCompactionDeletesTheListsOnlyCompactedVersionsReferredTo() throws {
        let (catalog, path) = try openCatalog()
        let first = try catalog.beginBuild(commandLine: "b", startedAt: "t0")
        try catalog.recordTarget(S.target("metrics/m.json", inputs: ["raw/a.json", "raw/b.json"], build: first))
        for round in 1...Catalog.historyVersionsKept {
            let build = try catalog.beginBuild(commandLine: "b", startedAt: "t\(round)")
            try catalog.recordTarget(S.target("metrics/m.json", inputs: ["raw/c.json"], build: build))
            // Until the first version is compacted away, its list stays for its lineage.
            XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path),
                           round < Catalog.historyVersionsKept ? 2 : 1, "round \(round)")
        }
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_list_items", at: path), 1)
        XCTAssertEqual(try orphans(at: path), 0)
    }

    func testRemovingATargetKeepsTheListItsHistoryReadsAndNoMore() throws {
        let (catalog, path) = try openCatalog()
        let build1 = try catalog.beginBuild(commandLine: "b", startedAt: "t1")
        try catalog.recordTargets([
            S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build1),
            S.target("processed/b.parquet", inputs: ["raw/b.json"], build: build1),
        ])
        let build2 = try catalog.beginBuild(commandLine: "b", startedAt: "t2")
        try catalog.removeTargets(primaryOutputs: ["processed/a.parquet"], buildID: build2)
        // The built version of a.parquet still shows what it read.
        XCTAssertEqual(try catalog.history(of: "processed/a.parquet", limit: 5).map { $0.inputs.map(\.path) },
                       [[], ["raw/a.json"]])
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 2)
        XCTAssertEqual(try catalog.targets(consuming: "raw/a.json"), [])

        // Once history holds nothing of it either, its list goes.
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("DELETE FROM history_rows WHERE primary_output_id = (SELECT id FROM paths WHERE path = 'processed/a.parquet')")
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 1)
        XCTAssertEqual(try orphans(at: path), 0)
    }

    /// A target re-recorded with other inputs drops its old list when no history version
    /// refers to it (history was emptied by hand here; normally the previous version does).
    func testATargetRecordedWithOtherInputsDropsItsOldListWhenNothingElseReadsIt() throws {
        let (catalog, path) = try openCatalog()
        let build1 = try catalog.beginBuild(commandLine: "b", startedAt: "t1")
        try catalog.recordTarget(S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build1))
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("DELETE FROM history_rows")
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 1, "the target still refers to it")
        let build2 = try catalog.beginBuild(commandLine: "b", startedAt: "t2")
        try catalog.recordTarget(S.target("processed/a.parquet", inputs: ["raw/b.json"], build: build2))
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM input_lists", at: path), 1)
        XCTAssertEqual(try catalog.targets(consuming: "raw/a.json"), [])
        XCTAssertEqual(try catalog.targets(consuming: "raw/b.json").map(\.primaryOutput), ["processed/a.parquet"])
        XCTAssertEqual(try orphans(at: path), 0)
    }

    /// A value that is not a hex SHA-256 is refused, and the batch it came in leaves nothing.
    func testAHashThatIsNotHexIsRefusedAndNothingIsRecorded() throws {
        let (catalog, path) = try openCatalog()
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        let good = S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build)
        let bad = S.target("processed/b.parquet", inputs: ["raw/b.json"], build: build, inputHash: "ABC")
        XCTAssertThrowsError(try catalog.recordTargets([good, bad])) { error in
            XCTAssertEqual(error as? CatalogError, .notAHash(value: "ABC"))
        }
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM target_rows", at: path), 0)
        XCTAssertEqual(try SampleRecords.count("SELECT count(*) FROM paths", at: path), 0)
        // The path ids the failed batch had given are not reused from a stale cache.
        try catalog.recordTarget(S.target("processed/c.parquet", inputs: ["raw/c.json"], build: build))
        XCTAssertEqual(try catalog.target(producing: "processed/c.parquet")?.inputs.map(\.path), ["raw/c.json"])
        XCTAssertEqual(try catalog.loadState().targets.map(\.primaryOutput), ["processed/c.parquet"])
    }
}
