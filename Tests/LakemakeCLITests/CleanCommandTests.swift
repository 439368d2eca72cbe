import Foundation
import XCTest

final class CleanCommandTests: XCTestCase {
    func testRemovesOnlyRecordedOutputsUnderThePrefix() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")
        try lake.write("processed/a/notes.txt", "mine")     // not written by lakemake

        let preview = try lake.run("clean", "processed/", "-n")
        XCTAssertEqual(preview.lines, ["would remove  processed/a/one.txt", "would remove  processed/a/two.txt",
                                       "would remove 2 files of 2 targets"])
        XCTAssertTrue(lake.exists("processed/a/one.txt"))

        let result = try lake.run("clean", "processed/")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(lake.exists("processed/a/one.txt"))
        XCTAssertFalse(lake.exists("processed/a/two.txt"))
        XCTAssertEqual(lake.read("processed/a/notes.txt"), "mine")
        XCTAssertTrue(lake.exists("reports/all.txt"))
        XCTAssertEqual(lake.read("raw/a/one.txt"), "hello\n")

        // The catalog forgot them: the next build makes them again.
        let rebuild = try lake.run("build")
        XCTAssertTrue(rebuild.lines.contains("  built      processed/a/one.txt — new target"), rebuild.stdout)
        XCTAssertEqual(lake.read("processed/a/one.txt"), "hello\n")
    }

    func testCleanEverythingKeepsAnOutputEditedByHand() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try lake.write("reports/all.txt", "edited by hand\n")
        let result = try lake.run("clean")
        XCTAssertEqual(result.lines, ["removed  processed/a/one.txt", "kept     reports/all.txt: changed outside lakemake",
                                      "removed 1 file of 2 targets"])
        XCTAssertEqual(lake.read("reports/all.txt"), "edited by hand\n")
        XCTAssertFalse(lake.exists("processed/a"), "an emptied output folder is removed too")
        XCTAssertEqual(try lake.run("files", "--status", "derived").lines.filter { !$0.hasPrefix("rejected/") }, [])
        XCTAssertTrue(try lake.run("status").lines.contains("  reports/all.txt"), "the kept file is now an unknown file")
    }
}
