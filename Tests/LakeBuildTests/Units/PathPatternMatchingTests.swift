import LakeBuild
import XCTest

final class PathPatternMatchingTests: XCTestCase {
    func pattern(_ text: String) throws -> (PathPattern, [String: PathPattern.WildcardType]) {
        let rules = try RulesParser.parse([RulesSource(file: "t.rules", text: "rule r\n  in \(text)\n  out out/x\n  run copy\n")],
                                          knownActions: ["copy"])
        let rule = rules.rules[0]
        return (rule.inputs[0].pattern, rule.wildcardTypes)
    }

    func testWildcardsRegexAndDates() throws {
        let (p, types) = try pattern(#"raw/sales/store_{store:\d{4}}_{date:date}.json"#)
        let m = PatternMatcher(p, types: types)
        XCTAssertEqual(m.literalPrefix, "raw/sales/store_")
        XCTAssertEqual(m.match("raw/sales/store_0001_2025-11-27.json"), Binding(["store": "0001", "date": "2025-11-27"]))
        XCTAssertNil(m.match("raw/sales/store_001_2025-11-27.json"), "regex needs four digits")
        XCTAssertNil(m.match("raw/sales/store_0001_2025-02-30.json"), "not a real date")
        XCTAssertNil(m.match("raw/sales/x/store_0001_2025-11-27.json"), "wildcards never cross /")
        // Found by the hostile-input corpus: the regex was anchored with `$`, which also
        // matches before a final newline, so a file name with a newline gave store "0001\n".
        XCTAssertNil(m.match("raw/sales/store_0001\n_2025-11-27.json"), "a newline is not a digit")
        XCTAssertNil(m.match("raw/sales/store_\n0001_2025-11-27.json"))
        // `\d` means the ASCII digits 0–9, not every Unicode decimal digit (ICU's meaning):
        // store ids with Arabic-Indic or full-width digits are no store ids.
        XCTAssertNil(m.match("raw/sales/store_0\u{0661}01_2025-11-27.json"), "an Arabic-Indic one")
        XCTAssertNil(m.match("raw/sales/store_\u{FF10}\u{FF10}\u{FF10}\u{FF11}_2025-11-27.json"), "full-width digits")
    }

    /// `\d` and `\D` are ASCII in every position a regex can hold them; escapes around them keep
    /// their meaning.
    func testDigitClassIsASCII() throws {
        func matcher(_ regex: String) throws -> PatternMatcher {
            let (p, types) = try pattern("raw/{v:\(regex)}.txt")
            return PatternMatcher(p, types: types)
        }
        XCTAssertNotNil(try matcher(#"[\dA-F]+"#).match("raw/09AF.txt"))
        XCTAssertNil(try matcher(#"[\dA-F]+"#).match("raw/0\u{0661}.txt"), "inside a class")
        XCTAssertNotNil(try matcher(#"x\D"#).match("raw/xy.txt"))
        XCTAssertNil(try matcher(#"x\D"#).match("raw/x5.txt"))
        XCTAssertNotNil(try matcher(#"x\D"#).match("raw/x\u{0661}.txt"), "not an ASCII digit")
        XCTAssertNotNil(try matcher(#"a\\d"#).match("raw/a\\d.txt"), "an escaped backslash then a d")
        XCTAssertNotNil(try matcher(#"\Qa\d\E"#).match("raw/a\\d.txt"), "quoted text is literal")
    }

    func testNonGreedyLeftToRightAndRepeatedNames() throws {
        let (p, types) = try pattern("raw/{a}_{b}.txt")
        let m = PatternMatcher(p, types: types)
        XCTAssertEqual(m.match("raw/x_y_z.txt"), Binding(["a": "x", "b": "y_z"]))
        let (q, qt) = try pattern("raw/{a}/{a}.txt")
        XCTAssertNotNil(PatternMatcher(q, types: qt).match("raw/k/k.txt"))
        XCTAssertNil(PatternMatcher(q, types: qt).match("raw/k/j.txt"))
    }

    func testStarAndWindowInstantiation() throws {
        let rules = try RulesParser.parse([RulesSource(file: "t.rules", text: """
        rule r
          in   metrics/{date:date}.json
          in   m/date={date-2d..date}/store_id=*.json
          out  out/{date}
          run  copy
        """)], knownActions: ["copy"])
        let line = rules.rules[0].inputs[1].pattern
        let concrete = line.instantiate(Binding(["date": "2025-03-01"]))
        XCTAssertEqual(concrete.count, 3)
        let m = PatternMatcher(concrete[0], types: [:])
        XCTAssertEqual(m.literalPrefix, "m/date=2025-02-27/store_id=")
        XCTAssertTrue(m.matches("m/date=2025-02-27/store_id=0003.json"))
        XCTAssertTrue(m.matches("m/date=2025-02-27/store_id=.json"), "* may be empty")
        XCTAssertFalse(m.matches("m/date=2025-02-28/store_id=0003.json"))
        XCTAssertEqual(PatternMatcher(concrete[2], types: [:]).literalPrefix, "m/date=2025-03-01/store_id=")
    }

    func testCalendarDates() {
        XCTAssertEqual(CalendarDate("2024-02-29")?.text, "2024-02-29")
        XCTAssertNil(CalendarDate("2023-02-29"))
        XCTAssertNil(CalendarDate("2025-13-01"))
        XCTAssertEqual(CalendarDate("1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(CalendarDate("2025-03-01")?.adding(days: -1).text, "2025-02-28")
        XCTAssertEqual(CalendarDate("2000-02-28")?.adding(days: 1).text, "2000-02-29")
        XCTAssertEqual(CalendarDate("2025-11-20")?.daysSinceEpoch, 20412)  // date -d 2025-11-20 +%s / 86400
    }
}
