// The typed reads of docs/partitions.md must do what the page says: every block marked
// `query=…` (DuckDB SQL, and Python for DuckDB, pyarrow, polars and PySpark) is run by
// scripts/partition_doc_queries.py against a lake lakemake built from the generated samples.
// Every reader must return the same rows with the same types (the store id a string, money a
// decimal, the hour an integer), equal to the table the page shows and to what plain Python
// computes from the raw uploads (store totals) or what the QuickSight export says (flight hours).

import Foundation
import TestSupport
import XCTest

final class PartitionDocQueriesTests: XCTestCase {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("scripts/partition_doc_queries.py").path

    struct Output: Decodable {
        struct Result: Decodable {
            var query: String
            var line: Int
            var reader: String
            var rows: [[String]]?
            var types: [String]?
            var error: String?
            var seconds: Double
        }

        var unavailable: String?
        var results: [Result]?
        var shown: [String: [[String]]]?
        var expected: [String: [[String]]]?
        var uploads: [String]?
        var versions: [String: String]?
    }

    func testEveryReaderOfThePartitionDocReturnsTheSameTypedRows() throws {
        let python = try InteropPython.path(for: "the partition-typing examples (DuckDB, pyarrow, polars, PySpark)")
        let salesDay = "2025-11-27", flightsDay = "2025-09-18"

        // The README's samples for those days: store 0012 is not in stores.csv (the join drops
        // it), and hour 03 is outside the flight query's hours.
        let lake = try FlightsLake.make()
        defer { lake.remove() }
        let repository = FlightsLake.repository
        try FileManager.default.copyItem(atPath: repository + "/rules/sales.rules", toPath: lake.root + "/rules/sales.rules")
        try FileManager.default.copyItem(atPath: repository + "/lake/reference/stores.csv", toPath: lake.lake + "/reference/stores.csv")
        XCTAssertEqual(try lake.run("gen", "sales", "--stores", "12", "--days", "2", "--end", salesDay, "--seed", "42").status, 0)
        XCTAssertEqual(try lake.run("gen", "flights", "--date", flightsDay, "--hours", "4", "--seed", "7").status, 0)
        let build = try lake.run("build", "-q")
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertTrue(lake.exists("processed/sales/date=\(salesDay)/store_id=0012/data.parquet"))

        let output = try run(python, [Self.script, FlightsLake.repository + "/docs/partitions.md", lake.root, salesDay, flightsDay])
        if let why = output.unavailable { try InteropPython.unavailable(why) }
        let results = try XCTUnwrap(output.results)
        let expected = try XCTUnwrap(output.expected)
        let shown = try XCTUnwrap(output.shown)
        XCTAssertEqual(output.uploads?.count, 12, "the day's raw uploads were read")

        let types = ["store-totals": ["str,str,Decimal"], "flight-hours": ["int,int,int"]]
        let rowCounts = ["store-totals": 11, "flight-hours": 3]
        for (query, count) in rowCounts {
            let blocks = results.filter { $0.query == query }
            XCTAssertEqual(Set(blocks.map(\.reader)), ["duckdb", "pyarrow", "polars", "pyspark"], "every reader has a \(query) example")
            XCTAssertEqual(expected[query]?.count, count, "the expectation of \(query)")
            XCTAssertEqual(shown[query], expected[query], "the table docs/partitions.md shows for \(query)")
            for block in blocks {
                let place = "docs/partitions.md:\(block.line) (\(block.reader), \(query))"
                if let error = block.error {
                    XCTFail("\(place) failed:\n\(error)")
                    continue
                }
                XCTAssertEqual(block.rows, expected[query], place)
                XCTAssertEqual(block.types, types[query], "the column types of \(place)")
            }
        }
        XCTAssertEqual(Set(results.map(\.query)), Set(rowCounts.keys), "no block names an unknown query")
        let seconds = results.map(\.seconds).reduce(0, +)
        print("partition doc: \(results.count) examples in \(String(format: "%.1f", seconds)) s with \(output.versions ?? [:])")
    }

    struct ScriptFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the script and decodes its one JSON object; the readers' own logging (Spark's) is
    /// kept only for a failure message.
    private func run(_ python: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let result = try ProcessOutput.run(process)
        let data = result.stdout, errors = result.stderr
        guard result.status == 0, let output = try? JSONDecoder().decode(Output.self, from: data) else {
            let message = "partition_doc_queries.py exited with \(result.status): "
                + String(decoding: errors.suffix(2000), as: UTF8.self)
            XCTFail(message)
            throw ScriptFailure(description: message)
        }
        return output
    }
}
