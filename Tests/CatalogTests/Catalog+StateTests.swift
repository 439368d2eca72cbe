import XCTest
@testable import Catalog

final class CatalogStateTests: XCTestCase {
    private typealias S = SampleRecords

    func testFilesAndTargetsRoundTripWithInputOrderPreserved() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let build = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "2024-01-02T00:00:00Z")
        let files = [S.rawFile("raw/b.json", build: build), S.rawFile("raw/a.json", sha256: S.hashB, build: build)]
        try catalog.recordFiles(files, buildID: build)
        // Inputs deliberately out of alphabetical order: line-then-member order must survive.
        let first = S.target("processed/x.parquet", inputs: ["raw/z.json", "raw/a.json", "raw/m.json"], build: build,
                             extra: ["processed/x.manifest.json"])
        let second = S.target("metrics/y.json", inputs: ["processed/x.parquet"], build: build)
        var rejected = S.target("processed/bad.parquet", inputs: ["raw/bad.json"], build: build)
        rejected.state = .rejected
        rejected.error = #"{"path":"$.items[3].price","message":"not a number"}"#
        rejected.outputs = []
        try catalog.recordTargets([first, second, rejected])

        let state = try catalog.loadState()
        XCTAssertEqual(state.files, ["raw/a.json": files[1], "raw/b.json": files[0]])
        XCTAssertEqual(state.targets, [first, second, rejected])
        XCTAssertEqual(state.targets[0].inputs.map(\.path), ["raw/z.json", "raw/a.json", "raw/m.json"])
        XCTAssertEqual(state.targetIndexByOutput, [
            "processed/x.parquet": 0, "processed/x.manifest.json": 0, "metrics/y.json": 1,
            "processed/bad.parquet": 2,
        ])
        XCTAssertEqual(state.target(producing: "processed/x.manifest.json")?.primaryOutput, "processed/x.parquet")
    }

    func testUnsignedDeviceAndInodeSurviveTheInt64Columns() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        var file = S.rawFile("raw/a.json")
        file.device = UInt64.max
        file.inode = 0x8000_0000_0000_0001
        try catalog.recordFiles([file], buildID: 1)
        let loaded = try catalog.loadState().files["raw/a.json"]
        XCTAssertEqual(loaded?.device, UInt64.max)
        XCTAssertEqual(loaded?.inode, 0x8000_0000_0000_0001)
    }

    /// Paths, files, targets, outputs and inputs: one whole-table statement each.
    func testLoadStateUsesAtMostFiveStatementsWhateverTheSize() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let build = try catalog.beginBuild(commandLine: "lakemake build", startedAt: "t")
        try catalog.recordFiles((0..<300).map { S.rawFile("raw/f\($0).json", build: build) }, buildID: build)
        try catalog.recordTargets((0..<200).map {
            S.target("processed/t\($0).parquet", inputs: ["raw/f\($0).json", "raw/f\($0 + 1).json"], build: build)
        })
        let before = catalog.statementCount
        let state = try catalog.loadState()
        XCTAssertLessThanOrEqual(catalog.statementCount - before, 5)
        XCTAssertEqual(state.files.count, 300)
        XCTAssertEqual(state.targets.count, 200)
        XCTAssertEqual(state.targets[199].inputs.map(\.path), ["raw/f199.json", "raw/f200.json"])
    }

    func testUnknownStateValueIsReportedNotGuessed() throws {
        let directory = try TemporaryDirectory(self)
        let path = directory.file("catalog.db")
        let catalog = try Catalog.open(path: path)
        try catalog.recordFiles([S.rawFile("raw/a.json")], buildID: 1)
        let db = try SQLite.Connection(path: path, mode: .readWrite)
        try db.execute("PRAGMA ignore_check_constraints = ON; UPDATE file_rows SET kind = 'mystery'")
        XCTAssertThrowsError(try catalog.loadState()) { error in
            XCTAssertEqual(error as? CatalogError, .unexpectedValue(table: "files", column: "kind", value: "mystery"))
        }
    }
}
