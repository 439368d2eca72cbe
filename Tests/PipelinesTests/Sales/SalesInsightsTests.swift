// Insight scenarios on small hand-made windows, each with the outcome worked out by hand from
// the rules in sales.md §6.

import LakeBuild
@testable import Pipelines
import XCTest

final class SalesInsightsTests: XCTestCase {
    static let today = CalendarDate(year: 2025, month: 11, day: 20) ?? CalendarDate(daysSinceEpoch: 0)

    static func store(_ id: String, daysAgo: Int, net: Int64, tx: Int64, products: [ProductTotal] = []) -> StoreMetrics {
        var m = StoreMetrics(storeID: id, date: today.adding(days: -daysAgo).text)
        m.grossCents = net
        m.transactionCount = tx
        m.paymentCents = [net, 0, 0, 0, 0]
        m.products = products
        return m
    }

    static func insights(_ stores: [StoreMetrics], expected: [String], products: [ProductMetrics] = []) -> SalesInsights {
        let todays = stores.filter { $0.date == today.text }
        let company = CompanyMetrics(date: today.text, stores: todays,
                                     expected: expected.map { StoreInfo(id: $0, name: "", city: "", opened: "") })
        return SalesInsights(window: SalesWindow(date: today, company: company, stores: stores, products: products))
    }

    func testStoreDroppingSixtyPercentIsACriticalHistoricalLow() throws {
        // Three earlier days of 1,000.00 and 100 transactions; today 400.00 and 40: both −60 %.
        let stores = (1...3).map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 40_000, tx: 40)]
        let i = Self.insights(stores, expected: ["0001"])
        let net = try XCTUnwrap(i.anomalies.first { $0.metric == "net_sales" })
        XCTAssertEqual(net.type, "historical_low")
        XCTAssertEqual(net.severity, "critical")
        XCTAssertEqual(net.valueHundredths, 40_000)
        XCTAssertEqual(net.baselineHundredths, 100_000)
        XCTAssertEqual(net.deviationPercent, -60.0)
        let tx = try XCTUnwrap(i.anomalies.first { $0.metric == "transaction_count" })
        XCTAssertEqual(tx.type, "historical_low")  // 40 is not under 20 % of 100: no sudden drop
        XCTAssertEqual(tx.baselineHundredths, 10_000)
        let rec = try XCTUnwrap(i.recommendations.first { $0.title == "Investigate store 0001" })
        XCTAssertEqual(rec.priority, "high")
        XCTAssertEqual(rec.category, "operations")
        XCTAssertEqual(rec.because.map(\.section), ["anomalies", "anomalies"])
        XCTAssertEqual(Set(rec.because.map(\.index)), [0, 1])
    }

    func testTwentyFivePercentIsAWarningAndAHighIsReported() throws {
        // Mean 1,000.00; today 1,300.00 is +30 %: warning high; transactions unchanged.
        let stores = (1...3).map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 130_000, tx: 100)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.anomalies.map(\.type), ["historical_high"])
        XCTAssertEqual(i.anomalies.first?.severity, "warning")
        XCTAssertEqual(i.anomalies.first?.deviationPercent, 30.0)
    }

    func testTransactionsUnderTwentyPercentAreASuddenDropInsteadOfALow() {
        let stores = (1...3).map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 100_000, tx: 15)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.anomalies.map(\.type), ["sudden_drop"])
        XCTAssertEqual(i.anomalies.first?.severity, "critical")
    }

    func testMissingStoreIsAMissingUpload() throws {
        let i = Self.insights([Self.store("0001", daysAgo: 0, net: 100_000, tx: 100)], expected: ["0001", "0002"])
        let a = try XCTUnwrap(i.anomalies.first)
        XCTAssertEqual(a.type, "missing_upload")
        XCTAssertEqual(a.severity, "warning")
        XCTAssertEqual(a.storeID, "0002")
        XCTAssertEqual(i.recommendations.first?.title, "Chase the upload of store 0002")
        XCTAssertEqual(i.recommendations.first?.because, [InsightReference(section: "anomalies", index: 0, title: a.title)])
    }

    func testFewerThanThreeHistoryDaysGiveNoHistoricalAnomaly() {
        let stores = (1...2).map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 10_000, tx: 10)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.anomalies, [])
        XCTAssertEqual(i.historyDaysUsed, 2)
    }

    func testFewerThanTwoHistoryDaysGiveNoTrendsAndSaySo() {
        let stores = [Self.store("0001", daysAgo: 1, net: 100_000, tx: 100), Self.store("0001", daysAgo: 0, net: 50_000, tx: 50)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.trends, [])
        XCTAssertEqual(i.notes, ["no trends: 1 history day in the window, at least 2 needed"])
    }

    func testRisingProductIsATrendAndAnInventoryRecommendationBecauseOfIt() throws {
        // SKU X sold 10 units on each of 7 earlier days and 14 today: +40 %, high significance.
        func day(_ ago: Int, units: Int64) -> ProductMetrics {
            ProductMetrics(date: Self.today.adding(days: -ago).text, products: [
                CompanyProduct(total: ProductTotal(sku: "X", name: "Xylophone", units: units, netRevenueCents: units * 1000),
                               stores: ["0001", "0002"], rank: 1),
            ])
        }
        let products = (1...7).map { day($0, units: 10) } + [day(0, units: 14)]
        let stores = (0...7).flatMap { ago in
            ["0001", "0002", "0003"].map { id in
                Self.store(id, daysAgo: ago, net: 100_000, tx: 100,
                           products: ago == 0 && id != "0003" ? [ProductTotal(sku: "X", name: "Xylophone", units: id == "0002" ? 9 : 5, netRevenueCents: 1)] : [])
            }
        }
        let i = Self.insights(stores, expected: ["0001", "0002", "0003"], products: products)
        let index = try XCTUnwrap(i.trends.firstIndex { $0.type == "product_trend" })
        let trend = i.trends[index]
        XCTAssertEqual(trend.changePercent, 40.0)
        XCTAssertEqual(trend.direction, "improving")
        XCTAssertEqual(trend.significance, "high")
        XCTAssertEqual(trend.affectedItems, ["X"])
        let rec = try XCTUnwrap(i.recommendations.first { $0.category == "inventory" })
        XCTAssertEqual(rec.title, "Restock Xylophone")
        XCTAssertEqual(rec.priority, "high")
        XCTAssertEqual(rec.affectedStores, ["0002", "0001"])  // most units first
        XCTAssertEqual(rec.because, [InsightReference(section: "trends", index: index, title: trend.title)])
    }

    func testPeerOutlierNeedsFiveStoresAndASpread() throws {
        // Net per transaction 10.00, 10.00, 11.00, 11.00, 12.00, 30.00: median 11.00, MAD 1.00;
        // the last store's z = 0.6745 × 19 ≈ 12.8.
        let perTx: [Int64] = [1000, 1000, 1100, 1100, 1200, 3000]
        let stores = perTx.enumerated().map { Self.store("000\($0.offset + 1)", daysAgo: 0, net: $0.element * 10, tx: 10) }
        let i = Self.insights(stores, expected: stores.map(\.storeID))
        XCTAssertEqual(i.anomalies.map(\.type), ["peer_outlier"])
        XCTAssertEqual(i.anomalies.first?.storeID, "0006")
        XCTAssertEqual(i.anomalies.first?.severity, "info")
    }

    func testFileReadsBackAndRecommendationsAreSortedByPriorityThenTitle() throws {
        let stores = (1...3).map { Self.store("0002", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0002", daysAgo: 0, net: 10_000, tx: 10)]
        let i = Self.insights(stores, expected: ["0001", "0002"])
        // Company −90 % on the week (high), store 0002 critical (high), 0001 missing (medium),
        // 0002's last 3 days 700.00 against 1,000.00 before: −30 % momentum (medium).
        XCTAssertEqual(i.recommendations.map(\.title), [
            "Counter the company-wide sales decline", "Investigate store 0002",
            "Chase the upload of store 0001", "Review sales momentum at store 0002",
        ])
        XCTAssertEqual(i.recommendations.map(\.priority), ["high", "high", "medium", "medium"])
        XCTAssertEqual(try SalesInsights(bytes: i.jsonBytes, path: "i.json"), i)
        let text = String(decoding: i.jsonBytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\"summary\": {\n    \"anomaly_count\": 3,"))
    }
}
