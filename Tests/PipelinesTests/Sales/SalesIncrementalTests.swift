// Incremental behaviour of the whole sales pipeline on the 11-store × 30-day sample (with few
// sales per day to keep it quick): exactly the right targets rebuild, corrections replace
// outputs, and a rejected upload stops nothing else.

import LakeBuild
@testable import Pipelines
import XCTest

final class SalesIncrementalTests: XCTestCase {
    static let end = CalendarDate(year: 2025, month: 11, day: 27) ?? CalendarDate(daysSinceEpoch: 0)
    static let sample = SalesSampleGenerator(stores: 11, days: 30, end: end, seed: 42, salesPerDay: 3)

    func testLateUploadRebuildsItsDayAndTheFollowingSevenDaysOnly() throws {
        let lake = try SalesLakeFixture()
        let late = "store_0004_2025-11-10.json"
        lake.add(Self.sample, skipping: [late])
        let first = try lake.build()
        XCTAssertEqual(first.exitStatus, 0)
        XCTAssertTrue(lake.fs.exists("reports/sales/daily/date=2025-11-27/report.html"))

        lake.add(Self.sample)  // the late file lands; the others are rewritten unchanged
        let report = try lake.build()
        let days = (0...7).map { CalendarDate(year: 2025, month: 11, day: 10 + $0).map(\.text) ?? "" }
        var expected: Set<String> = [
            "processed/sales/date=2025-11-10/store_id=0004/data.parquet",
            "metrics/sales/stores/date=2025-11-10/store_id=0004.json",
            "metrics/sales/company/date=2025-11-10.json",
            "metrics/sales/products/date=2025-11-10.json",
            "reports/quicksight/store_summaries/date=2025-11-10.ndjson",
            "reports/quicksight/top_products/date=2025-11-10.ndjson",
        ]
        for d in days {
            expected.insert("reports/sales/insights/date=\(d).json")
            expected.insert("reports/sales/daily/date=\(d)/report.txt")
            for dataset in ["anomalies", "trends", "recommendations"] { expected.insert("reports/quicksight/\(dataset)/date=\(d).ndjson") }
        }
        for dataset in QuickSightExport.datasets { expected.insert("reports/quicksight/\(dataset)/manifest.json") }
        XCTAssertEqual(Set(report.ran), expected)
        XCTAssertEqual(report.ran.count, expected.count)
        let company = lake.fs.contents("metrics/sales/company/date=2025-11-10.json") ?? ""
        XCTAssertTrue(company.contains("\"complete\": true"))
    }

    func testCorrectedReuploadReplacesTheOutputs() throws {
        let lake = try SalesLakeFixture()
        lake.add(SalesSampleGenerator(stores: 2, days: 3, end: Self.end, seed: 7, salesPerDay: 3))
        try lake.build()
        let corrected = "[{\"transaction_id\":\"T\",\"transaction_timestamp\":\"2025-11-27T12:00:00Z\",\"item_sku\":\"S\","
            + "\"item_name\":\"N\",\"quantity\":1,\"unit_price\":10.00,\"line_total\":10.00,\"discount_amount\":0,"
            + "\"payment_method\":\"cash\",\"customer_id\":\"C\"}]"
        lake.fs.put("raw/sales/store_0002_2025-11-27.json", corrected)
        let report = try lake.build()
        XCTAssertTrue(report.ran.contains("processed/sales/date=2025-11-27/store_id=0002/data.parquet"))
        let metrics = lake.fs.contents("metrics/sales/stores/date=2025-11-27/store_id=0002.json") ?? ""
        XCTAssertTrue(metrics.contains("\"net_sales\": 10.00,"), metrics)
        XCTAssertTrue(metrics.contains("\"transaction_count\": 1,"))
        let summaries = lake.fs.contents("reports/quicksight/store_summaries/date=2025-11-27.ndjson") ?? ""
        XCTAssertTrue(summaries.contains("\"store_id\":\"0002\",\"gross_sales\":10.00,"))
    }

    func testRejectedUploadDoesNotStopTheOther329() throws {
        let lake = try SalesLakeFixture()
        lake.add(Self.sample)
        let bad = "raw/sales/store_0003_2025-11-20.json"
        lake.fs.put(bad, "[{\"transaction_id\": \"T\", \"quantity\": 0}]")
        let report = try lake.build()
        XCTAssertEqual(report.exitStatus, 1)
        let partitions = lake.fs.allPaths.filter { $0.hasPrefix("processed/sales/") }
        XCTAssertEqual(partitions.count, 329)
        XCTAssertFalse(lake.fs.exists("processed/sales/date=2025-11-20/store_id=0003/data.parquet"))
        let rejection = lake.fs.contents("rejected/sales/store_0003_2025-11-20.json.error.json") ?? ""
        XCTAssertTrue(rejection.contains("\"rule\": \"sales_parquet\""))
        XCTAssertTrue(rejection.contains("\"path\": \"$[0].quantity\""))
        let company = lake.fs.contents("metrics/sales/company/date=2025-11-20.json") ?? ""
        XCTAssertTrue(company.contains("\"stores_missing\": [\n    \"0003\"\n  ]"), company)
        XCTAssertTrue(lake.fs.exists("reports/sales/daily/date=2025-11-20/report.html"))
    }
}
