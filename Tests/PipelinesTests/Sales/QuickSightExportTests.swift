// QuickSight export: flat NDJSON rows and the manifest's latest-30 window, checked against
// the layout QuickSight documents for S3 manifests.

import Foundation
import LakeBuild
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

    /// Runs the action over `files` (path → content) with `parameters`; returns the URIs.
    private func manifestURIs(_ files: [String: String], parameters: [Parameter] = [Parameter(key: "keep", value: "3")]) throws -> [String] {
        let context = ActionContext(
            rule: "quicksight_manifest", binding: Binding(["dataset": "trends"]), parameters: parameters,
            inputs: [files.keys.sorted()], outputs: ["reports/quicksight/trends/manifest.json"],
            reader: { path throws(FileSystemError) in Array((files[path] ?? "").utf8) })
        guard case .outputs(let outputs, _) = try QuickSightManifest.action.perform(context) else { throw ManifestMissing() }
        let m = try JSONValue.parse(try XCTUnwrap(outputs.first))
        guard case .array(let uris)? = m["fileLocations"]?[0]?["URIs"] else { throw ManifestMissing() }
        return uris.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    private struct ManifestMissing: Error {}

    func testEmptyPartitionsAreNotListedAndTheWindowStaysKeepDates() throws {
        let files = Dictionary(uniqueKeysWithValues: paths(5).enumerated().map { ($1, $0 == 3 ? "" : "{\"date\":\"d\"}\n") })
        XCTAssertEqual(try manifestURIs(files), [paths(5)[2], paths(5)[4]], "of the latest 3 dates, the empty 4th is left out")
        let withBase = try manifestURIs(files, parameters: [Parameter(key: "base", value: "s3://b/lake"), Parameter(key: "keep", value: "3")])
        XCTAssertEqual(withBase, ["s3://b/lake/" + paths(5)[2], "s3://b/lake/" + paths(5)[4]])
    }

    private func rules(_ text: String) throws -> RuleSet {
        try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: PipelineActions.registry.knownNames)
    }

    static let manifestRule = """
        rule manifest
          in   reports/quicksight/{dataset}/date=*.ndjson
          out  reports/quicksight/{dataset}/manifest.json
          run  quicksight.manifest keep=30

        rule other
          in   raw/{name}.txt
          out  processed/{name}.txt
          run  copy

        """

    func testTheBaseSettingBecomesAParameterOfEveryManifestRuleOnly() throws {
        let given = try rules(Self.manifestRule)
        let set = try QuickSightManifest.withBase("s3://bucket/lake", in: given)
        XCTAssertEqual(set.rules[0].action, .builtin(name: "quicksight.manifest",
                                                     parameters: [Parameter(key: "base", value: "s3://bucket/lake"), Parameter(key: "keep", value: "30")],
                                                     location: given.rules[0].action.location))
        XCTAssertEqual(set.rules[1].action, given.rules[1].action)
        for none in [nil, ""] {
            XCTAssertEqual(try QuickSightManifest.withBase(none, in: given).rules.map(\.action), given.rules.map(\.action))
        }
    }

    func testABaseWrittenInTheRulesIsRefused() throws {
        let given = try rules(Self.manifestRule.replacingOccurrences(of: "keep=30", with: "keep=30 base=s3://x"))
        XCTAssertThrowsError(try QuickSightManifest.withBase(nil, in: given)) { error in
            XCTAssertEqual((error as? QuickSightManifest.BaseInRules)?.rule, "manifest")
            XCTAssertEqual((error as? QuickSightManifest.BaseInRules)?.location.line, 4)
        }
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
