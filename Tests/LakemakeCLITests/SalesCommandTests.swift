// The sales commands through the real binary: `gen sales` is deterministic, `ingest` checks
// names before copying, and `sales analytics` / `sales trends` read what `build` wrote.

import Foundation
import LakeFormats
import XCTest

final class SalesCommandTests: XCTestCase {
    static var salesRules: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("rules/sales.rules"), encoding: .utf8)
        }
    }

    func makeLake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: try Self.salesRules)
        try lake.write("reference/stores.csv", "store_id,name,city,opened\n0001,A,X,2020-01-01\n0002,B,Y,2020-01-01\n0003,C,Z,2020-01-01\n")
        return lake
    }

    func files(_ lake: TemporaryLake) -> [String: Data] {
        let folder = lake.lake + "/raw/sales"
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return out
    }

    func testGenSalesIsDeterministicAndAddsBadFiles() throws {
        let a = try makeLake(), b = try makeLake()
        defer { a.remove(); b.remove() }
        let args = ["gen", "sales", "--stores", "2", "--days", "3", "--end", "2025-11-27", "--sales-per-day", "5"]
        XCTAssertEqual(try Lakemake.run(args + ["--bad", "2"], in: a.root).status, 0)
        XCTAssertEqual(try Lakemake.run(args + ["--bad", "2"], in: b.root).status, 0)
        let fa = files(a)
        XCTAssertEqual(fa, files(b))
        XCTAssertEqual(fa.keys.sorted(), [
            "store_0001_2025-11-25.json", "store_0001_2025-11-26.json", "store_0001_2025-11-27.json",
            "store_0002_2025-11-25.json", "store_0002_2025-11-26.json", "store_0002_2025-11-27.json",
            "store_9001_2025-11-27.json", "store_9002_2025-11-26.json",
        ])
        // A valid file is a JSON array of items whose ids carry the store and the date.
        let value = try JSONValue.parse([UInt8](try XCTUnwrap(fa["store_0002_2025-11-26.json"])))
        guard case .array(let items) = value, case .string(let tx)? = items.first?["transaction_id"] else {
            return XCTFail("not an array of items")
        }
        XCTAssertTrue(tx.hasPrefix("TXN-0002-20251126-"))
        let build = try a.run("build", "-j", "2")
        XCTAssertEqual(build.status, 1)  // the two bad files are rejected…
        XCTAssertTrue(a.exists("rejected/sales/store_9001_2025-11-27.json.error.json"))
        XCTAssertTrue(a.exists("reports/sales/daily/date=2025-11-27/report.html"))  // …and the rest is built
    }

    func testIngestChecksNamesThenCopies() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let upload = lake.root + "/store_0003_2025-11-20.json"
        try Data("[]".utf8).write(to: URL(fileURLWithPath: upload))
        let badName = lake.root + "/store_3_2025-11-20.json"
        try Data("[]".utf8).write(to: URL(fileURLWithPath: badName))

        XCTAssertEqual(try lake.run("ingest", upload, badName).status, 2)
        XCTAssertFalse(lake.exists("raw/sales/store_0003_2025-11-20.json"), "nothing is copied when a name is wrong")
        XCTAssertEqual(try lake.run("ingest", upload).status, 0)
        XCTAssertEqual(lake.read("raw/sales/store_0003_2025-11-20.json"), "[]")
        try Data("[1]".utf8).write(to: URL(fileURLWithPath: upload))
        let again = try lake.run("ingest", upload)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("--replace"))
        XCTAssertEqual(try lake.run("ingest", "--replace", upload).status, 0)
        XCTAssertEqual(lake.read("raw/sales/store_0003_2025-11-20.json"), "[1]")
    }

    func testAnalyticsAndTrendsReadTheBuiltMetrics() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        try lake.run("gen", "sales", "--stores", "3", "--days", "4", "--end", "2025-11-27", "--sales-per-day", "5")
        XCTAssertEqual(try lake.run("build", "-j", "2").status, 0)

        let analytics = try lake.run("sales", "analytics", "--json")
        XCTAssertEqual(analytics.status, 0, analytics.stderr)
        let a = try JSONValue.parse(Array(analytics.stdout.utf8))
        XCTAssertEqual(a["date"], .string("2025-11-27"))
        XCTAssertEqual(a["available_dates"], .array(["2025-11-24", "2025-11-25", "2025-11-26", "2025-11-27"].map { .string($0) }))
        let company = try JSONValue.parse(Array(try XCTUnwrap(lake.read("metrics/sales/company/date=2025-11-27.json")).utf8))
        XCTAssertEqual(a["kpis"]?["net_sales"], company["net_sales"])
        guard case .array(let stores)? = a["stores"] else { return XCTFail("no stores") }
        XCTAssertEqual(stores.count, 3)

        let older = try lake.run("sales", "analytics", "--date", "2025-11-25", "--json")
        XCTAssertEqual(try JSONValue.parse(Array(older.stdout.utf8))["date"], .string("2025-11-25"))
        XCTAssertEqual(try lake.run("sales", "analytics", "--date", "2024-01-01").status, 2)

        let trends = try lake.run("sales", "trends", "--days", "2", "--store", "0002", "--json")
        XCTAssertEqual(trends.status, 0, trends.stderr)
        let t = try JSONValue.parse(Array(trends.stdout.utf8))
        guard case .array(let days)? = t["days"], case .array(let trendStores)? = t["stores"] else { return XCTFail("no series") }
        XCTAssertEqual(days.map { $0["date"] }, [.string("2025-11-26"), .string("2025-11-27")])
        let store = try JSONValue.parse(Array(try XCTUnwrap(lake.read("metrics/sales/stores/date=2025-11-27/store_id=0002.json")).utf8))
        XCTAssertEqual(days.last?["net_sales"], store["net_sales"])
        XCTAssertEqual(trendStores.map { $0["store_id"] }, [.string("0002")])
    }
}
