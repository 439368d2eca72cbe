import Foundation
import XCTest

final class FilesCommandTests: XCTestCase {
    private func makeLake() throws -> TemporaryLake {
        let lake = try TemporaryLake()
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")
        return lake
    }

    func testNewestBuildFirstThenPathOrder() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let result = try lake.run("files")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines.map { String($0.prefix { $0 != " " }) }, [
            "processed/a/two.txt", "raw/a/two.txt", "reports/all.txt",   // written or seen in build 2
            "processed/a/one.txt", "raw/a/one.txt",                       // build 1 only
        ])
        XCTAssertEqual(result.lines[1], "raw/a/two.txt  raw  4 bytes  27dd8ed44a83  build 2")
    }

    func testPrefixAndStatusFilters() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let derived = try lake.run("files", "--status", "derived", "--json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(derived.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["files"] as? [[String: Any]])
        XCTAssertEqual(object["count"] as? Int, 3)
        XCTAssertEqual(rows.map { $0["path"] as? String }, ["processed/a/two.txt", "reports/all.txt", "processed/a/one.txt"])
        XCTAssertEqual(rows.first?["sha256"] as? String, "27dd8ed44a83ff94d557f9fd0412ed5a8cbca69ea04922d88c01184a07300a5a")
        XCTAssertEqual(rows.first?["status"] as? String, "derived")
        // modified is the file's mtime in UTC, as the system's own stat reports it.
        let attributes = try FileManager.default.attributesOfItem(atPath: lake.lake + "/processed/a/two.txt")
        let mtime = try XCTUnwrap(attributes[.modificationDate] as? Date)
        let formatter = ISO8601DateFormatter()
        XCTAssertEqual(rows.first?["modified"] as? String, formatter.string(from: mtime))
        let raw = try lake.run("files", "--status", "raw", "--prefix", "raw/a/o")
        XCTAssertEqual(raw.lines.map { String($0.prefix { $0 != " " }) }, ["raw/a/one.txt"])
        XCTAssertEqual(try lake.run("files", "--status", "rejected").lines, [])
        XCTAssertEqual(try lake.run("files", "--status", "nonsense").status, 2)
    }

    func testRejectedRawFilesCarryTheirFirstErrorAndPartitions() throws {
        let lake = try TemporaryLake(rules: """
            rule copy_a
              in   raw/a/date={date:date}/{name}.txt
              out  processed/a/date={date}/{name}.txt
              run  copy
            """)
        defer { lake.remove() }
        try lake.write("raw/a/date=2025-01-02/x.txt", "x\n")
        try lake.write("raw/a/stray.bin", "?\n")
        try lake.run("build")
        let r = try lake.run("files", "--json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["files"] as? [[String: Any]])
        let copy = try XCTUnwrap(rows.first { $0["path"] as? String == "processed/a/date=2025-01-02/x.txt" })
        XCTAssertEqual(copy["partitions"] as? [String: String], ["date": "2025-01-02"])
        let stray = try XCTUnwrap(rows.first { $0["path"] as? String == "raw/a/stray.bin" })
        XCTAssertEqual(stray["status"] as? String, "rejected")
        XCTAssertEqual(stray["error"] as? String, "no rule accepts this file")
        XCTAssertEqual(try lake.run("files", "--status", "rejected").lines.map { String($0.prefix { $0 != " " }) }, ["raw/a/stray.bin"])
    }
}
