// QuickSight export: flat NDJSON rows and the manifest's latest-30 window, checked against
// the layout QuickSight documents for S3 manifests.

import Foundation
import LakeFormats
@testable import Pipelines
import XCTest

final class QuickSightExportTests: XCTestCase {
    func paths(_ n: Int) -> [String] {
        (1...n).map { "reports/quicksight/trends/date=2025-\($0 <= 30 ? "10" : "11")-\(String(format: "%02d", ($0 - 1) % 30 + 1)).ndjson" }
    }

    func testManifestKeepsTheLatestDatesUnderTheBase() throws {
        let all = paths(35).reversed()  // member order must not matter
        let m = try JSONValue.parse(QuickSightManifest.bytes(paths: Array(all), keep: 30, base: "s3://bucket/lake/"))
        guard case .array(let uris)? = m["fileLocations"]?[0]?["URIs"] else { return XCTFail("no URIs") }
        XCTAssertEqual(uris.count, 30)
        XCTAssertEqual(uris.first, .string("s3://bucket/lake/reports/quicksight/trends/date=2025-10-06.ndjson"))
        XCTAssertEqual(uris.last, .string("s3://bucket/lake/reports/quicksight/trends/date=2025-11-05.ndjson"))
        XCTAssertEqual(m["globalUploadSettings"]?["format"], .string("JSON"))
    }

    func testManifestWithoutBaseUsesLakeRelativePaths() throws {
        let m = try JSONValue.parse(QuickSightManifest.bytes(paths: paths(2), keep: 30, base: nil))
        XCTAssertEqual(m["fileLocations"]?[0]?["URIs"]?[0], .string("reports/quicksight/trends/date=2025-10-01.ndjson"))
    }

    func testRowsAreFlatWithListsJoinedByCommas() throws {
        var insights = SalesInsights(date: "2025-11-20")
        insights.recommendations = [Recommendation(
            priority: "high", category: "inventory", title: "Restock X", description: "d", affectedStores: ["0002", "0001"],
            affectedProducts: ["X"], expectedImpact: "e", because: [InsightReference(section: "trends", index: 3, title: "t")])]
        let bytes = QuickSightExport.insightRows(dataset: "recommendations", insights: insights)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self),
                       #"{"date":"2025-11-20","priority":"high","category":"inventory","title":"Restock X","description":"d","affected_stores":"0002,0001","affected_products":"X","expected_impact":"e","because":"trends[3]"}"# + "\n")

        var store = StoreMetrics(storeID: "0001", date: "2025-11-20")
        store.grossCents = 1050
        store.discountCents = 50
        store.transactionCount = 2
        store.paymentCents = [1000, 0, 0, 0, 0]
        let summary = String(decoding: QuickSightExport.storeRows(dataset: "store_summaries", date: "2025-11-20", stores: [store]), as: UTF8.self)
        XCTAssertEqual(summary, #"{"date":"2025-11-20","store_id":"0001","gross_sales":10.50,"total_discount":0.50,"net_sales":10.00,"transaction_count":2,"line_count":0,"item_count":0,"avg_transaction":5.00,"payment_cash":10.00,"payment_credit":0.00,"payment_debit":0.00,"payment_gift_card":0.00,"payment_mobile":0.00}"# + "\n")
    }
}
