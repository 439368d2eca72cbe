import XCTest
@testable import LakeBuild

/// `mayOverlap` on hand-picked pairs, plus a soundness sweep: whenever a concrete path matches
/// both patterns (decided by an independent regular-expression translation), the check must
/// say they may overlap.
final class PathPatternOverlapTests: XCTestCase {
    func p(_ segments: [PathPattern.Part]...) -> PathPattern {
        PathPattern(text: "", segments: segments.map { PathPattern.Segment(parts: $0) })
    }
    func lit(_ s: String) -> PathPattern.Part { .literal(s) }
    func wc(_ n: String, _ t: PathPattern.WildcardType? = .any) -> PathPattern.Part { .wildcard(name: n, type: t) }

    func testSegmentCountsMustAgree() {
        XCTAssertFalse(p([lit("a")], [lit("b")]).mayOverlap(p([lit("a")], [lit("b")], [lit("c")])))
        XCTAssertFalse(p([.star]).mayOverlap(p([lit("a")], [lit("b")])))
    }

    func testLiterals() {
        XCTAssertTrue(p([lit("metrics")], [lit("a.json")]).mayOverlap(p([lit("metrics")], [lit("a.json")])))
        XCTAssertFalse(p([lit("metrics")], [lit("a.json")]).mayOverlap(p([lit("metrics")], [lit("b.json")])))
    }

    func testPlainWildcardIsNeverEmpty() {
        XCTAssertTrue(p([lit("processed")], [wc("x"), lit(".json")]).mayOverlap(p([lit("processed")], [lit("a.json")])))
        XCTAssertFalse(p([lit("processed")], [wc("x"), lit(".json")]).mayOverlap(p([lit("processed")], [lit(".json")])))
    }

    func testStarMayBeEmptyAndStaysInItsSegment() {
        let members = p([lit("store_id="), .star, lit(".json")])
        XCTAssertTrue(members.mayOverlap(p([lit("store_id=.json")])))
        XCTAssertTrue(members.mayOverlap(p([lit("store_id=0001.json")])))
        XCTAssertFalse(members.mayOverlap(p([lit("store_id=0001.csv")])))
        XCTAssertTrue(p([lit("a"), .star]).mayOverlap(p([.star, lit("b")])))
        XCTAssertTrue(p([.star]).mayOverlap(p([.star])))
    }

    func testLiteralPrefixAndSuffixAroundWildcards() {
        XCTAssertFalse(p([lit("a"), wc("x"), lit("b")]).mayOverlap(p([wc("y"), lit("c")])))
        XCTAssertFalse(p([lit("a"), wc("x")]).mayOverlap(p([lit("b"), wc("y")])))
        XCTAssertTrue(p([lit("a"), wc("x")]).mayOverlap(p([wc("y"), lit("b")])))
    }

    func testDateWildcardsMatchOnlyDateShapedText() {
        let daily = p([lit("date="), wc("d", .date), lit(".json")])
        XCTAssertTrue(daily.mayOverlap(p([lit("date=2025-11-27.json")])))
        XCTAssertFalse(daily.mayOverlap(p([lit("date=latest.json")])))
        XCTAssertFalse(daily.mayOverlap(p([lit("date=2025-11-2.json")])))
        XCTAssertTrue(daily.mayOverlap(p([lit("date="), .star, lit(".json")])))
        XCTAssertFalse(daily.mayOverlap(p([lit("date="), .star, lit(".csv")])))
    }

    func testWindowsBehaveLikeDates() {
        let window = p([lit("date="), .dateWindow(name: "d", fromDays: -7, toDays: 0), lit(".json")])
        XCTAssertTrue(window.mayOverlap(p([lit("date="), wc("d", .date), lit(".json")])))
        XCTAssertTrue(window.mayOverlap(p([lit("date=2025-01-01.json")])))
        XCTAssertFalse(window.mayOverlap(p([lit("date=x.json")])))
    }

    func testRegexIsTreatedAsAnyTextSoItNeverHidesAnOverlap() {
        XCTAssertTrue(p([wc("s", .regex("\\d{4}")), lit(".json")]).mayOverlap(p([lit("0001.json")])))
        XCTAssertTrue(p([wc("s", .regex("a*")), lit(".json")]).mayOverlap(p([lit(".json")])))
    }

    func testUntypedWildcardsTakeTheRuleTypeOnceResolved() {
        let output = p([lit("date="), wc("date", nil), lit(".json")])
        let latest = p([lit("date=latest.json")])
        XCTAssertTrue(output.mayOverlap(latest), "an untyped wildcard may be anything")
        XCTAssertFalse(output.resolvingTypes(["date": .date]).mayOverlap(latest))
        XCTAssertEqual(output.resolvingTypes(["date": .date]).segments[0].parts, [lit("date="), wc("date", .date), lit(".json")])
    }

    func testUntypedWildcardTakesTheTypeDeclaredEarlierInTheSamePattern() {
        let pattern = p([wc("d", .date)], [lit("x="), wc("d", nil)])
        XCTAssertFalse(pattern.mayOverlap(p([lit("2025-01-01")], [lit("x=today")])))
        XCTAssertTrue(pattern.mayOverlap(p([lit("2025-01-01")], [lit("x=2025-01-02")])))
    }

    /// Every pattern over a small vocabulary against every other: if some short path over
    /// {a, b} matches both (per NSRegularExpression on a translation written for this test),
    /// `mayOverlap` must say true.
    func testSoundAgainstBruteForceOverShortPaths() throws {
        let vocabulary: [PathPattern.Part] = [lit("a"), lit("ab"), lit("b"), .star, wc("x")]
        var segments: [[PathPattern.Part]] = [[]]
        for _ in 0..<3 { segments = segments.flatMap { s in vocabulary.map { s + [$0] } } + segments }
        segments = segments.filter { !$0.isEmpty }
        var strings: [String] = [""]
        var frontier: [String] = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { [$0 + "a", $0 + "b"] }
            strings += frontier
        }
        func regex(_ parts: [PathPattern.Part]) throws -> NSRegularExpression {
            var text = "^"
            for part in parts {
                switch part {
                case .literal(let s): text += NSRegularExpression.escapedPattern(for: s)
                case .star: text += "[^/]*"
                case .wildcard: text += "[^/]+"
                case .dateWindow: text += "[0-9]{4}-[0-9]{2}-[0-9]{2}"
                }
            }
            return try NSRegularExpression(pattern: text + "$")
        }
        let compiled = try segments.map { try regex($0) }
        let matches: [[Bool]] = compiled.map { re in
            strings.map { re.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
        }
        var checkedPairs = 0, disjointPairs = 0
        for i in segments.indices {
            for j in segments.indices {
                let common = strings.indices.contains { matches[i][$0] && matches[j][$0] }
                let answer = p(segments[i]).mayOverlap(p(segments[j]))
                if common { XCTAssertTrue(answer, "\(segments[i]) vs \(segments[j])") }
                if !answer { disjointPairs += 1 }
                checkedPairs += 1
            }
        }
        XCTAssertGreaterThan(disjointPairs, 0, "the sweep must include pairs the check can tell apart")
        XCTAssertEqual(checkedPairs, segments.count * segments.count)
    }
}
