import XCTest
@testable import LakeBuild

/// The spec's example rules file and the line-level syntax, checked against values written
/// out by hand from README §4.
final class RulesParserTests: XCTestCase {
    static let specExample = """
    # Each store-day upload becomes one Parquet partition.
    rule sales_parquet
      in   raw/sales/store_{store:\\d{4}}_{date:date}.json
      out  processed/sales/date={date}/store_id={store}/data.parquet
      run  sales.parquet

    # All stores of a day, plus the expected-store list.
    rule company_metrics
      in   metrics/sales/stores/date={date:date}/store_id=*.json
      in   reference/stores.csv
      out  metrics/sales/company/date={date}.json
      run  sales.company_metrics

    # The day and the seven days before it.
    rule sales_insights
      in   metrics/sales/company/date={date:date}.json
      in   metrics/sales/stores/date={date-7d..date}/store_id=*.json
      in   metrics/sales/products/date={date-7d..date}.json
      out  reports/sales/insights/date={date}.json
      run  sales.insights

    # One run, two outputs.
    rule sales_report
      in   reports/sales/insights/date={date:date}.json
      in   metrics/sales/company/date={date-7d..date}.json
      out  reports/sales/daily/date={date}/report.txt
      out  reports/sales/daily/date={date}/report.html
      run  sales.report chain="Smurf Memorabilia"

    # Any command can be a rule: {in} and {out} are substituted, the command writes {out}.
    rule store_csv
      in   processed/sales/date={date}/store_id={store}/data.parquet
      out  reports/csv/{date}/{store}.csv
      run  sh lakemake parquet cat --csv {in} > {out}

    """

    static let salesActions: Set<String> = ["sales.parquet", "sales.company_metrics", "sales.insights", "sales.report", "copy"]

    // Pattern-building shorthands for the expected values.
    func lit(_ s: String) -> PathPattern.Part { .literal(s) }
    func wc(_ n: String, _ t: PathPattern.WildcardType? = nil) -> PathPattern.Part { .wildcard(name: n, type: t) }
    func pattern(_ text: String, _ segments: [[PathPattern.Part]]) -> PathPattern {
        PathPattern(text: text, segments: segments.map { PathPattern.Segment(parts: $0) })
    }
    func at(_ line: Int, _ column: Int, _ file: String = "sales.rules") -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    func parseSpec() throws -> RuleSet {
        try RulesParser.parse([RulesSource(file: "sales.rules", text: Self.specExample)], knownActions: Self.salesActions)
    }

    func assertRule(_ rule: Rule?, name: String, location: SourceLocation, inputs: [(PathPattern, SourceLocation)],
                    outputs: [(PathPattern, SourceLocation)], action: ActionInvocation, line: UInt = #line) {
        guard let rule else { return XCTFail("rule \(name) missing", line: line) }
        XCTAssertEqual(rule.name, name, line: line)
        XCTAssertEqual(rule.location, location, line: line)
        XCTAssertEqual(rule.inputs.map(\.pattern), inputs.map(\.0), line: line)
        XCTAssertEqual(rule.inputs.map(\.location), inputs.map(\.1), line: line)
        XCTAssertEqual(rule.outputs.map(\.pattern), outputs.map(\.0), line: line)
        XCTAssertEqual(rule.outputs.map(\.location), outputs.map(\.1), line: line)
        XCTAssertEqual(rule.action, action, line: line)
    }

    func testSpecExampleRuleNamesInSourceOrder() throws {
        XCTAssertEqual(try parseSpec().rules.map(\.name),
                       ["sales_parquet", "company_metrics", "sales_insights", "sales_report", "store_csv"])
    }

    func testSpecSalesParquet() throws {
        assertRule(try parseSpec().rule(named: "sales_parquet"), name: "sales_parquet", location: at(2, 1),
                   inputs: [(pattern("raw/sales/store_{store:\\d{4}}_{date:date}.json",
                                     [[lit("raw")], [lit("sales")],
                                      [lit("store_"), wc("store", .regex("\\d{4}")), lit("_"), wc("date", .date), lit(".json")]]),
                             at(3, 8))],
                   outputs: [(pattern("processed/sales/date={date}/store_id={store}/data.parquet",
                                      [[lit("processed")], [lit("sales")], [lit("date="), wc("date")],
                                       [lit("store_id="), wc("store")], [lit("data.parquet")]]),
                              at(4, 8))],
                   action: .builtin(name: "sales.parquet", parameters: [], location: at(5, 8)))
    }

    func testSpecCompanyMetricsAggregateAndLiteralInput() throws {
        let rule = try parseSpec().rule(named: "company_metrics")
        assertRule(rule, name: "company_metrics", location: at(8, 1),
                   inputs: [(pattern("metrics/sales/stores/date={date:date}/store_id=*.json",
                                     [[lit("metrics")], [lit("sales")], [lit("stores")], [lit("date="), wc("date", .date)],
                                      [lit("store_id="), .star, lit(".json")]]), at(9, 8)),
                            (pattern("reference/stores.csv", [[lit("reference")], [lit("stores.csv")]]), at(10, 8))],
                   outputs: [(pattern("metrics/sales/company/date={date}.json",
                                      [[lit("metrics")], [lit("sales")], [lit("company")], [lit("date="), wc("date"), lit(".json")]]),
                              at(11, 8))],
                   action: .builtin(name: "sales.company_metrics", parameters: [], location: at(12, 8)))
        XCTAssertEqual(rule?.inputs.map(\.isAggregate), [true, false])
    }

    func testSpecSalesInsightsWindows() throws {
        let window = PathPattern.Part.dateWindow(name: "date", fromDays: -7, toDays: 0)
        assertRule(try parseSpec().rule(named: "sales_insights"), name: "sales_insights", location: at(15, 1),
                   inputs: [(pattern("metrics/sales/company/date={date:date}.json",
                                     [[lit("metrics")], [lit("sales")], [lit("company")], [lit("date="), wc("date", .date), lit(".json")]]),
                             at(16, 8)),
                            (pattern("metrics/sales/stores/date={date-7d..date}/store_id=*.json",
                                     [[lit("metrics")], [lit("sales")], [lit("stores")], [lit("date="), window],
                                      [lit("store_id="), .star, lit(".json")]]), at(17, 8)),
                            (pattern("metrics/sales/products/date={date-7d..date}.json",
                                     [[lit("metrics")], [lit("sales")], [lit("products")], [lit("date="), window, lit(".json")]]),
                             at(18, 8))],
                   outputs: [(pattern("reports/sales/insights/date={date}.json",
                                      [[lit("reports")], [lit("sales")], [lit("insights")], [lit("date="), wc("date"), lit(".json")]]),
                              at(19, 8))],
                   action: .builtin(name: "sales.insights", parameters: [], location: at(20, 8)))
    }

    func testSpecSalesReportTwoOutputsAndQuotedParameter() throws {
        let rule = try parseSpec().rule(named: "sales_report")
        XCTAssertEqual(rule?.location, at(23, 1))
        XCTAssertEqual(rule?.outputs.map(\.pattern.text),
                       ["reports/sales/daily/date={date}/report.txt", "reports/sales/daily/date={date}/report.html"])
        XCTAssertEqual(rule?.outputs.map(\.location), [at(26, 8), at(27, 8)])
        XCTAssertEqual(rule?.inputs.last?.pattern.segments.last?.parts,
                       [lit("date="), .dateWindow(name: "date", fromDays: -7, toDays: 0), lit(".json")])
        XCTAssertEqual(rule?.action, .builtin(name: "sales.report",
                                             parameters: [Parameter(key: "chain", value: "Smurf Memorabilia")],
                                             location: at(28, 8)))
    }

    func testSpecStoreCsvShellCommandAndPlainWildcardsDeclareAny() throws {
        assertRule(try parseSpec().rule(named: "store_csv"), name: "store_csv", location: at(31, 1),
                   inputs: [(pattern("processed/sales/date={date}/store_id={store}/data.parquet",
                                     [[lit("processed")], [lit("sales")], [lit("date="), wc("date", .any)],
                                      [lit("store_id="), wc("store", .any)], [lit("data.parquet")]]), at(32, 8))],
                   outputs: [(pattern("reports/csv/{date}/{store}.csv",
                                      [[lit("reports")], [lit("csv")], [wc("date")], [wc("store"), lit(".csv")]]), at(33, 8))],
                   action: .shell(command: "lakemake parquet cat --csv {in} > {out}", location: at(34, 8)))
    }

    func testCommentsBlankLinesTabsAndCarriageReturns() throws {
        let text = "# top\r\n\r\nrule r # named r\r\n\tin\traw/{x}.json   # the input\r\n  # a note\r\nout processed/a#b/{x}.json\r\nrun copy # no parameters\r\n"
        let rule = try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: ["copy"]).rules.first
        XCTAssertEqual(rule?.name, "r")
        XCTAssertEqual(rule?.location, SourceLocation(file: "t.rules", line: 3, column: 1))
        XCTAssertEqual(rule?.inputs.first?.pattern.text, "raw/{x}.json")
        XCTAssertEqual(rule?.inputs.first?.location, SourceLocation(file: "t.rules", line: 4, column: 5))
        XCTAssertEqual(rule?.outputs.first?.pattern.text, "processed/a#b/{x}.json")
        XCTAssertEqual(rule?.action, .builtin(name: "copy", parameters: [], location: SourceLocation(file: "t.rules", line: 7, column: 5)))
    }

    func testHashInsideQuotesAndRegexIsNotAComment() throws {
        let text = """
        rule r
        in raw/{x:[#a]+} #comment
        out processed/{x}.json
        run copy title="A # B" zeta=z alpha="say \\"hi\\"\\n\\\\" # trailing
        rule s
        in raw/s/{y}.json
        out processed/s/{y}.txt
        run sh echo '# not a comment' "# nor this" \\# nor this # but this is
        """
        let rules = try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: ["copy"]).rules
        XCTAssertEqual(rules.first?.inputs.first?.pattern.segments.last?.parts, [wc("x", .regex("[#a]+"))])
        XCTAssertEqual(rules.first?.action, .builtin(name: "copy", parameters: [
            Parameter(key: "alpha", value: "say \"hi\"\n\\"),
            Parameter(key: "title", value: "A # B"),
            Parameter(key: "zeta", value: "z"),
        ], location: SourceLocation(file: "t.rules", line: 4, column: 5)))
        XCTAssertEqual(rules.last?.action, .shell(command: "echo '# not a comment' \"# nor this\" \\# nor this",
                                                  location: SourceLocation(file: "t.rules", line: 8, column: 5)))
    }

    func testWindowsWithBothOffsetsAndForwardWindow() throws {
        let text = """
        rule r
        in raw/{d:date}.json
        in raw/{d-7d..d-1d}.json
        in raw/{d..d+2d}.json
        out processed/{d}.json
        run copy
        """
        let inputs = try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: ["copy"]).rules.first?.inputs
        XCTAssertEqual(inputs?[1].pattern.segments[1].parts, [.dateWindow(name: "d", fromDays: -7, toDays: -1), lit(".json")])
        XCTAssertEqual(inputs?[2].pattern.segments[1].parts, [.dateWindow(name: "d", fromDays: 0, toDays: 2), lit(".json")])
    }

    func testRepeatedSameTypeIsStoredUntyped() throws {
        let text = "rule r\nin raw/{d:date}/{d:date}.json\nout processed/{d:date}.json\nrun copy\n"
        let rule = try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: ["copy"]).rules.first
        XCTAssertEqual(rule?.inputs.first?.pattern.segments.map(\.parts), [[lit("raw")], [wc("d", .date)], [wc("d"), lit(".json")]])
        XCTAssertEqual(rule?.outputs.first?.pattern.segments.last?.parts, [wc("d"), lit(".json")])
        XCTAssertEqual(rule?.wildcardTypes, ["d": .date])
    }

    func testRulesFromSeveralFilesKeepFileThenSourceOrder() throws {
        let a = RulesSource(file: "a.rules", text: "rule one\nin raw/a/{x}.json\nout processed/a/{x}.json\nrun copy\n")
        let b = RulesSource(file: "b.rules", text: "rule two\nin raw/b/{x}.json\nout processed/b/{x}.json\nrun copy\n")
        let rules = try RulesParser.parse([a, b], knownActions: ["copy"]).rules
        XCTAssertEqual(rules.map(\.name), ["one", "two"])
        XCTAssertEqual(rules.map(\.location.file), ["a.rules", "b.rules"])
    }

    func testCommentOnlySourceGivesNoRules() throws {
        XCTAssertEqual(try RulesParser.parse([RulesSource(file: "t.rules", text: "# nothing yet\n\n")], knownActions: []).rules.count, 0)
    }

    func testLoadReadsRulesFilesInNameOrderAndIgnoresOthers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "rule later\nin raw/b/{x}.json\nout processed/b/{x}.json\nrun copy\n"
            .write(to: directory.appendingPathComponent("b.rules"), atomically: true, encoding: .utf8)
        try "rule earlier\nin raw/a/{x}.json\nout processed/a/{x}.json\nrun copy\n"
            .write(to: directory.appendingPathComponent("a.rules"), atomically: true, encoding: .utf8)
        try "rule ignored\n".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let rules = try RulesParser.load(directory: directory.path, knownActions: ["copy"]).rules
        XCTAssertEqual(rules.map(\.name), ["earlier", "later"])
        XCTAssertEqual(rules.map(\.location.file), ["a.rules", "b.rules"])
    }
}
