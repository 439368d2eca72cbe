// The flight corpus: snapshots rejected whole, names no rule accepts, links out of the lake, and
// one readable snapshot of hostile rows, all on 2025-09-19 next to a clean hour of 2025-09-18.

import Foundation
import LakeFormats
import XCTest

extension HostileInputTests {
    /// One generated hour of 2025-09-18 with the repository's flight rules, not built.
    static func flightsSample() throws -> TemporaryLake {
        let lake = try FlightsLake.make()
        let gen = try lake.run("gen", "flights", "--date", "2025-09-18", "--hours", "1", "--aircraft", "20", "--interval", "1200", "--seed", "7")
        XCTAssertEqual(gen.status, 0, gen.stderr)
        return lake
    }

    func testFlightsCorpus() throws {
        let rowsFile = HostileInput.flightHour + "flight_data_20250919_030003.json"
        let rows = HostileInput("a snapshot of hostile rows", path: rowsFile,
                                text: HostileInput.flightSnapshot(HostileInput.flightRows.map(\.row)), .readable)
        let corpus = HostileInput.flights + [rows]
        XCTAssertEqual(Set(corpus.map(\.path)).count, corpus.count, "one file per case")
        XCTAssertGreaterThanOrEqual(corpus.count + HostileInput.flightRows.count, 60)
        let wholeFile = HostileInput.flights.filter { $0.path.hasPrefix(HostileInput.flightHour) && !$0.path.dropFirst(HostileInput.flightHour.count).contains("/") }
        // The day the corpus names, and the QuickSight manifests that list every day.
        let isNewOutput = { (path: String) in path.contains("2025-09-19") || path.hasSuffix("/manifest.json") }
        try check(corpus, sample: Self.flightsSample, isNewOutput: isNewOutput) { lake in
            // The hour counts every snapshot rejected whole, and balances its rows.
            let metrics = try JSONValue.parse(Array(try XCTUnwrap(lake.read("metrics/flights/hourly/date=2025-09-19/hour=03.json")).utf8))
            XCTAssertEqual(metrics["snapshots"].flatMap(Self.int), 1)
            XCTAssertEqual(metrics["rejected_files"].flatMap(Self.int), wholeFile.filter { if case .rejected = $0.expected { return true } else { return false } }.count)
            XCTAssertEqual(metrics["rows_read"].flatMap(Self.int), HostileInput.flightRows.count)
            XCTAssertEqual(metrics["kept"].flatMap(Self.int), 1)
            XCTAssertEqual(metrics["rejected"].flatMap(Self.int), HostileInput.flightRows.count - 1)
            XCTAssertEqual(metrics["balanced"], .bool(true))

            // Each hostile row is in the rejected-rows table with every reason that applies.
            let table = try lake.run("parquet", "cat", lake.lake + "/processed/flights_rejected/date=2025-09-19/hour=03/data.parquet")
            XCTAssertEqual(table.status, 0, table.stderr)
            var got: [Int: String] = [:]
            for line in table.stdout.split(separator: "\n") {
                let row = try JSONValue.parse(Array(line.utf8))
                XCTAssertEqual(row["source_file"], .string(rowsFile))
                if let index = row["row_index"].flatMap(Self.int), let reasons = row["reasons"].flatMap(Self.string) { got[index] = reasons }
            }
            for (index, expected) in HostileInput.flightRows.enumerated() where !expected.reasons.isEmpty {
                XCTAssertEqual(got[index], expected.reasons, "row \(index): \(expected.row.prefix(60))")
            }
            XCTAssertEqual(got.count, HostileInput.flightRows.count - 1)
        }
    }
}
