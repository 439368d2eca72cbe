import Foundation
import XCTest

final class VerifyCommandTests: XCTestCase {
    func testIntactLakeVerifiesAndAByteChangedOutsideIsDamage() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        let clean = try lake.run("verify")
        XCTAssertEqual(clean.status, 0, clean.stdout)
        XCTAssertEqual(clean.lines, ["verified 2 outputs: all intact"])

        try lake.write("processed/a/one.txt", "jello\n")   // same size, one byte differs
        let damaged = try lake.run("verify")
        XCTAssertEqual(damaged.status, 1)
        let now = String(try Lakemake.sha256sum(lake.lake + "/processed/a/one.txt").prefix(12))
        XCTAssertEqual(damaged.lines, [
            "damaged  processed/a/one.txt: recorded 5891b5b522d5 (6 bytes), now \(now) (6 bytes)",
            "verified 2 outputs: 1 damaged",
        ])
    }

    func testMissingOutputIsDamage() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try FileManager.default.removeItem(atPath: lake.lake + "/reports/all.txt")
        let result = try lake.run("verify", "--json")
        XCTAssertEqual(result.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let damaged = try XCTUnwrap(object["damaged"] as? [[String: Any]])
        XCTAssertEqual(damaged.map { $0["path"] as? String }, ["reports/all.txt"])
        XCTAssertTrue(damaged.first?["found_sha256"] is NSNull)
    }

    func testChangedRawFileIsNotDamage() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.run("build")
        try lake.write("raw/a/one.txt", "a new upload\n")
        let result = try lake.run("verify")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.lines, [
            "changed since the last build (not damage): raw/a/one.txt",
            "verified 2 outputs: all intact",
        ])
    }
}
