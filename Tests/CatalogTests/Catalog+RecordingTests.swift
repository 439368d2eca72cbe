import XCTest
@testable import Catalog

final class CatalogRecordingTests: XCTestCase {
    private typealias S = SampleRecords

    private func openCatalog() throws -> (Catalog, String) {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        return (try Catalog.open(path: path), path)
    }

    private func count(_ table: String, at path: String) throws -> Int64 {
        let db = try SQLite.Connection(path: path, mode: .readOnly)
        let query = try db.prepare("SELECT count(*) FROM \(table)")
        _ = try query.step()
        return try query.int64(at: 0)
    }

    func testRecordingATargetTwiceReplacesItsInputsAndKeepsTwoVersions() throws {
        let (catalog, path) = try openCatalog()
        let build1 = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "t1")
        try catalog.recordTarget(S.target("reports/r.txt", inputs: ["raw/a.json", "raw/b.json", "raw/c.json"],
                                          key: S.hashA, build: build1))
        let build2 = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "t2")
        let second = S.target("reports/r.txt", inputs: ["raw/b.json"], key: S.hashB, build: build2)
        try catalog.recordTarget(second)

        XCTAssertEqual(try catalog.loadState().targets, [second])
        XCTAssertEqual(try count("targets", at: path), 1)
        XCTAssertEqual(try count("target_inputs", at: path), 1)
        let history = try catalog.history(of: "reports/r.txt", limit: 10)
        XCTAssertEqual(history.map(\.buildID), [build2, build1])
        XCTAssertEqual(history.map(\.key), [S.hashB, S.hashA])
        XCTAssertEqual(history[1].inputs.map(\.path), ["raw/a.json", "raw/b.json", "raw/c.json"])
        XCTAssertEqual(history[0].target, second)
    }

    /// Rows are inserted many per statement: an aggregate of 250 inputs keeps every input, in
    /// order, in the target and in its history, across the statements' boundaries.
    func testHundredsOfInputsKeepTheirOrderAcrossMultiRowInserts() throws {
        let (catalog, path) = try openCatalog()
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        let inputs = (0..<250).map { String(format: "raw/m/%03d.json", 249 - $0) }
        let target = S.target("metrics/all.json", inputs: inputs, key: S.hashA, build: build)
        let before = catalog.statementCount
        try catalog.recordTarget(target)
        XCTAssertLessThan(catalog.statementCount - before, 30, "not a statement per row")
        XCTAssertEqual(try catalog.target(producing: "metrics/all.json")?.inputs.map(\.path), inputs)
        XCTAssertEqual(try catalog.history(of: "metrics/all.json", limit: 1).first?.inputs.map(\.path), inputs)
        XCTAssertEqual(try count("target_inputs", at: path), 250)
    }

    func testFilesUpsertKeepsFirstSeenAndMovesLastSeen() throws {
        let (catalog, _) = try openCatalog()
        try catalog.recordFiles([S.rawFile("raw/a.json", sha256: S.hashA)], buildID: 1)
        try catalog.recordFiles([S.rawFile("raw/a.json", sha256: S.hashB)], buildID: 4)
        let file = try catalog.loadState().files["raw/a.json"]
        XCTAssertEqual(file?.sha256, S.hashB)
        XCTAssertEqual(file?.firstSeenBuild, 1)
        XCTAssertEqual(file?.lastSeenBuild, 4)

        try catalog.forgetFiles(paths: ["raw/a.json", "raw/never-recorded.json"])
        XCTAssertEqual(try catalog.loadState().files, [:])
    }

    func testFailedBatchLeavesNothingBehind() throws {
        let (catalog, path) = try openCatalog()
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        // The second target names a build that does not exist: its insert violates the foreign key.
        let first = S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build)
        let second = S.target("processed/b.parquet", inputs: ["raw/b.json"], build: build + 1)
        XCTAssertThrowsError(try catalog.recordTargets([first, second]))
        XCTAssertEqual(try count("targets", at: path), 0)
        XCTAssertEqual(try count("target_inputs", at: path), 0)
        XCTAssertEqual(try count("history", at: path), 0)
    }

    func testAnOutputPathMovesToTheTargetRecordedLast() throws {
        let (catalog, _) = try openCatalog()
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        try catalog.recordTarget(S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build,
                                          extra: ["shared.json"]))
        try catalog.recordTarget(S.target("processed/b.parquet", inputs: ["raw/b.json"], build: build,
                                          extra: ["shared.json"]))
        let state = try catalog.loadState()
        XCTAssertEqual(state.targets.map { $0.outputs.map(\.path) },
                       [["processed/a.parquet"], ["processed/b.parquet", "shared.json"]])
        XCTAssertEqual(state.targetIndexByOutput["shared.json"], 1)
    }

    func testRemovingATargetDeletesItsRowsAndLeavesARemovedVersion() throws {
        let (catalog, path) = try openCatalog()
        let build1 = try catalog.beginBuild(commandLine: "b", startedAt: "t1")
        try catalog.recordTargets([
            S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build1),
            S.target("processed/b.parquet", inputs: ["raw/b.json"], build: build1),
        ])
        let build2 = try catalog.beginBuild(commandLine: "b", startedAt: "t2")
        try catalog.removeTargets(primaryOutputs: ["processed/a.parquet", "processed/unknown.parquet"], buildID: build2)

        XCTAssertEqual(try catalog.loadState().targets.map(\.primaryOutput), ["processed/b.parquet"])
        XCTAssertEqual(try count("target_inputs", at: path), 1)
        XCTAssertEqual(try count("target_outputs", at: path), 1)
        let history = try catalog.history(of: "processed/a.parquet", limit: 5)
        XCTAssertEqual(history.map(\.event), [.removed, .built])
        XCTAssertEqual(history.map(\.buildID), [build2, build1])
        XCTAssertNil(history[0].target)
        XCTAssertEqual(try catalog.history(of: "processed/unknown.parquet", limit: 5), [])
    }

    func testHistoryIsCompactedToTheNewestVersionsPerOutput() throws {
        let (catalog, path) = try openCatalog()
        let kept = Catalog.historyVersionsKept
        var builds: [Int64] = []
        for round in 0..<(kept + 5) {
            let build = try catalog.beginBuild(commandLine: "b", startedAt: "t\(round)")
            builds.append(build)
            try catalog.recordTargets([
                S.target("processed/a.parquet", inputs: ["raw/a.json"], build: build),
                S.target("processed/b.parquet", inputs: ["raw/b.json"], build: build),
            ])
        }
        let history = try catalog.history(of: "processed/a.parquet", limit: 1000)
        XCTAssertEqual(history.map(\.buildID), Array(builds.suffix(kept).reversed()))
        XCTAssertEqual(try count("history", at: path), Int64(2 * kept))
        // Files of compacted versions go with them (ON DELETE CASCADE): one input + one output each.
        XCTAssertEqual(try count("history_files", at: path), Int64(2 * kept * 2))
    }

    func testBuildsAreRecordedAndListedNewestFirst() throws {
        let (catalog, _) = try openCatalog()
        let first = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "2024-01-02T03:04:05Z")
        let counts = BuildCounts(built: 3, unchanged: 10, rejected: 1, failed: 0, removed: 2, skipped: 1)
        try catalog.finishBuild(id: first, finishedAt: "2024-01-02T03:04:09Z", counts: counts, exitStatus: 1)
        let second = try catalog.beginBuild(commandLine: "lakemake build -j 2", startedAt: "2024-01-03T00:00:00Z")

        XCTAssertEqual(try catalog.builds(limit: 10), [
            BuildRecord(id: second, startedAt: "2024-01-03T00:00:00Z", finishedAt: nil,
                        commandLine: "lakemake build -j 2", counts: BuildCounts(), exitStatus: nil),
            BuildRecord(id: first, startedAt: "2024-01-02T03:04:05Z", finishedAt: "2024-01-02T03:04:09Z",
                        commandLine: "lakemake build", counts: counts, exitStatus: 1),
        ])
        XCTAssertEqual(try catalog.builds(limit: 1).map(\.id), [second])
    }

    func testTargetsMustReferToARecordedBuild() throws {
        let (catalog, _) = try openCatalog()
        XCTAssertThrowsError(try catalog.recordTarget(S.target("p.parquet", inputs: [], build: 99)))
    }
}
