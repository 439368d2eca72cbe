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
    func report() throws -> DailyReport {
        let today = try XCTUnwrap(CalendarDate("2025-11-20"))
        var stores: [StoreMetrics] = []
        for ago in 0...3 {
            for (id, net) in [("0001", 100_000), ("0002", ago == 0 ? 20_000 : 80_000)] as [(String, Int64)] {
                var m = StoreMetrics(storeID: id, date: today.adding(days: -ago).text)
                m.grossCents = net
                m.transactionCount = 10
                m.itemCount = 25
                m.paymentCents = [net / 2, net / 2, 0, 0, 0]
                m.hourlyCents[10] = net
                m.products = [ProductTotal(sku: "SMURF-MUG-001", name: "Smurf <Mushroom> Mug", units: 5, netRevenueCents: net)]
                stores.append(m)
            }
        }
        let expected = ["0001", "0002", "0003"].map { StoreInfo(id: $0, name: "", city: "", opened: "") }
        let window = (0...3).map { ago in
            CompanyMetrics(date: today.adding(days: -ago).text, stores: stores.filter { $0.date == today.adding(days: -ago).text }, expected: expected)
        }
        let todays = stores.filter { $0.date == today.text }
        let company = try XCTUnwrap(window.first)
        let insights = SalesInsights(window: SalesWindow(date: today, company: company, stores: stores, products: []))
        return DailyReport(chain: "Smurf Memorabilia", company: company, companyWindow: window,
                           products: ProductMetrics(date: today.text, stores: todays), stores: todays, insights: insights)
    }

    func testTextHasTheTitleSummaryAndMarkers() throws {
        let text = try report().text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "SMURF MEMORABILIA DAILY SALES REPORT")
        XCTAssertTrue(lines.contains("  Net sales:             1,200.00"))     // 1,000.00 + 200.00
        XCTAssertTrue(lines.contains("  Stores reporting:      2/3 (missing: 0003)"))
        XCTAssertTrue(lines.contains("  Average transaction:   60.00"))        // 1,200.00 / 20
        XCTAssertTrue(lines.contains("  [!!!] Unusually low net sales at store 0002"))
        XCTAssertTrue(lines.contains("  [!] No upload from store 0003"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("  [HIGH] Investigate store 0002") })
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
        XCTAssertTrue(html.contains("SMURF MEMORABILIA DAILY SALES REPORT"))
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
