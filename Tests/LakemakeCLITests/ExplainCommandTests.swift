import Catalog
import Foundation
import XCTest

final class ExplainCommandTests: XCTestCase {
    func testChangedInputShowsOldAndNewHashAndSize() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try lake.write("raw/a/one.txt", "hello, world\n")
        let newHash = try Lakemake.sha256sum(lake.lake + "/raw/a/one.txt")
        let result = try lake.run("explain", "processed/a/one.txt")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(Array(result.lines.prefix(5)), [
            "processed/a/one.txt (rule copy_a)",
            "would be rebuilt now:",
            "  input raw/a/one.txt changed:",
            "    was 5891b5b522d5 (6 bytes)",
            "    now \(newHash.prefix(12)) (13 bytes)",
        ])
    }

    func testHistoryShowsWhatDifferedBetweenTheLastTwoVersions() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")
        let result = try lake.run("explain", "lake/reports/all.txt")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.lines.contains("up to date"), result.stdout)
        XCTAssertTrue(result.lines.contains { $0.hasPrefix("last recorded: build 2, built, key ") }, result.stdout)
        XCTAssertTrue(result.lines.contains { $0.hasPrefix("previous:      build 1, built, key ") }, result.stdout)
        // sha256sum of "two\n" is 27dd8ed44a83ff94d557f9fd0412ed5a8cbca69ea04922d88c01184a07300a5a.
        XCTAssertEqual(result.lines.last, "  input appeared: processed/a/two.txt 27dd8ed44a83 (4 bytes)")
    }

    func testMemberVanishedIsNamedInJSON() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/a/two.txt")
        let result = try lake.run("explain", "reports/all.txt", "--json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["stale"] as? Bool, true)
        XCTAssertEqual(object["reason"] as? String, "input_removed")
        XCTAssertEqual(object["details"] as? [String], ["input removed: processed/a/two.txt"])
    }

    /// `explain` is answered from the stored plan, visiting the target asked about, or, with
    /// the stored plan gone, planned in full: both must say the same, to the byte, of targets
    /// of every rule, of a target behind a rejected upload, of outputs of a removed target and
    /// of an unknown path, for the lake as built and with new, changed and deleted files.
    func testExplainFromTheStoredPlanIsExplainPlannedInFull() throws {
        let lake = try StatusCommandTests.makeLakeWithBadFiles(sales: true)
        defer { lake.remove() }
        _ = try lake.run("build")
        let outputs = try FileManager.default.subpathsOfDirectory(atPath: lake.lake)
            .filter { path in
                var folder: ObjCBool = false
                return ["processed/", "metrics/", "reports/", "rejected/"].contains(where: path.hasPrefix)
                    && FileManager.default.fileExists(atPath: lake.lake + "/" + path, isDirectory: &folder) && !folder.boolValue
            }
            .sorted()
        XCTAssertGreaterThan(outputs.count, 20)
        // Every third output, and each of the last run's kinds of answer.
        let asked = outputs.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
            + ["processed/sales/date=2025-11-27/store_id=0002/data.parquet", "metrics/sales/company/date=2025-11-27.json",
               "reports/sales/daily/date=2025-11-27/report.html", "processed/nothing.txt"]

        func explanations() throws -> [String] {
            try asked.flatMap { path in
                try [lake.run("explain", path), lake.run("explain", path, "--json")].map { "\($0.status) \($0.stdout)\($0.stderr)" }
            }
        }
        func assertSameInFull(_ fromPlan: [String], file: StaticString = #filePath, line: UInt = #line) throws {
            try Catalog.open(path: lake.lake + "/.lakemake/catalog.db").clearStoredPlan()
            let planned = try explanations()
            for (k, (a, b)) in zip(fromPlan, planned).enumerated() { XCTAssertEqual(a, b, asked[k / 2], file: file, line: line) }
            _ = try lake.run("build")
        }

        let asBuilt = try explanations()
        XCTAssertTrue(asBuilt.contains { $0.contains("up to date") }, asBuilt.joined())
        try assertSameInFull(asBuilt)

        try StatusCommandTests.changeLakeWithBadFiles(lake)
        let changed = try explanations()
        XCTAssertTrue(changed.contains { $0.contains("would be rebuilt now:") }, changed.joined())
        XCTAssertTrue(changed.contains { $0.contains("no rule plans it any more") }, changed.joined())
        XCTAssertTrue(changed.contains { $0.hasPrefix("2 ") }, "the unknown path")
        try assertSameInFull(changed)
    }

    func testUnknownPathExitsTwo() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        let result = try lake.run("explain", "processed/a/nothing.txt")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr.split(separator: "\n").first, "lakemake: error: processed/a/nothing.txt: lakemake knows nothing about this path")
    }
}
