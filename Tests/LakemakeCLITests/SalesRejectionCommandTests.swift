// Rejected uploads through the binary (sales.md §1, §4, §6): a day whose every upload was
// rejected has no company or product metrics, insights, report or QuickSight partition and no
// manifest lists it; once one upload is fixed the day appears, and the stores still rejected
// are reported as rejected, not as missing. `quantity: 1.0` is the integer 1; `1.5` is an error.

import Foundation
import LakeFormats
import XCTest

final class SalesRejectionCommandTests: XCTestCase {
    static let datasets = ["store_summaries", "top_products", "anomalies", "trends", "recommendations"]

    static func repositoryRules(_ name: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: FlightsLake.repository + "/rules/" + name), encoding: .utf8)
    }

    /// A sales lake with the repository's sales and QuickSight rules and three expected stores.
    func makeLake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: try Self.repositoryRules("sales.rules"))
        try lake.write("../rules/quicksight.rules", try Self.repositoryRules("quicksight.rules"))
        try lake.write("reference/stores.csv", "store_id,name,city,opened\n0001,A,X,2020-01-01\n0002,B,Y,2020-01-01\n0003,C,Z,2020-01-01\n")
        return lake
    }

    /// An upload of one sale on `date` whose items have these quantity literals, each 10.00 a unit.
    static func upload(_ date: String, quantities: [String]) -> String {
        let items = quantities.map { q -> String in
            let units = Double(q) ?? 0
            let total = String(format: "%.2f", units * 10)
            return "{\"transaction_id\":\"T1\",\"transaction_timestamp\":\"\(date)T12:00:00Z\",\"item_sku\":\"S\",\"item_name\":\"N\","
                + "\"quantity\":\(q),\"unit_price\":10.00,\"line_total\":\(total),\"discount_amount\":0,\"payment_method\":\"cash\",\"customer_id\":\"C\"}"
        }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }

    /// Every output of a sales day that must not exist while all its uploads are rejected.
    static func dayOutputs(_ day: String) -> [String] {
        ["metrics/sales/company/date=\(day).json", "metrics/sales/products/date=\(day).json",
         "reports/sales/insights/date=\(day).json", "reports/sales/daily/date=\(day)/report.txt",
         "reports/sales/daily/date=\(day)/report.html"]
            + datasets.map { "reports/quicksight/\($0)/date=\(day).ndjson" }
    }

    func json(_ lake: TemporaryLake, _ path: String) throws -> JSONValue {
        try JSONValue.parse(Array(try XCTUnwrap(lake.read(path), "\(path) missing").utf8))
    }

    func strings(_ v: JSONValue?) -> [String] {
        guard case .array(let items)? = v else { return ["<not an array>"] }
        return items.map { if case .string(let s) = $0 { return s } else { return "<not a string>" } }
    }

    func testDayOfRejectedUploadsHasNoOutputsThenAppearsAndNamesTheRejectedStores() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let gen = try lake.run("gen", "sales", "--stores", "3", "--days", "3", "--end", "2025-11-27", "--sales-per-day", "5")
        XCTAssertEqual(gen.status, 0, gen.stderr)
        // 2025-11-26: every upload has a fractional quantity, so every upload is rejected.
        for store in ["0001", "0002", "0003"] {
            try lake.write("raw/sales/store_\(store)_2025-11-26.json", Self.upload("2025-11-26", quantities: ["1", "1.5"]))
        }
        // 2025-11-27: 0001's quantities are written 1.0 and 2.0 (integers); 0002 is rejected;
        // 0003 never uploads.
        try lake.write("raw/sales/store_0001_2025-11-27.json", Self.upload("2025-11-27", quantities: ["1.0", "2.0"]))
        try lake.write("raw/sales/store_0002_2025-11-27.json", Self.upload("2025-11-27", quantities: ["1.5"]))
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/sales/store_0003_2025-11-27.json")

        let build = try lake.run("build")
        XCTAssertEqual(build.status, 1, build.stdout + build.stderr)
        for store in ["0001", "0002", "0003"] {
            let doc = try json(lake, "rejected/sales/store_\(store)_2025-11-26.json.error.json")
            guard case .array(let errors)? = doc["errors"] else { return XCTFail("no errors") }
            XCTAssertEqual(errors.first?["message"], .string("quantity must be an integer"))
        }
        for path in Self.dayOutputs("2025-11-26") { XCTAssertFalse(lake.exists(path), "phantom output \(path)") }
        for dataset in Self.datasets {
            let manifest = try XCTUnwrap(lake.read("reports/quicksight/\(dataset)/manifest.json"), dataset)
            XCTAssertFalse(manifest.contains("date=2025-11-26"), "\(dataset) manifest lists the rejected day")
            // A day with no rows for a dataset (no trends from one store's single day) is exported
            // as an empty file, which the manifest leaves out.
            let rows = try XCTUnwrap(lake.read("reports/quicksight/\(dataset)/date=2025-11-27.ndjson"), dataset)
            XCTAssertEqual(manifest.contains("date=2025-11-27.ndjson"), !rows.isEmpty, dataset)
        }
        XCTAssertEqual(lake.read("reports/quicksight/trends/date=2025-11-27.ndjson"), "", "the case above of an empty day")

        // 1.0 and 2.0 were read as the integers 1 and 2.
        let store1 = try json(lake, "metrics/sales/stores/date=2025-11-27/store_id=0001.json")
        XCTAssertEqual(store1["item_count"], .number(JSONNumber("3")!))
        XCTAssertEqual(store1["net_sales"], .number(JSONNumber("30.00")!))
        XCTAssertTrue(lake.exists("rejected/sales/store_0002_2025-11-27.json.error.json"))

        // 0002 rejected and 0003 missing are told apart everywhere.
        let company27 = try json(lake, "metrics/sales/company/date=2025-11-27.json")
        XCTAssertEqual(strings(company27["stores_rejected"]), ["0002"])
        XCTAssertEqual(strings(company27["stores_missing"]), ["0003"])
        XCTAssertEqual(company27["complete"], .bool(false))
        let insights27 = try XCTUnwrap(lake.read("reports/sales/insights/date=2025-11-27.json"))
        let anomalies = try json(lake, "reports/sales/insights/date=2025-11-27.json")["anomalies"]
        guard case .array(let list)? = anomalies else { return XCTFail("no anomalies") }
        let byStore = Dictionary(list.compactMap { a -> (String, String)? in
            guard case .string(let s)? = a["store_id"], case .string(let t)? = a["type"], t.hasSuffix("_upload") else { return nil }
            return (s, t)
        }, uniquingKeysWith: { a, b in a + "," + b })
        XCTAssertEqual(byStore, ["0002": "rejected_upload", "0003": "missing_upload"])
        XCTAssertTrue(insights27.contains("see rejected/sales/store_0002_2025-11-27.json.error.json"))
        XCTAssertTrue(insights27.contains("Fix the rejected upload of store 0002"))
        XCTAssertFalse(insights27.contains("Store 0002 is expected (reference/stores.csv) but has not uploaded"))
        let report27 = try XCTUnwrap(lake.read("reports/sales/daily/date=2025-11-27/report.txt"))
        XCTAssertTrue(report27.contains("  Stores reporting:      1/3 (missing: 0003; upload rejected: 0002)\n"), report27)
        XCTAssertTrue(report27.contains("  [!] Upload from store 0002 rejected\n"))

        // Fix one upload of 2025-11-26: the day appears, from that store alone.
        try lake.write("raw/sales/store_0002_2025-11-26.json", Self.upload("2025-11-26", quantities: ["1", "2.0"]))
        let fixed = try lake.run("build")
        XCTAssertEqual(fixed.status, 0, fixed.stdout + fixed.stderr)
        for path in Self.dayOutputs("2025-11-26") { XCTAssertTrue(lake.exists(path), "\(path) missing after the fix") }
        let company26 = try json(lake, "metrics/sales/company/date=2025-11-26.json")
        XCTAssertEqual(company26["net_sales"], .number(JSONNumber("30.00")!))
        XCTAssertEqual(strings(company26["stores_reported"]), ["0002"])
        XCTAssertEqual(strings(company26["stores_rejected"]), ["0001", "0003"])
        XCTAssertEqual(strings(company26["stores_missing"]), [])
        let report26 = try XCTUnwrap(lake.read("reports/sales/daily/date=2025-11-26/report.txt"))
        XCTAssertTrue(report26.contains("  Stores reporting:      1/3 (upload rejected: 0001, 0003)\n"), report26)
        XCTAssertFalse(report26.contains("No upload from store"))
        for dataset in Self.datasets {
            let manifest = try XCTUnwrap(lake.read("reports/quicksight/\(dataset)/manifest.json"), dataset)
            let rows = try XCTUnwrap(lake.read("reports/quicksight/\(dataset)/date=2025-11-26.ndjson"), dataset)
            XCTAssertEqual(manifest.contains("date=2025-11-26.ndjson"), !rows.isEmpty, "\(dataset) manifest and the fixed day")
        }
        XCTAssertFalse(lake.exists("rejected/sales/store_0002_2025-11-26.json.error.json"))

        // And back: rejecting that upload again removes the day once more.
        try lake.write("raw/sales/store_0002_2025-11-26.json", Self.upload("2025-11-26", quantities: ["0.5"]))
        XCTAssertEqual(try lake.run("build").status, 1)
        for path in Self.dayOutputs("2025-11-26") { XCTAssertFalse(lake.exists(path), "stale output \(path)") }
        let manifest = try XCTUnwrap(lake.read("reports/quicksight/store_summaries/manifest.json"))
        XCTAssertFalse(manifest.contains("date=2025-11-26"))
    }
}
