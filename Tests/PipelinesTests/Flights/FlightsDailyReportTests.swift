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

    /// A coastline that enters the map (0–20°E, 40–60°N) at its west edge on 45°N, bends at
    /// 5°E 45°N and ends inside at 15°E 55°N, and one far outside the map.
    private let coastline = """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[-20, 45], [5, 45], [15, 55]]}},
         {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": [[[100, -30], [110, -20]]]}}]}
        """

    private func run(window: [String], coastline coast: String? = nil) throws -> (String, String) {
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
        var inputs = [["metrics/flights/daily/date=2025-09-18.json"], ["metrics/flights/density/date=2025-09-18.json"],
                      ["metrics/flights/routes/date=2025-09-18.json"], windowPaths]
        if let coast {
            files["reference/coast.geojson"] = Array(coast.utf8)
            inputs.append(["reference/coast.geojson"])
        }
        let result = try FlightFixtures.run(
            .flightsReport, binding: ["date": "2025-09-18"],
            inputs: inputs,
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

    /// The map of one cell at 8–9°E 50–51°N shows 0–20°E, 40–60°N (a 5° margin, whole tens);
    /// the coastline is cut at the map's edge and drawn in the cells' projection: measured in
    /// cell widths and heights from the cell, its points sit where their degrees say.
    func testCoastlineIsDrawnUnderTheCellsInTheirProjection() throws {
        let (_, html) = try run(window: [], coastline: coastline)
        let map = try XCTUnwrap(html.components(separatedBy: "<svg").dropFirst().first)
        let path = try XCTUnwrap(map.range(of: #"<path class="coast" d="[^"]*""#, options: .regularExpression).map { String(map[$0]) })
        let cell = try XCTUnwrap(map.range(of: #"<rect class="cell"[^>]*>"#, options: .regularExpression).map { String(map[$0]) })
        XCTAssertLessThan(try XCTUnwrap(map.range(of: "class=\"coast\"")).lowerBound, try XCTUnwrap(map.range(of: "class=\"cell\"")).lowerBound,
                          "coastlines are drawn first, under the cells")
        func attribute(_ tag: String, _ name: String) throws -> Double {
            let r = try XCTUnwrap(tag.range(of: " \(name)=\"[-0-9.]+\"", options: .regularExpression))
            return try XCTUnwrap(Double(tag[r].dropFirst(name.count + 3).dropLast()))
        }
        let x = try attribute(cell, "x"), y = try attribute(cell, "y"), w = try attribute(cell, "width"), h = try attribute(cell, "height")
        // One piece: cut at the west edge (0°E 45°N), then 5°E 45°N and 15°E 55°N.
        let numbers = path.split(whereSeparator: { "ML \"=".contains($0) }).compactMap { Double($0) }
        XCTAssertEqual(path.filter { $0 == "M" }.count, 1, "the far line is outside the map: \(path)")
        let points = stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
        XCTAssertEqual(points.count, 3, path)
        // Degrees per unit from the cell: lon 1° = w, lat 1° = h (each printed to 0.1 unit, so
        // eight of them may be 0.4 off).
        let first = try XCTUnwrap(points.first), bend = points[1], last = try XCTUnwrap(points.last)
        XCTAssertEqual(first.0, x - 8 * w, accuracy: 0.6)                 // 0°E, the west edge
        XCTAssertEqual(first.1, y + h + 5 * h, accuracy: 0.6)             // 45°N: 5° below 50°N
        XCTAssertEqual(bend.0, x - 3 * w, accuracy: 0.6)                  // 5°E
        XCTAssertEqual(last.0, x + 7 * w, accuracy: 0.6)                  // 15°E
        XCTAssertEqual(last.1, y - 4 * h, accuracy: 0.6)                  // 55°N: 4° above 51°N
        XCTAssertTrue(map.contains(">40°N</text>") && map.contains(">60°N</text>"), "latitude ticks")
        XCTAssertTrue(map.contains(">0°</text>") && map.contains(">20°E</text>"), "longitude ticks")
        XCTAssertFalse(html.contains("No coastline reference"))
    }

    func testAnUnreadableCoastlineFailsTheReport() throws {
        XCTAssertThrowsError(try run(window: [], coastline: "{\"type\": \"LineString\", \"coordinates\": [[200, 10], [0, 0]]}"))
    }

    /// Both reports escape with one function; an apostrophe (O'Hare) is escaped for attributes too.
    func testHTMLEscaping() {
        XCTAssertEqual(HTMLText.escape("O'Hare <\"T1\"> & co"), "O&#39;Hare &lt;&quot;T1&quot;&gt; &amp; co")
    }

    func testHTMLIsSelfContainedWithHeatMapAndBars() throws {
        let (_, html) = try run(window: [])
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3, "density map, hourly bars, trend")
        XCTAssertTrue(html.contains("<title>50°N…51°N, 8°E…9°E: 2 aircraft, 2.56 per 10,000 km²</title>"), html)
        XCTAssertTrue(html.contains("No coastline reference was given to this rule."))
        XCTAssertTrue(html.contains("Heathrow &lt;London&gt;"))
        XCTAssertFalse(html.contains("<script"))
        // Self-contained: nothing is loaded from elsewhere (the SVG namespace URI is a name, not a load).
        for reference in ["src=", "href=", "url(", "@import", "<link", "<iframe", "<img"] {
            XCTAssertFalse(html.contains(reference), "the report loads nothing: found \(reference)")
        }
    }
}
