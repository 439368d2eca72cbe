// Insights that carry signal (sales.md §6), through the binary on a generated month with the
// chain's weekly rhythm (Saturdays sell 1.65× Mondays): ordinary days give no historical
// anomaly at all, while two injected ones (a 5× day, a single tiny sale) fire with an
// explanation whose numbers are checked against the store metrics files.

import Foundation
import LakeFormats
import XCTest

final class SalesInsightsCommandTests: XCTestCase {
    static let stores = ["0001", "0002", "0003", "0004"]
    static let end = "2025-11-27"  // a Thursday
    /// The same weekday of the four weeks before `end`.
    static let previousThursdays = ["2025-10-30", "2025-11-06", "2025-11-13", "2025-11-20"]

    func json(_ lake: TemporaryLake, _ path: String) throws -> JSONValue {
        try JSONValue.parse(Array(try XCTUnwrap(lake.read(path), "\(path) missing").utf8))
    }

    func int(_ v: JSONValue?) -> Int64? {
        guard case .number(let n)? = v else { return nil }
        return n.int64()
    }

    /// A money value in cents, exactly.
    func cents(_ v: JSONValue?) -> Int64? {
        guard case .number(let n)? = v else { return nil }
        return try? n.cents()
    }

    func string(_ v: JSONValue?) -> String? {
        guard case .string(let s)? = v else { return nil }
        return s
    }

    /// `1,165`: thousands separated by commas.
    static func grouped(_ n: Int64) -> String {
        let digits = Array(String(n))
        return String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? [","] : []) + [d] })
    }

    func testWeeklyRhythmIsQuietAndInjectedAnomaliesFireWithTheirExplanation() throws {
        let lake = try TemporaryLake(rules: try SalesRejectionCommandTests.repositoryRules("sales.rules"))
        defer { lake.remove() }
        try lake.write("reference/stores.csv", "store_id,name,city,opened\n"
                       + Self.stores.map { "\($0),Store \($0),Town,2020-01-01\n" }.joined())
        let gen = try lake.run("gen", "sales", "--stores", "4", "--days", "29", "--end", Self.end, "--seed", "42")
        XCTAssertEqual(gen.status, 0, gen.stderr)

        // Injected on the last day: store 0002 sells five times its usual day (five copies of
        // its sales under new transaction ids); store 0003 makes one small sale.
        let path2 = "raw/sales/store_0002_\(Self.end).json"
        let original = try XCTUnwrap(lake.read(path2))
        let body = original.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
        let copies = (1...5).map { k in body.replacingOccurrences(of: "\"TXN-0002-", with: "\"TXN-0002-\(k)") }
        try lake.write(path2, "[" + copies.joined(separator: ",") + "]")
        try lake.write("raw/sales/store_0003_\(Self.end).json", """
            [{"transaction_id":"TXN-0003-TINY","transaction_timestamp":"\(Self.end)T10:00:00Z","item_sku":"SMURF-KEY-001",
              "item_name":"Papa Smurf Keychain","quantity":1,"unit_price":6.99,"line_total":6.99,"discount_amount":0.0,
              "payment_method":"cash","customer_id":"CUST-00001"}]
            """)

        let build = try lake.run("build")
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)

        // The premise: a strong weekly rhythm in the generated month (company net sales).
        var byWeekday: [String: [Int64]] = [:]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let dates = (0..<29).map { formatter.string(from: Date(timeIntervalSince1970: 1_761_782_400 + Double($0) * 86_400)) }
        XCTAssertEqual(dates.first, "2025-10-30")
        XCTAssertEqual(dates.last, Self.end)
        let weekday = DateFormatter()
        weekday.locale = Locale(identifier: "en_US_POSIX")
        weekday.timeZone = TimeZone(identifier: "UTC")
        weekday.dateFormat = "EEEE"
        for d in dates.dropLast() {
            let name = weekday.string(from: try XCTUnwrap(formatter.date(from: d)))
            byWeekday[name, default: []].append(try XCTUnwrap(cents(try json(lake, "metrics/sales/company/date=\(d).json")["net_sales"])))
        }
        let mean = { (xs: [Int64]) in Double(xs.reduce(0, +)) / Double(xs.count) }
        XCTAssertGreaterThan(mean(byWeekday["Saturday"] ?? []) / mean(byWeekday["Monday"] ?? [1]), 1.4, "no weekly rhythm to test against")

        // Ordinary days: no historical anomaly of any kind, on any weekday.
        var historical: [String: [JSONValue]] = [:]
        for d in dates {
            guard case .array(let anomalies)? = try json(lake, "reports/sales/insights/date=\(d).json")["anomalies"] else {
                return XCTFail("no anomalies list for \(d)")
            }
            for a in anomalies where ["historical_high", "historical_low", "sudden_drop"].contains(string(a["type"]) ?? "") {
                historical[d, default: []].append(a)
            }
        }
        XCTAssertEqual(Array(historical.keys), [Self.end], "historical anomalies on ordinary days: \(historical.keys.sorted())")
        let injected = historical[Self.end] ?? []
        let kinds = injected.map { "\(string($0["store_id"]) ?? "?") \(string($0["type"]) ?? "?") \(string($0["metric"]) ?? "?")" }
        XCTAssertEqual(kinds.sorted(), [
            "0002 historical_high net_sales", "0002 historical_high transaction_count",
            "0003 historical_low net_sales", "0003 sudden_drop transaction_count",
        ])

        // Each explanation holds the numbers of the store metrics files: today against the
        // mean of the four previous Thursdays.
        for a in injected {
            let store = try XCTUnwrap(string(a["store_id"]))
            let metric = try XCTUnwrap(string(a["metric"]))
            let today = try json(lake, "metrics/sales/stores/date=\(Self.end)/store_id=\(store).json")
            let history = try Self.previousThursdays.map { try json(lake, "metrics/sales/stores/date=\($0)/store_id=\(store).json") }
            let description = try XCTUnwrap(string(a["description"]))
            XCTAssertEqual(string(a["severity"]), "critical", description)
            XCTAssertTrue(description.hasSuffix(" on the previous 4 Thursdays."), description)
            if metric == "net_sales" {
                let value = try XCTUnwrap(cents(today["net_sales"]))
                let sum = try history.map { try XCTUnwrap(cents($0["net_sales"])) }.reduce(0, +)
                XCTAssertEqual(cents(a["value"]), value)
                let baseline = try XCTUnwrap(cents(a["baseline"]))
                XCTAssertLessThanOrEqual(abs(baseline * 4 - sum), 2, "baseline \(baseline) is not the mean of \(sum) over 4 days")
                let deviation = (Double(value) * 4 / Double(sum) - 1) * 100
                guard case .number(let n)? = a["deviation_percent"], let shown = n.double() else { return XCTFail("no deviation") }
                XCTAssertEqual(shown, deviation, accuracy: 0.051)
                XCTAssertTrue(description.contains(String(format: "%.1f%%", abs(deviation))), description)
            } else {
                let value = try XCTUnwrap(int(today["transaction_count"]))
                let sum = try history.map { try XCTUnwrap(int($0["transaction_count"])) }.reduce(0, +)
                XCTAssertEqual(cents(a["value"]), value * 100)
                // Counts are printed as counts: "1 transaction", "205 transactions".
                XCTAssertTrue(description.contains("recorded \(Self.grouped(value)) transaction\(value == 1 ? "" : "s"),"), description)
                let meanCount = (Double(sum) / 4).rounded(.toNearestOrEven)
                XCTAssertTrue(description.contains("its mean of \(Int(meanCount)) transactions on"), description)
            }
        }
        let tiny = try XCTUnwrap(injected.first { string($0["type"]) == "sudden_drop" })
        XCTAssertTrue(string(tiny["description"])?.hasPrefix("Store 0003 recorded 1 transaction, under 20% of its mean of ") ?? false)

        // The report carries them, and the investigation they call for.
        let report = try XCTUnwrap(lake.read("reports/sales/daily/date=\(Self.end)/report.txt"))
        XCTAssertTrue(report.contains("  [!!!] Unusually high net sales at store 0002\n"), report)
        XCTAssertTrue(report.contains("  [!!!] Sudden drop in transactions at store 0003\n"), report)
        XCTAssertTrue(report.contains("[HIGH] Investigate store 0003"), report)
    }
}
