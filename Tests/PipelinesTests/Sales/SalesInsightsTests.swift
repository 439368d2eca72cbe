// Insight scenarios on small hand-made windows, each with the outcome worked out by hand from
// the rules in sales.md §6: a day is compared with the same weekday of earlier weeks.

import LakeBuild
@testable import Pipelines
import XCTest

final class SalesInsightsTests: XCTestCase {
    /// A Thursday.
    static let today = CalendarDate(year: 2025, month: 11, day: 20) ?? CalendarDate(daysSinceEpoch: 0)

    static func store(_ id: String, daysAgo: Int, net: Int64, tx: Int64, products: [ProductTotal] = []) -> StoreMetrics {
        var m = StoreMetrics(storeID: id, date: today.adding(days: -daysAgo).text)
        m.grossCents = net
        m.transactionCount = tx
        m.paymentCents = [net, 0, 0, 0, 0]
        m.products = products
        return m
    }

    /// The insights of `today` from store metrics of any days: each day's company metrics (the
    /// history) are made from that day's stores, as the company_metrics rule makes them.
    static func insights(_ stores: [StoreMetrics], expected: [String], rejected: [String] = [],
                         products: [ProductMetrics] = []) -> SalesInsights {
        let info = expected.map { StoreInfo(id: $0, name: "", city: "", opened: "") }
        let dates = Set(stores.map(\.date)).union([today.text]).sorted()
        let companies = dates.map { d in
            CompanyMetrics(date: d, stores: stores.filter { $0.date == d }, expected: info, rejected: d == today.text ? rejected : [])
        }
        let company = companies.first { $0.date == today.text } ?? CompanyMetrics(date: today.text)
        return SalesInsights(window: SalesWindow(date: today, company: company, stores: stores.filter { $0.date == today.text },
                                                 products: products, history: companies.filter { $0.date < today.text }))
    }

    /// The same weekday of the previous `weeks` weeks.
    static let sameWeekdays = [7, 14, 21]

    func testStoreDroppingSixtyPercentIsACriticalHistoricalLow() throws {
        // Three earlier Thursdays of 1,000.00 and 100 transactions; today 400.00 and 40: both −60 %.
        let stores = Self.sameWeekdays.map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 40_000, tx: 40)]
        let i = Self.insights(stores, expected: ["0001"])
        let net = try XCTUnwrap(i.anomalies.first { $0.metric == "net_sales" })
        XCTAssertEqual(net.type, "historical_low")
        XCTAssertEqual(net.severity, "critical")
        XCTAssertEqual(net.valueHundredths, 40_000)
        XCTAssertEqual(net.baselineHundredths, 100_000)
        XCTAssertEqual(net.deviationPercent, -60.0)
        XCTAssertEqual(net.description, "Store 0001 recorded net sales of $400.00, 60.0% below its mean of $1,000.00 on the previous 3 Thursdays.")
        let tx = try XCTUnwrap(i.anomalies.first { $0.metric == "transaction_count" })
        XCTAssertEqual(tx.type, "historical_low")  // 40 is not under 20 % of 100: no sudden drop
        XCTAssertEqual(tx.baselineHundredths, 10_000)
        XCTAssertEqual(tx.description, "Store 0001 recorded 40 transactions, 60.0% below its mean of 100 transactions on the previous 3 Thursdays.")
        let rec = try XCTUnwrap(i.recommendations.first { $0.title == "Investigate store 0001" })
        XCTAssertEqual(rec.priority, "high")
        XCTAssertEqual(rec.category, "operations")
        XCTAssertEqual(rec.because.map(\.section), ["anomalies", "anomalies"])
        XCTAssertEqual(Set(rec.because.map(\.index)), [0, 1])
    }

    func testTwentyFivePercentIsAWarningAndAHighIsReported() throws {
        // Mean 1,000.00; today 1,300.00 is +30 %: warning high; transactions unchanged.
        let stores = Self.sameWeekdays.map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 130_000, tx: 100)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.anomalies.map(\.type), ["historical_high"])
        XCTAssertEqual(i.anomalies.first?.severity, "warning")
        XCTAssertEqual(i.anomalies.first?.deviationPercent, 30.0)
    }

    func testWeeklyRhythmIsNeitherAnAnomalyNorATrend() {
        // Four weeks in which Saturdays sell 1.4× and Mondays 0.85× a Thursday, exactly the
        // same every week: whatever the weekday, the day matches its own history.
        let percent = [85, 90, 95, 100, 125, 140, 120]  // Monday first
        for todayOffset in 0..<7 {
            var stores: [StoreMetrics] = []
            for ago in 0...28 {
                let day = Self.today.adding(days: -todayOffset - ago)
                let p = Int64(percent[day.weekdayFromMonday])
                var m = StoreMetrics(storeID: "0001", date: day.text)
                m.grossCents = 1_000 * p * 100
                m.transactionCount = 2 * p
                m.paymentCents = [m.grossCents, 0, 0, 0, 0]
                stores.append(m)
            }
            let day = Self.today.adding(days: -todayOffset)
            let info = [StoreInfo(id: "0001", name: "", city: "", opened: "")]
            let companies = stores.map { CompanyMetrics(date: $0.date, stores: [$0], expected: info) }
            let i = SalesInsights(window: SalesWindow(
                date: day, company: companies[0], stores: [stores[0]], products: [], history: Array(companies.dropFirst())))
            XCTAssertEqual(i.anomalies, [], "weekday \(day.weekdayFromMonday)")
            XCTAssertEqual(i.trends.map(\.direction), ["stable"], "only a steady week_over_week on weekday \(day.weekdayFromMonday)")
            XCTAssertEqual(i.historyDaysUsed, 28)
        }
    }

    func testTransactionsUnderTwentyPercentAreASuddenDropInsteadOfALow() throws {
        let stores = Self.sameWeekdays.map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 100_000, tx: 1)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.anomalies.map(\.type), ["sudden_drop"])
        XCTAssertEqual(i.anomalies.first?.severity, "critical")
        XCTAssertEqual(i.anomalies.first?.description,
                       "Store 0001 recorded 1 transaction, under 20% of its mean of 100 transactions on the previous 3 Thursdays.")
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

    func testRejectedStoreIsARejectedUploadNotAMissingOne() throws {
        let i = Self.insights([Self.store("0001", daysAgo: 0, net: 100_000, tx: 100)], expected: ["0001", "0002"], rejected: ["0002"])
        XCTAssertEqual(i.anomalies.map(\.type), ["rejected_upload"])
        let a = try XCTUnwrap(i.anomalies.first)
        XCTAssertEqual(a.storeID, "0002")
        XCTAssertEqual(a.title, "Upload from store 0002 rejected")
        XCTAssertTrue(a.description.contains("see rejected/sales/store_0002_2025-11-20.json.error.json"), a.description)
        XCTAssertFalse(a.description.contains("has not uploaded"))
        XCTAssertEqual(i.recommendations.map(\.title), ["Fix the rejected upload of store 0002"])
        XCTAssertEqual(i.recommendations.first?.because, [InsightReference(section: "anomalies", index: 0, title: a.title)])
    }

    func testOneSameWeekdayIsNotEnoughAndOtherWeekdaysDoNotCount() {
        // Six earlier days of other weekdays and one earlier Thursday: no historical anomaly.
        let stores = (1...7).map { Self.store("0001", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 10_000, tx: 10)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.anomalies, [])
        XCTAssertEqual(i.historyDaysUsed, 7)
    }

    func testFewerThanTwoHistoryDaysGiveNoTrendsAndSaySo() {
        let stores = [Self.store("0001", daysAgo: 7, net: 100_000, tx: 100), Self.store("0001", daysAgo: 0, net: 50_000, tx: 50)]
        let i = Self.insights(stores, expected: ["0001"])
        XCTAssertEqual(i.trends, [])
        XCTAssertEqual(i.notes, ["no trends: 1 history day in the window, at least 2 needed"])
    }

    func testWeekOverWeekComparesWithTheSameWeekdayAWeekEarlier() throws {
        // A week ago 1,000.00; the days in between 2,000.00 each; today 1,100.00: +10 %.
        let stores = [Self.store("0001", daysAgo: 7, net: 100_000, tx: 100)]
            + (1...6).map { Self.store("0001", daysAgo: $0, net: 200_000, tx: 100) }
            + [Self.store("0001", daysAgo: 0, net: 110_000, tx: 100)]
        let i = Self.insights(stores, expected: ["0001"])
        let wow = try XCTUnwrap(i.trends.first { $0.type == "week_over_week" })
        XCTAssertEqual(wow.changePercent, 10.0)
        XCTAssertEqual(wow.direction, "improving")
        XCTAssertEqual(wow.title, "Company net sales up 10.0% on the week")
    }

    func testStoreMomentumComparesTwoCompleteWeeks() throws {
        // Days 7–13 at 1,000.00, days 0–6 at 1,200.00: +20 %. With one day missing: nothing.
        let full = (0...13).map { Self.store("0001", daysAgo: $0, net: $0 < 7 ? 120_000 : 100_000, tx: 100) }
        let i = Self.insights(full, expected: ["0001"])
        let momentum = try XCTUnwrap(i.trends.first { $0.type == "store_momentum" })
        XCTAssertEqual(momentum.changePercent, 20.0)
        XCTAssertEqual(momentum.affectedItems, ["0001"])
        let gap = Self.insights(full.filter { $0.date != Self.today.adding(days: -10).text }, expected: ["0001"])
        XCTAssertNil(gap.trends.first { $0.type == "store_momentum" }, "a week with a day missing is not complete")
    }

    func testRisingProductIsATrendAndAnInventoryRecommendationBecauseOfIt() throws {
        // SKU X sold 10 units on each earlier Thursday (30 on the other days) and 14 today:
        // +40 % against the same weekday, high significance.
        func day(_ ago: Int, units: Int64) -> ProductMetrics {
            ProductMetrics(date: Self.today.adding(days: -ago).text, products: [
                CompanyProduct(total: ProductTotal(sku: "X", name: "Xylophone", units: units, netRevenueCents: units * 1000),
                               stores: ["0001", "0002"], rank: 1),
            ])
        }
        let products = (1...28).map { day($0, units: $0 % 7 == 0 ? 10 : 30) } + [day(0, units: 14)]
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
        XCTAssertEqual(trend.description, "14 units of Xylophone (X) sold against a mean of 10 units on the previous 4 Thursdays.")
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
        let stores = Self.sameWeekdays.map { Self.store("0002", daysAgo: $0, net: 100_000, tx: 100) }
            + [Self.store("0002", daysAgo: 0, net: 10_000, tx: 10)]
        let i = Self.insights(stores, expected: ["0001", "0002"])
        // Company −90 % against last Thursday (high), store 0002 critical (high), 0001 missing
        // (medium); no momentum without two complete weeks.
        XCTAssertEqual(i.recommendations.map(\.title), [
            "Counter the company-wide sales decline", "Investigate store 0002", "Chase the upload of store 0001",
        ])
        XCTAssertEqual(i.recommendations.map(\.priority), ["high", "high", "medium"])
        XCTAssertEqual(try SalesInsights(bytes: i.jsonBytes, path: "i.json"), i)
        let text = String(decoding: i.jsonBytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\"summary\": {\n    \"anomaly_count\": 3,"))
    }
}
