// No phantom flight days, through the binary (flights.md §5): a day whose every snapshot was
// rejected, or whose only snapshot belongs to another day, gets no hourly, daily, report or
// QuickSight output and no manifest entry; fixing the files brings the day back. `flights
// query` without --date answers from the latest day that has rows.

import Foundation
import LakeFormats
import XCTest

final class FlightsPhantomDayCommandTests: XCTestCase {
    static let days = ["2025-09-19", "2025-09-20"]

    /// Every output a flight day has, for `day`.
    static func dayOutputs(_ day: String) -> [String] {
        [
            "processed/flights/date=\(day)/hour=00/data.parquet",
            "processed/flights_rejected/date=\(day)/hour=00/data.parquet",
            "metrics/flights/hourly/date=\(day)/hour=00.json",
            "metrics/flights/daily/date=\(day).json",
            "metrics/flights/density/date=\(day).json",
            "metrics/flights/routes/date=\(day).json",
            "reports/flights/daily/date=\(day)/report.txt",
            "reports/flights/daily/date=\(day)/report.html",
            "reports/quicksight/flights_daily/date=\(day).ndjson",
            "reports/quicksight/flights_routes/date=\(day).ndjson",
        ]
    }

    func query(_ lake: TemporaryLake, _ args: String...) throws -> (total: Int64, status: Int32) {
        let r = try Lakemake.run(["flights", "query"] + args, in: lake.root)
        guard r.status == 0 else { return (-1, r.status) }
        let v = try JSONValue.parse(Array(r.stdout.utf8))
        guard case .number(let n)? = v["total"], let total = n.int64() else {
            XCTFail("no total in \(r.stdout.prefix(200))")
            return (-1, r.status)
        }
        return (total, r.status)
    }

    func testRejectedAndMisplacedDaysHaveNoOutputsUntilFixed() throws {
        let lake = try FlightsLake.make()
        defer { lake.remove() }
        let gen = ["gen", "flights", "--hours", "1", "--aircraft", "20", "--interval", "1800", "--seed", "7"]
        XCTAssertEqual(try Lakemake.run(gen + ["--date", "2025-09-18"], in: lake.root).status, 0)
        let good = try XCTUnwrap(lake.read("raw/flights/date=2025-09-18/hour=00/flight_data_20250918_000003.json"))
        // 2025-09-19: its only snapshot is not JSON. 2025-09-20: its only snapshot is a copy of
        // one taken on 2025-09-18. 2025-09-21: a valid snapshot that saw no aircraft.
        try lake.write("raw/flights/date=2025-09-19/hour=00/flight_data_20250919_000003.json", "{not json")
        try lake.write("raw/flights/date=2025-09-20/hour=00/flight_data_20250920_000003.json", good)
        try lake.write("raw/flights/date=2025-09-21/hour=00/flight_data_20250921_000003.json", "{\"time\":1758412803,\"states\":[]}")

        let build = try lake.run("build")
        XCTAssertEqual(build.status, 1, build.stdout + build.stderr)
        for day in Self.days {
            for path in Self.dayOutputs(day) { XCTAssertFalse(lake.exists(path), "phantom output \(path)") }
        }
        for path in Self.dayOutputs("2025-09-18") { XCTAssertTrue(lake.exists(path), "\(path) missing") }
        XCTAssertTrue(lake.exists("rejected/flights/date=2025-09-19/hour=00/flight_data_20250919_000003.json.error.json"))
        let misplaced = lake.read("rejected/flights/date=2025-09-20/hour=00/flight_data_20250920_000003.json.error.json") ?? ""
        XCTAssertTrue(misplaced.contains("does not belong to date=2025-09-20/hour=00"), misplaced)
        let manifest = try XCTUnwrap(lake.read("reports/quicksight/flights_daily/manifest.json"))
        XCTAssertTrue(manifest.contains("date=2025-09-18.ndjson"))
        for day in Self.days { XCTAssertFalse(manifest.contains("date=\(day)"), "the manifest lists \(day)") }

        // The empty day exists but has no rows; the default day is the latest one with rows.
        XCTAssertEqual(try query(lake, "--date", "2025-09-21").total, 0)
        let the18th = try query(lake, "--date", "2025-09-18").total
        XCTAssertGreaterThan(the18th, 0)
        XCTAssertEqual(try query(lake).total, the18th)

        // A second build changes nothing: the rejections stand.
        XCTAssertEqual(try lake.run("build").status, 0)
        for path in Self.dayOutputs("2025-09-19") { XCTAssertFalse(lake.exists(path), "phantom output \(path)") }

        // Fixed: good snapshots of those days replace the bad and the misplaced one (same names).
        for day in Self.days { XCTAssertEqual(try Lakemake.run(gen + ["--date", day], in: lake.root).status, 0) }
        let fixed = try lake.run("build")
        XCTAssertEqual(fixed.status, 0, fixed.stdout + fixed.stderr)
        for day in Self.days {
            for path in Self.dayOutputs(day) { XCTAssertTrue(lake.exists(path), "\(path) missing after the fix") }
        }
        XCTAssertFalse(lake.exists("rejected/flights/date=2025-09-19/hour=00/flight_data_20250919_000003.json.error.json"))
        XCTAssertFalse(lake.exists("rejected/flights/date=2025-09-20/hour=00/flight_data_20250920_000003.json.error.json"))
        let manifestAfter = try XCTUnwrap(lake.read("reports/quicksight/flights_daily/manifest.json"))
        for day in Self.days { XCTAssertTrue(manifestAfter.contains("date=\(day).ndjson"), "the manifest lacks \(day)") }
        let the20th = try query(lake, "--date", "2025-09-20").total
        XCTAssertGreaterThan(the20th, 0)
        XCTAssertEqual(try query(lake).total, the20th, "the latest day with rows is now 2025-09-20")
    }
}
