// Discovery on its own: rules and a listing in, the plan out. No disk, no catalog.

import XCTest
@testable import LakeBuild

final class TargetDiscoveryTests: XCTestCase {
    private func plan(_ rules: String, _ paths: [String]) throws -> TargetGraph {
        let set = try RulesParser.parse([RulesSource(file: "t.rules", text: rules)], knownActions: ["copy"])
        var listing = LakeListing()
        for (i, p) in paths.enumerated() { listing.files[p] = FileStat(device: 1, inode: UInt64(i + 1), size: 1, mtimeNs: 1, ctimeNs: 1) }
        return TargetDiscovery.plan(rules: set, listing: listing)
    }

    func testTwoBindingsWritingOneOutputAreBothRefusedAndEverythingElseIsPlanned() throws {
        let rules = """
            rule first
              in   raw/ex/{a}_{b}.txt
              out  processed/{a}.txt
              run  copy

            rule next
              in   processed/{a}.txt
              out  reports/{a}.txt
              run  copy

            """
        let graph = try plan(rules, ["raw/ex/x_1.txt", "raw/ex/x_2.txt", "raw/ex/x_3.txt", "raw/ex/y_1.txt"])
        XCTAssertEqual(graph.targets.map(\.primaryOutput), ["processed/y.txt", "reports/y.txt"])
        XCTAssertEqual(graph.refused.flatMap(\.paths).sorted(), ["raw/ex/x_1.txt", "raw/ex/x_2.txt", "raw/ex/x_3.txt"])
        let first = try XCTUnwrap(graph.refused.first { $0.paths == ["raw/ex/x_1.txt"] })
        XCTAssertEqual(first.rule, "first")
        XCTAssertTrue(first.message.contains("processed/x.txt") && first.message.contains("raw/ex/x_2.txt"), first.message)
        XCTAssertEqual(graph.producer["reports/y.txt"], 1)
        XCTAssertEqual(graph.targets[1].dependencies, [0])
        XCTAssertTrue(graph.unmatched.isEmpty, "refused files are accepted by a rule, so not unmatched")
    }

    func testWildcardValuesThatAreNoPlainSegmentAreRefused() throws {
        let rules = """
            rule r
              in   raw/ex/{name}.csv
              out  processed/{name}/data.csv
              run  copy

            """
        let graph = try plan(rules, ["raw/ex/good.csv", "raw/ex/...csv", "raw/ex/..csv", "raw/ex/a\u{7}b.csv"])
        XCTAssertEqual(graph.targets.map(\.primaryOutput), ["processed/good/data.csv"])
        XCTAssertEqual(graph.refused.map(\.paths).flatMap { $0 }.sorted(), ["raw/ex/...csv", "raw/ex/..csv", "raw/ex/a\u{7}b.csv"])
        XCTAssertTrue(graph.refused.contains { $0.message.contains("'..'") && $0.message.contains("{name}") })
        XCTAssertTrue(graph.refused.contains { $0.message.contains("'.'") })
        XCTAssertTrue(graph.refused.contains { $0.message.contains("control character") && $0.message.contains("a\\x07b") })
    }

    func testFirstLineBindingsWithOtherLinesFilledIn() throws {
        let rules = """
            rule day
              in   raw/d/{date:date}.txt
              in   raw/d/{date-1d..date-1d}.txt
              in   reference/list.csv
              out  processed/d/{date}.txt
              run  copy

            """
        let graph = try plan(rules, ["raw/d/2025-01-01.txt", "raw/d/2025-01-02.txt", "raw/d/notes.md"])
        XCTAssertEqual(graph.targets.map(\.primaryOutput), ["processed/d/2025-01-01.txt", "processed/d/2025-01-02.txt"])
        XCTAssertEqual(graph.targets[1].inputs, [["raw/d/2025-01-02.txt"], ["raw/d/2025-01-01.txt"], []])
        XCTAssertEqual(graph.targets[1].missingInputs, ["reference/list.csv"])
        XCTAssertEqual(graph.unmatched.map(\.path), ["raw/d/notes.md"])
    }
}
