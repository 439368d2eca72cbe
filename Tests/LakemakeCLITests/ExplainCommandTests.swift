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
