import XCTest
import LakeBuild
@testable import Pipelines

final class FlightsDailyReportTests: XCTestCase {
    private let daily = """
        {"date": "2025-09-18", "snapshots": 2, "rows_read": 10, "kept": 7, "rejected": 2, "duplicates": 1,
         "rejected_by_reason": {"stale": 2, "null_island": 0}, "observations": 7, "unique_aircraft": 120,
         "hourly": [{"hour": 5, "observations": 4, "unique_aircraft": 3}, {"hour": 6, "observations": 3, "unique_aircraft": 2}],
         "top_airlines": [{"code": "DLH", "name": "Lufthansa", "aircraft": 2, "observations": 5}],
         "quality_grades": {"A": 6, "B": 1}, "mean_quality_score": 0.98}
        """
    private let routes = """
        {"tracks": 3, "tracks_with_both_ends": 1, "routes": [{"origin": "EDDF", "destination": "EGLL",
         "origin_name": "Frankfurt", "destination_name": "Heathrow <London>", "flights": 1, "percentage": 100.0}]}
        """
    private let density = """
        {"grid_size": 1.0, "cells": [{"lat_min": 50.0, "lat_max": 51.0, "lon_min": 8.0, "lon_max": 9.0, "aircraft": 2, "density": 2.56}]}
        """

    private func run(window: [String]) throws -> (String, String) {
        var files: [String: [UInt8]] = [
            "metrics/flights/daily/date=2025-09-18.json": Array(daily.utf8),
            "metrics/flights/density/date=2025-09-18.json": Array(density.utf8),
            "metrics/flights/routes/date=2025-09-18.json": Array(routes.utf8),
        ]
        var windowPaths: [String] = []
        for (i, w) in window.enumerated() {
            let path = "metrics/flights/daily/date=2025-09-1\(i).json"
            files[path] = Array(w.utf8)
            windowPaths.append(path)
        }
        let result = try FlightFixtures.run(
            .flightsReport, binding: ["date": "2025-09-18"],
            inputs: [["metrics/flights/daily/date=2025-09-18.json"], ["metrics/flights/density/date=2025-09-18.json"],
                     ["metrics/flights/routes/date=2025-09-18.json"], windowPaths],
            outputs: ["report.txt", "report.html"], files: files)
        guard case .outputs(let out, _) = result else { XCTFail("\(result)"); return ("", "") }
        return (String(decoding: out[0], as: UTF8.self), String(decoding: out[1], as: UTF8.self))
    }

    func testTextReport() throws {
        // Window mean (100 + 140) / 2 = 120 → +0.0 %.
        let (text, _) = try run(window: ["{\"date\": \"2025-09-10\", \"unique_aircraft\": 100}", "{\"date\": \"2025-09-11\", \"unique_aircraft\": 140}"])
        XCTAssertTrue(text.contains("  vs 7-day mean       +0.0 % (mean 120.0 aircraft over 2 days)\n"), text)
        XCTAssertTrue(text.contains("  05:00  4 observations, 3 aircraft\n  06:00  3 observations, 2 aircraft\n"), text)
        XCTAssertTrue(text.contains("  EDDF → EGLL  1 flights (100.0 %)  Frankfurt → Heathrow <London>\n"), text)
        XCTAssertTrue(text.contains("  rows read 10 = kept 7 + rejected 2 + duplicates 1\n"), text)
        XCTAssertTrue(text.contains("  rejected by reason  stale 2\n"), text)
    }

    /// Both reports escape with one function; an apostrophe (O'Hare) is escaped for attributes too.
    func testHTMLEscaping() {
        XCTAssertEqual(HTMLText.escape("O'Hare <\"T1\"> & co"), "O&#39;Hare &lt;&quot;T1&quot;&gt; &amp; co")
    }

    func testHTMLIsSelfContainedWithHeatMapAndBars() throws {
        let (_, html) = try run(window: [])
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3, "density map, hourly bars, trend")
        XCTAssertTrue(html.contains("<title>50.00…51.00, 8.00…9.00: 2 aircraft</title>"))
        XCTAssertTrue(html.contains("Heathrow &lt;London&gt;"))
        XCTAssertFalse(html.contains("<script"))
        // Self-contained: nothing is loaded from elsewhere (the SVG namespace URI is a name, not a load).
        for reference in ["src=", "href=", "url(", "@import", "<link", "<iframe", "<img"] {
            XCTAssertFalse(html.contains(reference), "the report loads nothing: found \(reference)")
        }
    }
}
