import XCTest
@testable import LakeBuild

/// Producer → consumer edges, cycle detection and the producers-first order, on rule sets
/// whose dependencies are written out by hand.
final class RuleGraphTests: XCTestCase {
    func parse(_ text: String) throws -> RuleSet {
        try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: ["copy"])
    }

    func rule(_ name: String, in input: String, out output: String) -> String {
        "rule \(name)\nin \(input)\nout \(output)\nrun copy\n"
    }

    func testSpecExampleEdges() throws {
        let ruleSet = try RulesParser.parse([RulesSource(file: "sales.rules", text: RulesParserTests.specExample)],
                                            knownActions: RulesParserTests.salesActions)
        // sales_parquet → store_csv; company_metrics → sales_insights, sales_report;
        // sales_insights → sales_report.
        XCTAssertEqual(RuleGraph(ruleSet).consumers, [[4], [2, 3], [3], [], []])
        XCTAssertEqual(RuleGraph(ruleSet).producers, [[], [], [1], [1, 2], [0]])
    }

    func testDateTypedOutputDoesNotFeedANonDateInput() throws {
        let ruleSet = try parse(rule("daily", in: "raw/{d:date}.json", out: "metrics/day={d}.json")
            + rule("latest", in: "metrics/day=latest.json", out: "reports/latest.json"))
        XCTAssertEqual(RuleGraph(ruleSet).consumers, [[], []])
    }

    func testSelfCycle() throws {
        let text = rule("grow", in: "processed/{x}.json", out: "processed/{x}.json")
        XCTAssertThrowsError(try parse(text)) { error in
            XCTAssertEqual(error as? RulesError, .cycle(rules: ["grow"], at: SourceLocation(file: "t.rules", line: 1, column: 1)))
        }
    }

    func testThreeRuleCycleStartsAtTheEarliestRule() throws {
        let text = rule("head", in: "raw/{x}.json", out: "processed/head/{x}.json")
            + rule("c", in: "processed/b/{x}.json", out: "processed/c/{x}.json")
            + rule("a", in: "processed/c/{x}.json", out: "processed/a/{x}.json")
            + rule("b", in: "processed/a/{x}.json", out: "processed/b/{x}.json")
        XCTAssertThrowsError(try parse(text)) { error in
            XCTAssertEqual(error as? RulesError, .cycle(rules: ["c", "a", "b"], at: SourceLocation(file: "t.rules", line: 5, column: 1)))
        }
    }

    func testTopologicalOrderPutsProducersFirstAndOtherwiseKeepsSourceOrder() throws {
        let chain = rule("c", in: "processed/b/{x}.json", out: "processed/c/{x}.json")
            + rule("b", in: "processed/a/{x}.json", out: "processed/b/{x}.json")
            + rule("a", in: "raw/{x}.json", out: "processed/a/{x}.json")
        let independent = rule("d", in: "raw/d/{x}.json", out: "processed/d/{x}.json")
        XCTAssertEqual(try parse(independent + chain).topologicalOrder().map(\.name), ["d", "a", "b", "c"])
        XCTAssertEqual(try parse(chain + independent).topologicalOrder().map(\.name), ["a", "b", "c", "d"])
    }

    func testTopologicalOrderOfTheSpecExampleIsItsSourceOrder() throws {
        let ruleSet = try RulesParser.parse([RulesSource(file: "sales.rules", text: RulesParserTests.specExample)],
                                            knownActions: RulesParserTests.salesActions)
        XCTAssertEqual(ruleSet.topologicalOrder().map(\.name),
                       ["sales_parquet", "company_metrics", "sales_insights", "sales_report", "store_csv"])
    }

    func testAggregateInputCountsAsAnEdge() throws {
        let text = rule("report", in: "metrics/day={d:date}/all.json", out: "reports/{d}.txt")
            + "rule per_store\nin raw/{store}/{d:date}.json\nout metrics/day={d}/store={store}.json\nrun copy\n"
            + "rule all\nin metrics/day={d:date}/store=*.json\nout metrics/day={d}/all.json\nrun copy\n"
        XCTAssertEqual(try parse(text).topologicalOrder().map(\.name), ["per_store", "all", "report"])
    }
}
