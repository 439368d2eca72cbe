import Foundation
import XCTest

/// The QuickSight manifests' base URI comes from the lake's one setting (`quicksight.base` in
/// `lake/lake.conf`, or `--quicksight-base` for one build), never from a rules file; empty
/// partitions are not listed.
final class QuickSightSettingTests: XCTestCase {
    /// Copies stand in for the pipelines' exports; the manifest rule is the repository's.
    private func lake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: """
            rule export
              in   raw/q/{dataset}/{day}.ndjson
              out  reports/quicksight/{dataset}/date={day}.ndjson
              run  copy

            """)
        try lake.write("../rules/quicksight.rules",
                       try String(contentsOfFile: FlightsLake.repository + "/rules/quicksight.rules", encoding: .utf8))
        try lake.write("raw/q/trends/2025-11-01.ndjson", "{\"date\":\"2025-11-01\"}\n")
        try lake.write("raw/q/trends/2025-11-02.ndjson", "")
        try lake.write("raw/q/trends/2025-11-03.ndjson", "{\"date\":\"2025-11-03\"}\n")
        return lake
    }

    private func uris(_ lake: TemporaryLake) throws -> [String] {
        let text = try XCTUnwrap(lake.read("reports/quicksight/trends/manifest.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let locations = try XCTUnwrap(object["fileLocations"] as? [[String: Any]])
        return try XCTUnwrap(locations.first?["URIs"] as? [String])
    }

    private func partitions(under base: String) -> [String] {
        ["2025-11-01", "2025-11-03"].map { base + "reports/quicksight/trends/date=\($0).ndjson" }
    }

    func testLakeConfSetsTheBaseAndChangingItRebuildsOnlyTheManifest() throws {
        let lake = try lake()
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertTrue(lake.exists("reports/quicksight/trends/date=2025-11-02.ndjson"), "the empty day is exported")
        XCTAssertEqual(try uris(lake), partitions(under: ""), "lake-relative without a base; the empty day is not listed")

        try lake.write("lake.conf", "# where the lake is published\n\nquicksight.base = s3://bucket/lake \n")
        let rebuilt = try lake.run("build")
        XCTAssertEqual(rebuilt.status, 0, rebuilt.stderr)
        XCTAssertTrue(rebuilt.stdout.contains("build 2: 1 built, 0 unchanged"), rebuilt.stdout)
        XCTAssertEqual(try uris(lake), partitions(under: "s3://bucket/lake/"))
        XCTAssertEqual(try lake.run("status", "-q").status, 0, "status reads the same setting, so nothing is stale")
        XCTAssertTrue(try lake.run("build").stdout.contains("0 built"))
    }

    func testTheFlagOverridesLakeConfForOneBuild() throws {
        let lake = try lake()
        defer { lake.remove() }
        try lake.write("lake.conf", "quicksight.base=s3://bucket/lake\n")
        let flagged = try lake.run("build", "--quicksight-base", "https://example.com/exports/")
        XCTAssertEqual(flagged.status, 0, flagged.stderr)
        XCTAssertEqual(try uris(lake), partitions(under: "https://example.com/exports/"))
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(try uris(lake), partitions(under: "s3://bucket/lake/"))
    }

    func testABaseInTheRulesOrAnUnknownSettingIsAnError() throws {
        let lake = try lake()
        defer { lake.remove() }
        let rules = try String(contentsOfFile: FlightsLake.repository + "/rules/quicksight.rules", encoding: .utf8)
        try lake.write("../rules/quicksight.rules", rules.replacingOccurrences(of: "keep=30", with: "keep=30 base=s3://x"))
        let refused = try lake.run("build")
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("rule quicksight_manifest sets base=, but the QuickSight base URI is a setting of the lake"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("quicksight.base = URI' in lake/lake.conf"), refused.stderr)
        XCTAssertFalse(lake.exists("reports/quicksight/trends/manifest.json"))

        try lake.write("../rules/quicksight.rules", rules)
        try lake.write("lake.conf", "quicksight.bsae = s3://x\n")
        let typo = try lake.run("build")
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("lake/lake.conf:1: unknown setting 'quicksight.bsae'"), typo.stderr)
        try lake.write("lake.conf", "s3://x\n")
        XCTAssertTrue(try lake.run("build").stderr.contains("lake/lake.conf:1: expected 'key = value'"))
    }
}
