// A project with the repository's rules and reference data (stores, airports, airlines,
// aircraft, coastlines) and a small generated sample of both pipelines, built once and shared
// by the report tests: 15 days of sales from 11 stores, and three days of flights, so the
// flight report of the last day has a 7-day trend with earlier days in it.

import Foundation
import XCTest

enum ReportsLake {
    static let salesDate = "2025-11-27"
    static let flightDates = ["2025-09-16", "2025-09-17", "2025-09-18"]
    static var flightDate: String { flightDates[flightDates.count - 1] }

    nonisolated(unsafe) static var builtLake: TemporaryLake?

    static func built() throws -> TemporaryLake {
        if let lake = builtLake { return lake }
        let lake = try TemporaryLake(rules: nil)
        let fm = FileManager.default
        let repository = FlightsLake.repository
        try fm.createDirectory(atPath: lake.lake + "/raw", withIntermediateDirectories: true)
        try fm.copyItem(atPath: repository + "/lake/reference", toPath: lake.lake + "/reference")
        try fm.copyItem(atPath: repository + "/rules", toPath: lake.root + "/rules")
        let sales = try lake.run("gen", "sales", "--stores", "11", "--days", "15", "--end", salesDate, "--seed", "42")
        XCTAssertEqual(sales.status, 0, sales.stderr)
        for (i, date) in flightDates.enumerated() {
            let gen = try lake.run("gen", "flights", "--date", date, "--hours", "2", "--aircraft", "\(60 + 20 * i)",
                                   "--interval", "900", "--seed", "\(7 + i)")
            XCTAssertEqual(gen.status, 0, gen.stderr)
        }
        let build = try lake.run("build")
        XCTAssertEqual(build.status, 0, build.stderr + build.stdout)
        builtLake = lake
        return lake
    }

    static var flightReport: String { "reports/flights/daily/date=\(flightDate)/report.html" }
    static var salesReport: String { "reports/sales/daily/date=\(salesDate)/report.html" }

    /// A JSON document of the lake, read with Foundation (not with the code under test).
    static func json(_ lake: TemporaryLake, _ path: String) throws -> [String: Any] {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: lake.lake + "/" + path), "missing \(path)")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], path)
    }
}
