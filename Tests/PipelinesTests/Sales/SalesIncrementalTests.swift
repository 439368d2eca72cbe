// Incremental behaviour of the whole sales pipeline on the 11-store × 30-day sample (with few
// sales per day to keep it quick): exactly the right targets rebuild, corrections replace
// outputs, and a rejected upload stops nothing else.

import LakeBuild
@testable import Pipelines
import XCTest

final class SalesIncrementalTests: XCTestCase {
    static let end = CalendarDate(year: 2025, month: 11, day: 27) ?? CalendarDate(daysSinceEpoch: 0)
    static let sample = SalesSampleGenerator(stores: 11, days: 30, end: end, seed: 42, salesPerDay: 3)

    func testLateUploadRebuildsItsDayAndTheInsightsWhoseWindowHoldsIt() throws {
        let lake = try SalesLakeFixture()
        let late = "store_0004_2025-11-10.json"
        lake.add(Self.sample, skipping: [late])
        let first = try lake.build()
        XCTAssertEqual(first.exitStatus, 0)
        XCTAssertTrue(lake.fs.exists("reports/sales/daily/date=2025-11-27/report.html"))

        lake.add(Self.sample)  // the late file lands; the others are rewritten unchanged
        let report = try lake.build()
        // The day itself, all of it.
        var required: Set<String> = [
            "processed/sales/date=2025-11-10/store_id=0004/data.parquet",
            "metrics/sales/stores/date=2025-11-10/store_id=0004.json",
            "metrics/sales/company/date=2025-11-10.json",
            "metrics/sales/products/date=2025-11-10.json",
            "reports/quicksight/store_summaries/date=2025-11-10.ndjson",
            "reports/quicksight/top_products/date=2025-11-10.ndjson",
        ]
        // Every insight whose 28-day window holds the day (to the sample's end, 2025-11-27),
        // and every report whose 7-day company window does.
        let insightDays = (0...17).map { CalendarDate(year: 2025, month: 11, day: 10 + $0).map(\.text) ?? "" }
        for d in insightDays { required.insert("reports/sales/insights/date=\(d).json") }
        for d in insightDays.prefix(8) { required.insert("reports/sales/daily/date=\(d)/report.txt") }
        // Reports and exports of later days run only when their insights changed.
        var allowed = required
        for d in insightDays {
            allowed.insert("reports/sales/daily/date=\(d)/report.txt")
            for dataset in ["anomalies", "trends", "recommendations"] { allowed.insert("reports/quicksight/\(dataset)/date=\(d).ndjson") }
        }
        for dataset in QuickSightExport.datasets { allowed.insert("reports/quicksight/\(dataset)/manifest.json") }
        let ran = Set(report.ran)
        XCTAssertEqual(report.ran.count, ran.count, "nothing runs twice")
        XCTAssertEqual(required.subtracting(ran), [], "these must rebuild")
        XCTAssertEqual(ran.subtracting(allowed), [], "nothing else may rebuild")
        let company = lake.fs.contents("metrics/sales/company/date=2025-11-10.json") ?? ""
        XCTAssertTrue(company.contains("\"complete\": true"))
        // The history is one company file per day: the insights' inputs do not grow with stores.
        let inputs = try XCTUnwrap(try lake.catalog.target(producing: "reports/sales/insights/date=2025-11-27.json")).inputs.map(\.path)
        XCTAssertEqual(inputs.filter { $0.hasPrefix("metrics/sales/stores/") }.count, 11, "the day's stores only")
        XCTAssertEqual(inputs.filter { $0.hasPrefix("metrics/sales/company/") }.count, 29)
        XCTAssertEqual(inputs.filter { $0.hasPrefix("metrics/sales/products/") }.count, 29)
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
        XCTAssertTrue(company.contains("\"stores_missing\": [],"), company)
        XCTAssertTrue(company.contains("\"stores_rejected\": [\n    \"0003\"\n  ]"), company)
        XCTAssertTrue(company.contains("\"complete\": false"), company)
        XCTAssertTrue(lake.fs.exists("reports/sales/daily/date=2025-11-20/report.html"))
    }
}
