// The daily report as a reader sees it: the e-mail text's fixed parts and the HTML page as a
// page (well-formed, one <svg> per chart, nothing loaded from elsewhere).

#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import LakeBuild
@testable import Pipelines
import XCTest

final class DailyReportTests: XCTestCase {
    /// Names for two of the four expected stores; the others are known by id only.
    static let storeList = [StoreInfo(id: "0001", name: "Downtown Flagship", city: "Springfield", opened: "2019-03-01"),
                            StoreInfo(id: "0003", name: "Harbor Point", city: "Shelbyville", opened: "2021-09-10")]

    func report(currency: Currency = .usd) throws -> DailyReport {
        let today = try XCTUnwrap(CalendarDate("2025-11-20"))
        var stores: [StoreMetrics] = []
        // The day and the same weekday of the three weeks before it.
        let daysAgo = [0, 7, 14, 21]
        for ago in daysAgo {
            for (id, net) in [("0001", 100_000), ("0002", ago == 0 ? 20_000 : 80_000)] as [(String, Int64)] {
                var m = StoreMetrics(storeID: id, date: today.adding(days: -ago).text)
                m.grossCents = net
                m.transactionCount = id == "0002" && ago == 0 ? 1 : 10
                m.itemCount = 25
                m.paymentCents = [net / 2, net / 2, 0, 0, 0]
                m.hourlyCents[10] = net
                m.products = [ProductTotal(sku: "SMURF-MUG-001", name: "Smurf <Mushroom> Mug", units: 5, netRevenueCents: net)]
                stores.append(m)
            }
        }
        // 0003 never uploads; 0004's upload of the day was rejected.
        let expected = ["0001", "0002", "0003", "0004"].map { StoreInfo(id: $0, name: "", city: "", opened: "") }
        let companies = daysAgo.map { ago in
            CompanyMetrics(date: today.adding(days: -ago).text, stores: stores.filter { $0.date == today.adding(days: -ago).text },
                           expected: expected, rejected: ago == 0 ? ["0004"] : [])
        }
        let todays = stores.filter { $0.date == today.text }
        let company = try XCTUnwrap(companies.first)
        let insights = SalesInsights(window: SalesWindow(date: today, company: company, stores: todays,
                                                         products: [], history: Array(companies.dropFirst())))
        return DailyReport(chain: "Smurf Memorabilia", company: company, companyWindow: Array(companies.prefix(2)),
                           products: ProductMetrics(date: today.text, stores: todays), stores: todays, insights: insights,
                           storeList: Self.storeList, currency: currency)
    }

    func testTextHasTheTitleSummaryAndMarkers() throws {
        let text = try report().text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "SMURF MEMORABILIA DAILY SALES REPORT")
        XCTAssertTrue(lines.contains("  Net sales:             $1,200.00"), text)     // 1,000.00 + 200.00
        XCTAssertTrue(lines.contains("  Stores reporting:      2/4 (missing: 0003; upload rejected: 0004)"))
        XCTAssertTrue(lines.contains("  Transactions:          11"))
        XCTAssertTrue(lines.contains("  Average transaction:   $109.09"))       // 1,200.00 / 11
        XCTAssertTrue(lines.contains("  Best store:            0001 Downtown Flagship  $1,000.00"), text)
        XCTAssertTrue(lines.contains("  Worst store:           0002  $200.00"), "a store stores.csv does not name keeps its id")
        XCTAssertTrue(lines.contains("  [!!!] Unusually low net sales at store 0002"))
        XCTAssertTrue(lines.contains("  [!] No upload from store 0003"))
        XCTAssertTrue(lines.contains("  [!] Upload from store 0004 rejected"))
        XCTAssertFalse(lines.contains("  [!] No upload from store 0004"), "a rejected upload is not also missing")
        XCTAssertTrue(lines.contains("      rejected/sales/store_0004_2025-11-20.json.error.json. Its sales"), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  [HIGH] Investigate store 0002") })
        XCTAssertTrue(lines.contains("  [MED] Fix the rejected upload of store 0004"))
        // 0002 sold once against 10 on each earlier Thursday: counts are counts, not money.
        XCTAssertTrue(text.contains("Store 0002 recorded 1 transaction, under 20% of its mean of 10\n      transactions on the previous 3 Thursdays."), text)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 70 }, "a line is wider than 70 columns")
        XCTAssertTrue(text.hasSuffix("\n"))
    }

    func testHTMLIsAWellFormedSelfContainedPageWithFourCharts() throws {
        let html = try report().html
        let parser = XMLParser(data: Data(html.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        XCTAssertEqual(counter.counts["svg"], 4)  // store bars, window line, payment mix, hourly
        XCTAssertNil(counter.counts["script"])
        XCTAssertNil(counter.counts["img"])
        XCTAssertNil(counter.counts["link"])
        for forbidden in ["http:", "https:", "src=", "href=", "url(", "@import"] {
            XCTAssertFalse(html.contains(forbidden), "page refers to an external resource: \(forbidden)")
        }
        XCTAssertTrue(html.contains("Smurf &lt;Mushroom&gt; Mug"))
        // Stores by id and name where stores.csv names them, amounts with the currency.
        XCTAssertTrue(html.contains(">0001 Downtown Flagship</text>"), "the store chart names store 0001")
        XCTAssertTrue(html.contains(">0002</text>"), "an unnamed store keeps its id")
        XCTAssertTrue(html.contains("Net sales<b>$1,200.00</b>"))
        XCTAssertTrue(html.contains("Best store: <b>0001 Downtown Flagship</b> $1,000.00"))
        XCTAssertTrue(html.contains("SMURF MEMORABILIA DAILY SALES REPORT"))
    }

    /// Amounts in another currency: its symbol, or its code where it has no well-known one.
    func testCurrencyOfTheRule() throws {
        XCTAssertTrue(try report(currency: XCTUnwrap(Currency(code: "EUR"))).text.contains("  Net sales:             €1,200.00\n"))
        XCTAssertTrue(try report(currency: XCTUnwrap(Currency(code: "CHF"))).text.contains("  Net sales:             CHF 1,200.00\n"))
        XCTAssertNil(Currency(code: "usd"))
        XCTAssertNil(Currency(code: "DOLLAR"))
        let usd = Currency.usd
        XCTAssertEqual(usd.amount(-5), "-$0.05")
        XCTAssertEqual(usd.whole(4_549_350), "$45,494")   // 45,493.50 rounds half to even
        XCTAssertEqual(usd.whole(4_549_250), "$45,492")
        XCTAssertEqual([0, 50_000, 250_000, 10_000_000, 150_000_000].map { usd.compact(Double($0)) }, ["$0", "$500", "$2.5k", "$100k", "$1.5M"])
    }

    /// The e-mail lists five of each kind and says how many more the page has; the page lists all.
    func testEveryTrendIsListedOnThePage() throws {
        var r = try report()
        r.insights.trends = (1...7).map {
            Trend(type: "product_trend", significance: "low", direction: "improving", title: "Product \($0) up",
                  description: "Details \($0).", affectedItems: [], changePercent: 20)
        }
        let lines = r.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("TRENDS (7)"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("  -> Product ") }.count, 5)
        XCTAssertTrue(lines.contains("  … and 2 more in report.html"), r.text)
        let html = r.html
        for i in 1...7 { XCTAssertTrue(html.contains("-&gt; Product \(i) up"), "trend \(i) is missing from the page") }
        XCTAssertTrue(html.contains("<h2>Trends (7)</h2>"))
    }

    func testWrapKeepsWordsAndWidth() {
        XCTAssertEqual(DailyReport.wrap("aaa bbb ccc", indent: 2, width: 9), ["  aaa bbb", "  ccc"])
    }
}

/// Counts elements by name.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
