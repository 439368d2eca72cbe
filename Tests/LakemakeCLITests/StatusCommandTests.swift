import Foundation
import XCTest

final class StatusCommandTests: XCTestCase {
    func testRawChangeNewFileUnknownFileAndStaleTargetsAreListed() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(try lake.run("status").stdout, "everything is up to date\n")

        try lake.write("raw/a/one.txt", "hello, world\n")
        try lake.write("raw/a/two.txt", "second\n")
        try lake.write("raw/b/stray.bin", "?")
        try lake.write("reports/mine.txt", "not lakemake's")
        let result = try lake.run("status")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [
            "changed inputs (3):",
            "  changed   raw/a/one.txt",
            "  new       raw/a/two.txt",
            "  new       raw/b/stray.bin",
            "unmatched raw files (1):",
            "  raw/b/stray.bin: no rule accepts it (expected raw/a/{name}.txt)",
            "stale targets (3):",
            "  processed/a/one.txt — input changed: raw/a/one.txt",
            "  processed/a/two.txt — new target",
            "  reports/all.txt — input added: processed/a/two.txt",
            "unknown files in output folders (1), never deleted by lakemake:",
            "  reports/mine.txt",
        ])
    }

    /// A new file no rule accepts reaches no target: the dry run plans nothing, yet the file is
    /// a changed input (status once took "nothing planned" for "nothing changed").
    func testANewFileNoRuleAcceptsIsAChangedInputToo() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        try lake.write("raw/b/stray.bin", "?")
        XCTAssertEqual(try lake.run("status").lines, [
            "changed inputs (1):",
            "  new       raw/b/stray.bin",
            "unmatched raw files (1):",
            "  raw/b/stray.bin: no rule accepts it (expected raw/a/{name}.txt)",
        ])
    }

    func testJSONGivesOldAndNewHashesOfAChangedFile() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try lake.write("raw/a/one.txt", "hello, world\n")
        let result = try lake.run("status", "--json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let changes = try XCTUnwrap(object["changed_inputs"] as? [[String: Any]])
        XCTAssertEqual(changes.count, 1)
        // sha256sum of "hello\n" and of the file as it is now.
        XCTAssertEqual(changes.first?["old_sha256"] as? String, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        XCTAssertEqual(changes.first?["new_sha256"] as? String, try Lakemake.sha256sum(lake.lake + "/raw/a/one.txt"))
        XCTAssertEqual(changes.first?["old_size"] as? Int, 6)
        XCTAssertEqual(changes.first?["new_size"] as? Int, 13)
    }

    func testFailedTargetStandsAndExitsOne() throws {
        let lake = try TemporaryLake(rules: """
            rule broken
              in   raw/a/{name}.txt
              out  processed/a/{name}.txt
              run  sh echo nope >&2; exit 3

            """)
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        XCTAssertEqual(try lake.run("build").status, 1)
        let result = try lake.run("status")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.lines.contains("failed targets (1):"), result.stdout)
        XCTAssertTrue(result.lines.contains("  processed/a/one.txt (rule broken, build 1): command exited with status 3: nope"), result.stdout)
        XCTAssertFalse(result.stdout.contains("standing rejections"), "a failure is not a rejection: " + result.stdout)
    }

    func testNoCatalogIsNoErrorButSaidOnce() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        let result = try lake.run("status")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "lakemake: this lake has not been built yet (no catalog); run 'lakemake build' to build it\n")
        XCTAssertEqual(result.lines, ["everything is up to date"], "no raw file, nothing stale")
    }
}
