// Downstream lineage through targets with several outputs: every output of one run is a
// consumer of the run's inputs (the sales and flight reports' HTML, the hourly rejected-rows
// Parquet and the hourly metrics), in the tree, JSON and DOT formats alike.

import Foundation
import XCTest

extension LineageCommandTests {
    /// The paths of a `--format tree` listing, one per line, without the drawing and labels.
    func treePaths(_ r: RunResult) -> Set<String> {
        Set(r.lines.map { line in
            let text = line.drop { "│├└─ ".contains($0) }
            return String(text.range(of: "  ").map { text[..<$0.lowerBound] } ?? text)
        })
    }

    /// Every node of a `--format json` downstream tree, as (path, rule).
    func jsonNodes(_ r: RunResult) throws -> [(path: String, rule: String?)] {
        var nodes: [(path: String, rule: String?)] = []
        func visit(_ node: [String: Any]) {
            nodes.append((node["path"] as? String ?? "", node["rule"] as? String))
            for child in node["consumers"] as? [[String: Any]] ?? [] { visit(child) }
        }
        visit(try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout))
        return nodes
    }

    /// The edges of a `--format dot` digraph, as `from -> to [rule]`.
    func dotEdges(_ r: RunResult) -> Set<String> {
        Set(r.lines.filter { $0.contains(" -> ") }.map { line in
            let parts = line.split(separator: "\"").map(String.init)
            // ␣␣"from" -> "to" [label="rule"];
            return parts.count >= 6 ? "\(parts[1]) -> \(parts[3]) [\(parts[5])]" : line
        })
    }

    func testDownstreamOfASalesUploadReachesBothReportFiles() throws {
        let lake = try TemporaryLake(rules: try SalesCommandTests.salesRules)
        defer { lake.remove() }
        try lake.write("reference/stores.csv", "store_id,name,city,opened\n0001,A,X,2020-01-01\n0002,B,Y,2020-01-01\n")
        let gen = try lake.run("gen", "sales", "--stores", "2", "--days", "1", "--end", "2025-11-27", "--sales-per-day", "5")
        XCTAssertEqual(gen.status, 0, gen.stderr)
        let build = try lake.run("build")
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)
        let raw = "raw/sales/store_0001_2025-11-27.json"
        let txt = "reports/sales/daily/date=2025-11-27/report.txt", html = "reports/sales/daily/date=2025-11-27/report.html"

        let tree = try lake.run("lineage", raw, "--down")
        XCTAssertEqual(tree.status, 0, tree.stderr)
        XCTAssertTrue(treePaths(tree).isSuperset(of: [txt, html]), tree.stdout)
        let htmlLabel = "── \(html)  " + String(try Lakemake.sha256sum(lake.lake + "/" + html).prefix(12)) + "  rule sales_report, build 1"
        XCTAssertTrue(tree.lines.contains { $0.hasSuffix(htmlLabel) }, "the HTML report with its own hash: " + tree.stdout)

        let json = try jsonNodes(try lake.run("lineage", raw, "--down", "--format", "json"))
        XCTAssertTrue(json.contains { $0.path == txt && $0.rule == "sales_report" })
        XCTAssertTrue(json.contains { $0.path == html && $0.rule == "sales_report" })

        let edges = dotEdges(try lake.run("lineage", raw, "--down", "--format", "dot"))
        XCTAssertTrue(edges.contains("reports/sales/insights/date=2025-11-27.json -> \(txt) [sales_report]"), "\(edges)")
        XCTAssertTrue(edges.contains("reports/sales/insights/date=2025-11-27.json -> \(html) [sales_report]"), "\(edges)")
    }

    func testDownstreamOfAFlightSnapshotReachesEveryHourlyOutput() throws {
        let lake = try FlightsLake.built()
        let folder = "raw/flights/date=2025-09-18/hour=00"
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/" + folder).sorted().first)
        let snapshot = folder + "/" + name
        let parquet = "processed/flights/date=2025-09-18/hour=00/data.parquet"
        let rejectedRows = "processed/flights_rejected/date=2025-09-18/hour=00/data.parquet"
        let hourly = "metrics/flights/hourly/date=2025-09-18/hour=00.json"
        let daily = "metrics/flights/daily/date=2025-09-18.json"
        let html = "reports/flights/daily/date=2025-09-18/report.html"

        let tree = try lake.run("lineage", snapshot, "--down")
        XCTAssertEqual(tree.status, 0, tree.stderr)
        XCTAssertTrue(treePaths(tree).isSuperset(of: [parquet, rejectedRows, hourly, daily, html]), tree.stdout)
        let rejectedHash = String(try Lakemake.sha256sum(lake.lake + "/" + rejectedRows).prefix(12))
        XCTAssertTrue(tree.lines.contains("├── \(rejectedRows)  \(rejectedHash)  rule flights_hourly, build 1"), tree.stdout)

        let json = try jsonNodes(try lake.run("lineage", snapshot, "--down", "--format", "json"))
        for output in [parquet, rejectedRows, hourly] {
            XCTAssertTrue(json.contains { $0.path == output && $0.rule == "flights_hourly" }, output)
        }
        XCTAssertTrue(json.contains { $0.path == html && $0.rule == "flights_report" })

        let dot = try lake.run("lineage", snapshot, "--down", "--format", "dot")
        XCTAssertEqual(dot.status, 0, dot.stderr)
        let edges = dotEdges(dot)
        for output in [parquet, rejectedRows, hourly] {
            XCTAssertTrue(edges.contains("\(snapshot) -> \(output) [flights_hourly]"), "\(output) in \(edges)")
        }
        XCTAssertTrue(edges.contains("\(hourly) -> \(daily) [flights_daily]"), "\(edges)")
        XCTAssertTrue(edges.contains("\(daily) -> \(html) [flights_report]"), "\(edges)")
    }
}
