import Foundation
import XCTest

final class LogCommandTests: XCTestCase {
    func testCountsPerBuildNewestFirst() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")                       // 3 targets new
        try lake.write("raw/a/one.txt", "changed\n")
        try lake.run("build")                       // one copy and the report
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/a/two.txt")
        try lake.run("build")                       // the report; the copy of two.txt removed
        let result = try lake.run("log", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let builds = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(builds.map { $0["id"] as? Int }, [3, 2, 1])
        XCTAssertEqual(builds.map { $0["built"] as? Int }, [1, 2, 3])
        XCTAssertEqual(builds.map { $0["removed"] as? Int }, [1, 0, 0])
        XCTAssertEqual(builds.map { $0["failed"] as? Int }, [0, 0, 0])
        XCTAssertEqual(builds.map { $0["exit_status"] as? Int }, [0, 0, 0])
        for b in builds { XCTAssertGreaterThanOrEqual(b["duration_ms"] as? Int ?? -1, 0) }

        let text = try lake.run("log", "-n", "1")
        XCTAssertEqual(text.lines.count, 1)
        XCTAssertTrue(text.lines[0].hasPrefix("build 3  "), text.stdout)
        XCTAssertTrue(text.lines[0].hasSuffix("  1 built, 0 unchanged, 0 rejected, 0 failed, 1 removed  exit 0"), text.stdout)
    }

    func testFailedBuildIsCountedWithItsExitStatus() throws {
        let lake = try TemporaryLake(rules: """
            rule broken
              in   raw/a/{name}.txt
              out  processed/a/{name}.txt
              run  sh exit 4

            """)
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "x")
        try lake.write("raw/a/two.txt", "y")
        XCTAssertEqual(try lake.run("build").status, 1)
        let text = try lake.run("log")
        XCTAssertTrue(text.lines.first?.hasSuffix("0 built, 0 unchanged, 0 rejected, 2 failed, 0 removed  exit 1") ?? false, text.stdout)
    }
}
