// The labels an analyst needs in the two HTML reports, found in the charts' SVG of reports built
// from generated data through the binary, and checked against the lake's own files read
// independently (stores.csv, the metrics and insights JSON): the flight density map has
// coastlines under its cells and lon/lat ticks, the hourly chart a y axis, the 7-day trend full
// dates; the sales report names the stores, writes amounts with the currency and lists every
// trend (anomaly, recommendation) it counts. How the pages look in a browser:
// ReportsInBrowserTests.

import Foundation
import XCTest

final class ReportLabelsTests: XCTestCase {
    func page(_ path: String) throws -> PageElement {
        let lake = try ReportsLake.built()
        return try ReportPage.parse(try XCTUnwrap(lake.read(path), "missing \(path)"))
    }

    func labels(_ chart: PageElement, _ cls: String) -> [String] { chart.elements("text", class: cls).map(\.text) }

    /// The numbers of an SVG path's `d`, as (x, y) pairs.
    func points(_ d: String) -> [(Double, Double)] {
        let numbers = d.split(whereSeparator: { $0 == "M" || $0 == "L" || $0 == " " }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    // MARK: - Flights

    func testDensityMapIsDrawnOverCoastlinesWithLonLatTicks() throws {
        let lake = try ReportsLake.built()
        let root = try page(ReportsLake.flightReport)
        let map = try XCTUnwrap(root.chart("Traffic density"))
        let coast = try XCTUnwrap(map.elements("path", class: "coast").first, "no coastline path")
        let cells = map.elements("rect", class: "cell")
        let density = try ReportsLake.json(lake, "metrics/flights/density/date=\(ReportsLake.flightDate).json")
        XCTAssertEqual(cells.count, (density["cells"] as? [Any])?.count, "one rect per density cell")
        // Under the cells: the coastline comes first in document order.
        let order = map.all
        let coastIndex = try XCTUnwrap(order.firstIndex { $0 === coast }), firstCell = try XCTUnwrap(order.firstIndex { $0 === cells.first })
        XCTAssertLessThan(coastIndex, firstCell)
        // The world outline of the demo's extent: hundreds of points, all inside the map frame.
        let frame = try XCTUnwrap(map.elements("rect").first)
        let x0 = try XCTUnwrap(Double(frame.attributes["x"] ?? "")), y0 = try XCTUnwrap(Double(frame.attributes["y"] ?? ""))
        let x1 = x0 + (try XCTUnwrap(Double(frame.attributes["width"] ?? ""))), y1 = y0 + (try XCTUnwrap(Double(frame.attributes["height"] ?? "")))
        let p = points(coast.attributes["d"] ?? "")
        XCTAssertGreaterThan(p.count, 300)
        XCTAssertTrue(p.allSatisfy { $0.0 >= x0 - 0.1 && $0.0 <= x1 + 0.1 && $0.1 >= y0 - 0.1 && $0.1 <= y1 + 0.1 }, "a coastline point outside the map")
        // Ticks: latitudes with N/S, longitudes with E/W.
        let lat = labels(map, "y"), lon = labels(map, "x")
        XCTAssertGreaterThanOrEqual(lat.count, 3, "\(lat)")
        XCTAssertGreaterThanOrEqual(lon.count, 3, "\(lon)")
        XCTAssertTrue(lat.allSatisfy { $0 == "0°" || $0.range(of: #"^[1-9][0-9]?°[NS]$"#, options: .regularExpression) != nil }, "\(lat)")
        XCTAssertTrue(lon.allSatisfy { $0 == "0°" || $0 == "180°" || $0.range(of: #"^[1-9][0-9]{0,2}°[EW]$"#, options: .regularExpression) != nil }, "\(lon)")
        XCTAssertTrue(map.elements("text").contains { $0.text.hasPrefix("Aircraft per 10,000 km²") }, "the legend says what the colour means")
    }

    func testHourlyChartHasAYAxis() throws {
        let lake = try ReportsLake.built()
        let chart = try XCTUnwrap(try page(ReportsLake.flightReport).chart("Observations per hour (UTC)"))
        XCTAssertEqual(chart.elements("text", class: "axis-title").map(\.text), ["observations", "hour of day (UTC)"])
        let ticks = labels(chart, "y").map { Int($0.replacingOccurrences(of: ",", with: "")) }
        XCTAssertGreaterThanOrEqual(ticks.count, 3)
        XCTAssertEqual(ticks.first, 0)
        XCTAssertEqual(ticks.compactMap { $0 }, ticks.compactMap { $0 }.sorted(), "ticks rise")
        // The axis reaches the busiest hour of the day's statistics.
        let daily = try ReportsLake.json(lake, "metrics/flights/daily/date=\(ReportsLake.flightDate).json")
        let busiest = ((daily["hourly"] as? [[String: Any]]) ?? []).compactMap { $0["observations"] as? Int }.max() ?? 0
        XCTAssertGreaterThan(busiest, 0)
        XCTAssertGreaterThanOrEqual(ticks.last.flatMap { $0 } ?? 0, busiest)
        XCTAssertEqual(labels(chart, "x"), ["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"])
    }

    func testTrendHasFullDatesAndTheDailyCounts() throws {
        let lake = try ReportsLake.built()
        let chart = try XCTUnwrap(try page(ReportsLake.flightReport).chart("Unique aircraft per day"))
        let rows = labels(chart, "y")
        XCTAssertEqual(rows, ["Thu 2025-09-11", "Fri 2025-09-12", "Sat 2025-09-13", "Sun 2025-09-14", "Mon 2025-09-15",
                              "Tue 2025-09-16", "Wed 2025-09-17", "Thu 2025-09-18"])
        XCTAssertFalse(chart.elements("text").contains { $0.text == "2025-" })
        let values = labels(chart, "value")
        XCTAssertEqual(values.count, 8)
        for (i, date) in ["2025-09-11", "2025-09-12", "2025-09-13", "2025-09-14", "2025-09-15"].enumerated() {
            XCTAssertEqual(values[i], "no data", date)
        }
        for (i, date) in ReportsLake.flightDates.enumerated() {
            let daily = try ReportsLake.json(lake, "metrics/flights/daily/date=\(date).json")
            XCTAssertEqual(values[5 + i], "\(try XCTUnwrap(daily["unique_aircraft"] as? Int))", date)
        }
    }

    // MARK: - Sales

    /// `358872.93` as the report writes dollars: `$358,872.93`.
    func dollars(_ value: Any?) throws -> String {
        let text = String(format: "%.2f", try XCTUnwrap(value as? Double))
        var whole = String(text.prefix { $0 != "." })
        var groups: [String] = []
        while whole.count > 3 { groups.insert(String(whole.suffix(3)), at: 0); whole.removeLast(3) }
        groups.insert(whole, at: 0)
        return "$" + groups.joined(separator: ",") + text.drop { $0 != "." }
    }

    func testSalesReportNamesStoresFromStoresCSV() throws {
        let lake = try ReportsLake.built()
        let chart = try XCTUnwrap(try page(ReportsLake.salesReport).chart("Net sales by store"))
        let csv = try String(contentsOfFile: FlightsLake.repository + "/lake/reference/stores.csv", encoding: .utf8)
        let names = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(names.count, 11)
        XCTAssertEqual(labels(chart, "y"), names.map { $0[0] + " " + $0[1] }, "every store that reported, by id, with its name")
        // Each bar's value is the store's net sales in whole dollars.
        for (i, store) in names.enumerated() {
            let metrics = try ReportsLake.json(lake, "metrics/sales/stores/date=\(ReportsLake.salesDate)/store_id=\(store[0]).json")
            let whole = try dollars(metrics["net_sales"])
            let rounded = (try XCTUnwrap(metrics["net_sales"] as? Double)).rounded(.toNearestOrEven)
            XCTAssertEqual(labels(chart, "value")[i], try dollars(rounded).replacingOccurrences(of: ".00", with: ""), whole)
        }
    }

    func testSalesAmountsCarryTheCurrency() throws {
        let lake = try ReportsLake.built()
        let root = try page(ReportsLake.salesReport)
        let company = try ReportsLake.json(lake, "metrics/sales/company/date=\(ReportsLake.salesDate).json")
        let kpis = root.all.filter { $0.classes.contains("kpi") }
        let net = try XCTUnwrap(kpis.first { $0.ownText == "Net sales" })
        XCTAssertEqual(net.elements("b").first?.text, try dollars(company["net_sales"]))
        let gross = try XCTUnwrap(kpis.first { $0.ownText == "Gross sales" })
        XCTAssertEqual(gross.elements("b").first?.text, try dollars(company["gross_sales"]))
        XCTAssertTrue(root.text.contains("amounts in USD"))
        for chart in ["Company net sales", "Hourly net sales"] {
            let ticks = labels(try XCTUnwrap(root.chart(chart)), "y")
            XCTAssertGreaterThanOrEqual(ticks.count, 3, chart)
            XCTAssertTrue(ticks.allSatisfy { $0.hasPrefix("$") }, "\(chart): \(ticks)")
        }
        let payments = labels(try XCTUnwrap(root.chart("Payment mix")), "value")
        XCTAssertEqual(payments.count, 5)
        XCTAssertTrue(payments.allSatisfy { $0.hasPrefix("$") && $0.hasSuffix("%") }, "\(payments)")
        // Every amount an insight's description writes carries the currency.
        for heading in ["Anomalies (", "Trends (", "Recommendations ("] {
            let text = try XCTUnwrap(root.afterHeading(heading)).next.text
            for match in text.matches(of: /(.)\d{1,3}(,\d{3})*\.\d\d(?!\d)/) where match.output.1 != "$" {
                XCTFail("\(heading): an amount without its currency: …\(match.output.0)")
            }
        }
        let products = try XCTUnwrap(root.afterHeading("Top 5 products")?.next)
        XCTAssertTrue(products.elements("td", class: "n").map(\.text).filter { $0.contains(".") }.allSatisfy { $0.hasPrefix("$") })
    }

    func testSalesReportListsEveryInsightItCounts() throws {
        let lake = try ReportsLake.built()
        let root = try page(ReportsLake.salesReport)
        let insights = try ReportsLake.json(lake, "reports/sales/insights/date=\(ReportsLake.salesDate).json")
        for (heading, key) in [("Anomalies", "anomalies"), ("Trends", "trends"), ("Recommendations", "recommendations")] {
            let count = (insights[key] as? [Any])?.count ?? -1
            let section = try XCTUnwrap(root.afterHeading(heading + " ("), heading)
            XCTAssertEqual(section.heading.text, "\(heading) (\(count))")
            XCTAssertEqual(section.next.elements("li").count, count, heading)
        }
    }
}
