// The example queries of docs/catalog.md must answer on the demo lake: each SQL statement of
// the document is run with SQLite on a smaller lake of the same sample (the demo's seed and
// date range, fewer stores and days, the same late upload and bad files) and must return rows.

import Foundation
import TestSupport
import XCTest

final class CatalogDocExamplesTests: XCTestCase {
    /// The statements of every ```sql block, in document order.
    static func statements(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```sql") { current = [] } else if line.hasPrefix("```"), let lines = current {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(String(line))
            }
        }
        return blocks.flatMap { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
            .filter { !$0.isEmpty }
    }

    func testEveryExampleQueryReturnsRowsOnTheSampleLake() throws {
        let python = try InteropPython.path(for: "SQLite queries from Python")
        let repository = FlightsLake.repository
        let doc = try String(contentsOfFile: repository + "/docs/catalog.md", encoding: .utf8)
        let queries = Self.statements(in: doc)
        XCTAssertGreaterThanOrEqual(queries.count, 8, "the examples were found")

        let lake = try TemporaryLake(rules: "")
        defer { lake.remove() }
        try FileManager.default.removeItem(atPath: lake.root + "/rules/test.rules")
        for file in ["sales.rules", "quicksight.rules"] {
            try FileManager.default.copyItem(atPath: repository + "/rules/" + file, toPath: lake.root + "/rules/" + file)
        }
        try FileManager.default.createDirectory(atPath: lake.lake + "/reference", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository + "/lake/reference/stores.csv", toPath: lake.lake + "/reference/stores.csv")
        XCTAssertEqual(try lake.run("gen", "sales", "--stores", "4", "--days", "14", "--end", "2025-11-27", "--seed", "42", "--bad", "2").status, 0)
        let late = "store_0004_2025-11-15.json"
        try FileManager.default.moveItem(atPath: lake.lake + "/raw/sales/" + late, toPath: lake.root + "/" + late)
        XCTAssertEqual(try lake.run("build", "-q").status, 1, "the bad files are rejected")
        XCTAssertEqual(try lake.run("ingest", lake.root + "/" + late).status, 0)
        XCTAssertEqual(try lake.run("build", "-q").status, 0)

        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(len(db.execute(sys.stdin.read()).fetchall()))
            """
        for query in queries {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", script, lake.lake + "/.lakemake/catalog.db"]
            let input = Pipe(), output = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            input.fileHandleForWriting.write(Data(query.utf8))
            try input.fileHandleForWriting.close()
            let rows = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(query)\n\(problem)")
            XCTAssertGreaterThan(Int(rows.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 0, "no rows for:\n\(query)")
        }
    }
}
