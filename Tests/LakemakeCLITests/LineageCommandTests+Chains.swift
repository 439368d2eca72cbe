// Lineage is a graph with shared nodes: a 20-level chain of 7-day windows reaches each day
// along thousands of paths (7^20 as a tree). Each file must be expanded once, later
// occurrences being back-references, so the answer comes at once and stays small.

import Foundation
import XCTest

final class LineageChainTests: XCTestCase {
    func testAChainOfWindowsIsWalkedAsAGraphNotATree() throws {
        let levels = 20, days = 14
        var rules = """
            rule l0
              in   raw/d/{date:date}.txt
              out  processed/l0/{date}.txt
              run  copy

            """
        for k in 1..<levels {
            rules += """
                rule l\(k)
                  in   processed/l\(k - 1)/{date:date}.txt
                  in   processed/l\(k - 1)/{date-6d..date-1d}.txt
                  out  processed/l\(k)/{date}.txt
                  run  copy

                """
        }
        let lake = try TemporaryLake(rules: rules)
        defer { lake.remove() }
        for d in 1...days { try lake.write(String(format: "raw/d/2025-01-%02d.txt", d), "day \(d)\n") }
        XCTAssertEqual(try lake.run("build").status, 0)

        let root = String(format: "processed/l%d/2025-01-%02d.txt", levels - 1, days)
        for format in ["tree", "json", "dot"] {
            let process = try Lakemake.process(["lineage", root, "--format", format], in: lake.root)
            let outputFile = lake.root + "/lineage.\(format)"
            XCTAssertTrue(FileManager.default.createFile(atPath: outputFile, contents: nil))
            process.standardOutput = FileHandle(forWritingAtPath: outputFile)
            try process.run()
            // A tree walk would not end: wait for the process with a deadline, then stop it and fail.
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                XCTFail("lineage --format \(format) did not finish within 60 s")
                continue
            }
            process.waitUntilExit()
            let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
            XCTAssertEqual(process.terminationStatus, 0, format)
            // Every raw day is reached, and each of the 20 × 14 files is expanded once.
            for d in 1...days { XCTAssertTrue(text.contains(String(format: "raw/d/2025-01-%02d.txt", d)), "\(format): day \(d)") }
            // Entries: lines of the tree and DOT, "path" keys of the JSON; as a tree it would be 7^19.
            let entries = format == "json" ? text.components(separatedBy: "\"path\"").count - 1 : text.split(separator: "\n").count
            XCTAssertLessThan(entries, levels * days * 8, "\(format): \(entries) entries")
            if format == "tree" { XCTAssertTrue(text.contains("(shown above)"), String(text.prefix(500))) }
            if format == "json" { XCTAssertTrue(text.contains("\"shown_above\": true") || text.contains("\"shown_above\":true"), String(text.prefix(300))) }
        }
        // Downstream from the first day reaches the last level once per file too.
        let down = try lake.run("lineage", "raw/d/2025-01-01.txt", "--down")
        XCTAssertEqual(down.status, 0)
        XCTAssertTrue(down.stdout.contains(String(format: "processed/l%d/2025-01-07.txt", levels - 1)), String(down.stdout.prefix(300)))
        XCTAssertLessThan(down.lines.count, levels * days * 8)
    }
}
