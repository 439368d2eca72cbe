// Store metrics of a five-line store-day whose every number was worked out by hand (in the
// comments), computed through the real path: JSON upload → Parquet → metrics.

import LakeFormats
import LakeBuild
@testable import Pipelines
import XCTest

final class StoreMetricsTests: XCTestCase {
    static func line(_ tx: String, _ ts: String, _ sku: String, _ name: String, _ q: Int, _ unit: String,
                     _ total: String, _ discount: String, _ method: String, _ customer: String) -> String {
        "{\"transaction_id\":\"\(tx)\",\"transaction_timestamp\":\"\(ts)\",\"item_sku\":\"\(sku)\",\"item_name\":\"\(name)\","
            + "\"quantity\":\(q),\"unit_price\":\(unit),\"line_total\":\(total),\"discount_amount\":\(discount),"
            + "\"payment_method\":\"\(method)\",\"customer_id\":\"\(customer)\"}"
    }

    static let upload: [UInt8] = Array(("[" + [
        line("T1", "2025-11-20T09:10:00Z", "A", "Alpha", 2, "10.00", "20.00", "0.0", "cash", "C1"),
        line("T1", "2025-11-20T09:10:00Z", "B", "Beta", 1, "5.50", "5.50", "0.50", "cash", "C1"),
        line("T2", "2025-11-20T14:30:00Z", "A", "Alpha", 1, "10.00", "10.00", "1.00", "credit", "C2"),
        line("T3", "2025-11-19T23:59:00Z", "C", "Gamma", 3, "3.33", "10.01", "0", "mobile", "C2"),
        line("T2", "2025-11-20T14:30:00Z", "A", "Alpha", 1, "10.00", "10.00", "1.00", "credit", "C2"),
    ].joined(separator: ",\n") + "]").utf8)

    func metrics() throws -> StoreMetrics {
        let result = SalesUploadParser.parse(Self.upload)
        guard case .items(let parsed) = result else {
            XCTFail("the test upload must parse: \(result)")
            throw StoreMetricsTestError.uploadRejected
        }
        let batch = try SalesParquet.batch(from: try SalesParquet.bytes(parsed), path: "p")
        return StoreMetrics(storeID: "0001", date: try XCTUnwrap(CalendarDate("2025-11-20")), batch: batch)
    }

    func testSumsCountsAndAverages() throws {
        let m = try metrics()
        XCTAssertEqual(m.grossCents, 5551)       // 20.00 + 5.50 + 10.00 + 10.01 + 10.00
        XCTAssertEqual(m.discountCents, 250)     // 0.50 + 1.00 + 1.00
        XCTAssertEqual(m.netCents, 5301)
        XCTAssertEqual(m.transactionCount, 3)    // T1, T2, T3
        XCTAssertEqual(m.lineCount, 5)
        XCTAssertEqual(m.itemCount, 8)           // 2 + 1 + 1 + 3 + 1
        XCTAssertEqual(m.uniqueCustomers, 2)
        XCTAssertEqual(m.avgTransactionCents, 1767)              // 53.01 / 3
        XCTAssertEqual(m.avgItemsPerTransactionHundredths, 267)  // 8 / 3 = 2.666…
    }

    func testBreakdowns() throws {
        let m = try metrics()
        XCTAssertEqual(m.paymentCents, [2500, 1800, 0, 0, 1001])  // cash, credit, debit, gift_card, mobile
        var hourly = [Int64](repeating: 0, count: 24)
        hourly[9] = 2500; hourly[14] = 1800; hourly[23] = 1001
        XCTAssertEqual(m.hourlyCents, hourly)
        XCTAssertEqual(m.products, [
            ProductTotal(sku: "A", name: "Alpha", units: 4, netRevenueCents: 3800),
            ProductTotal(sku: "C", name: "Gamma", units: 3, netRevenueCents: 1001),
            ProductTotal(sku: "B", name: "Beta", units: 1, netRevenueCents: 500),
        ])
    }

    func testDataQualityCounts() throws {
        let m = try metrics()
        XCTAssertEqual(m.lineTotalMismatches, 1)  // 3 × 3.33 = 9.99 ≠ 10.01
        XCTAssertEqual(m.offDateTimestamps, 1)    // 2025-11-19T23:59Z
        XCTAssertEqual(m.duplicateLines, 1)       // line 5 repeats line 3
    }

    func testFileHasFixedKeysAndMoneyWithTwoDecimalsAndReadsBack() throws {
        let m = try metrics()
        let text = String(decoding: m.jsonBytes, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("}\n"))
        guard case .object(let members) = try JSONValue.parse(m.jsonBytes) else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), [
            "store_id", "date", "gross_sales", "total_discount", "net_sales", "transaction_count", "line_count",
            "item_count", "unique_customers", "avg_transaction", "avg_items_per_transaction", "payment_breakdown",
            "hourly_net_sales", "products", "top_products", "data_quality",
        ])
        XCTAssertTrue(text.contains("\"net_sales\": 53.01,"))
        XCTAssertTrue(text.contains("\"debit\": 0.00,"))
        XCTAssertTrue(text.contains("\"avg_items_per_transaction\": 2.67,"))
        XCTAssertEqual(try StoreMetrics(bytes: m.jsonBytes, path: "m.json"), m)
    }

    func testHalfEvenRounding() {
        XCTAssertEqual(Money.divideHalfEven(5, 2), 2)    // 2.5 → 2
        XCTAssertEqual(Money.divideHalfEven(15, 2), 8)   // 7.5 → 8
        XCTAssertEqual(Money.divideHalfEven(-15, 2), -8)
        XCTAssertEqual(Money.divideHalfEven(7, 3), 2)
        XCTAssertEqual(Money.divideHalfEven(1, 0), 0)
        XCTAssertEqual(Money.grouped(1_234_567), "12,345.67")
    }
}

/// The fixture upload did not parse, so no metric can be checked.
private enum StoreMetricsTestError: Error { case uploadRejected }
