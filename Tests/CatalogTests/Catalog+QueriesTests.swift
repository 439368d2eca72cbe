import XCTest
@testable import Catalog

final class CatalogQueriesTests: XCTestCase {
    private typealias S = SampleRecords

    func testTargetProducingFindsPrimaryAndSecondaryOutputs() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        let target = S.target("reports/d/report.txt", inputs: ["metrics/m.json", "raw/r.json"], build: build,
                              extra: ["reports/d/report.html"])
        try catalog.recordTarget(target)
        XCTAssertEqual(try catalog.target(producing: "reports/d/report.txt"), target)
        XCTAssertEqual(try catalog.target(producing: "reports/d/report.html"), target)
        XCTAssertNil(try catalog.target(producing: "raw/r.json"))
    }

    /// What `verify` re-hashes: every output of the targets recorded as built, with the
    /// content recorded, and nothing of a rejected or failed target.
    func testBuiltOutputsAreTheOutputsOfBuiltTargetsOnly() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        var rejected = S.target("metrics/r.json", inputs: ["raw/r.json"], build: build)
        rejected.state = .rejected
        rejected.error = "bad row"
        var failed = S.target("metrics/f.json", inputs: ["raw/f.json"], build: build)
        failed.state = .failed
        failed.error = "exit 1"
        let built = S.target("reports/d/report.txt", inputs: ["metrics/m.json"], build: build, extra: ["reports/d/report.html"])
        try catalog.recordTargets([rejected, built, failed, S.target("metrics/m.json", inputs: ["raw/m.json"], build: build)])
        let outputs = try catalog.builtOutputs().sorted { $0.path < $1.path }
        XCTAssertEqual(outputs.map(\.path), ["metrics/m.json", "reports/d/report.html", "reports/d/report.txt"])
        XCTAssertEqual(Set(outputs.map(\.content)), [FileContent(sha256: S.hashD, size: 4096)])
    }

    func testTargetsConsumingIsDownstreamLineageSortedByOutput() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let build = try catalog.beginBuild(commandLine: "b", startedAt: "t")
        try catalog.recordTargets([
            S.target("metrics/z.json", inputs: ["raw/a.json"], build: build),
            S.target("metrics/b.json", inputs: ["raw/x.json", "raw/a.json"], build: build),
            S.target("metrics/c.json", inputs: ["raw/x.json"], build: build),
        ])
        XCTAssertEqual(try catalog.targets(consuming: "raw/a.json").map(\.primaryOutput),
                       ["metrics/b.json", "metrics/z.json"])
        XCTAssertEqual(try catalog.targets(consuming: "raw/nothing.json"), [])
    }

    func testTargetAsOfBuildReturnsTheVersionThenCurrent() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let build1 = try catalog.beginBuild(commandLine: "b", startedAt: "t1")
        let old = S.target("reports/r.txt", inputs: ["raw/a.json"], key: S.hashA, build: build1,
                           extra: ["reports/r.html"])
        try catalog.recordTarget(old)
        let build2 = try catalog.beginBuild(commandLine: "b", startedAt: "t2")  // did not touch it
        let build3 = try catalog.beginBuild(commandLine: "b", startedAt: "t3")
        let new = S.target("reports/r.txt", inputs: ["raw/a.json", "raw/b.json"], key: S.hashB, build: build3,
                           extra: ["reports/r.html"])
        try catalog.recordTarget(new)

        XCTAssertEqual(try catalog.target(producing: "reports/r.txt", asOfBuild: build1), old)
        XCTAssertEqual(try catalog.target(producing: "reports/r.txt", asOfBuild: build2), old)
        XCTAssertEqual(try catalog.target(producing: "reports/r.txt", asOfBuild: build3), new)
        XCTAssertEqual(try catalog.target(producing: "reports/r.html", asOfBuild: build2), old)
        XCTAssertNil(try catalog.target(producing: "reports/r.txt", asOfBuild: build1 - 1))

        let build4 = try catalog.beginBuild(commandLine: "b", startedAt: "t4")
        try catalog.removeTargets(primaryOutputs: ["reports/r.txt"], buildID: build4)
        XCTAssertNil(try catalog.target(producing: "reports/r.txt", asOfBuild: build4))
        XCTAssertEqual(try catalog.target(producing: "reports/r.txt", asOfBuild: build3), new)
    }

    func testFilesByPrefixNewestFirstThenByPath() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        try catalog.recordFiles([S.rawFile("raw/sales/b.json"), S.rawFile("raw/sales/a.json")], buildID: 1)
        try catalog.recordFiles([S.rawFile("raw/sales/c.json"), S.rawFile("raw/flights/x.json")], buildID: 2)
        try catalog.recordFiles([S.rawFile("raw/sales_old/z.json")], buildID: 3)
        XCTAssertEqual(try catalog.files(prefix: "raw/sales/").map(\.path),
                       ["raw/sales/c.json", "raw/sales/a.json", "raw/sales/b.json"])
        XCTAssertEqual(try catalog.files(prefix: "").map(\.path), [
            "raw/sales_old/z.json", "raw/flights/x.json", "raw/sales/c.json", "raw/sales/a.json", "raw/sales/b.json",
        ])
        XCTAssertEqual(try catalog.files(prefix: "raw/sales%").map(\.path), [])
    }
}
