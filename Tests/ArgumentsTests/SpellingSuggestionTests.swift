import XCTest
@testable import Arguments

/// Distances worked out by hand, and which names are close enough to suggest.
final class SpellingSuggestionTests: XCTestCase {
    func testDistanceCountsEditsAndAdjacentSwaps() {
        XCTAssertEqual(SpellingSuggestion.distance("", ""), 0)
        XCTAssertEqual(SpellingSuggestion.distance("", "abc"), 3)
        XCTAssertEqual(SpellingSuggestion.distance("jobs", "jobs"), 0)
        XCTAssertEqual(SpellingSuggestion.distance("jbos", "jobs"), 1)   // swap
        XCTAssertEqual(SpellingSuggestion.distance("shema", "schema"), 1) // insertion
        XCTAssertEqual(SpellingSuggestion.distance("buildd", "build"), 1) // deletion
        XCTAssertEqual(SpellingSuggestion.distance("bxild", "build"), 1)  // substitution
        XCTAssertEqual(SpellingSuggestion.distance("kitten", "sitting"), 3)
        // Optimal string alignment does not edit a swapped pair again: "ca" -> "abc" is 3.
        XCTAssertEqual(SpellingSuggestion.distance("ca", "abc"), 3)
    }

    func testClosestPrefersTheSmallestDistanceThenTheFirstListed() {
        XCTAssertEqual(SpellingSuggestion.closest(to: "lnie", among: ["line", "lines"]), "line")
        XCTAssertEqual(SpellingSuggestion.closest(to: "cat", among: ["bat", "car"]), "bat")
        XCTAssertEqual(SpellingSuggestion.closest(to: "cat", among: ["car", "bat"]), "car")
    }

    func testShortNamesNeedCloseSpelling() {
        // "json" is 4 long, so at most 1 edit; "jobs" is 2 substitutions away.
        XCTAssertNil(SpellingSuggestion.closest(to: "jobs", among: ["json"]))
        // "cp" is 2 long, so at most 1 edit; "ls" is 2 substitutions away.
        XCTAssertNil(SpellingSuggestion.closest(to: "ls", among: ["cat", "cp"]))
        XCTAssertEqual(SpellingSuggestion.closest(to: "cq", among: ["cat", "cp"]), "cp")
    }

    func testUniquePrefixIsSuggestedButAmbiguousOneIsNot() {
        XCTAssertEqual(SpellingSuggestion.closest(to: "retry", among: ["retry-failed", "rules"]), "retry-failed")
        XCTAssertNil(SpellingSuggestion.closest(to: "no", among: ["no-wait", "no-color"]))
        XCTAssertNil(SpellingSuggestion.closest(to: "r", among: ["retry-failed"]))
    }

    /// The rules parser's cases (directives and actions): plausible typos only.
    func testRulesDirectivesAndActions() {
        XCTAssertEqual(SpellingSuggestion.closest(to: "sales.reprt", among: ["sales.parquet", "sales.report"]), "sales.report")
        XCTAssertEqual(SpellingSuggestion.closest(to: "rul", among: ["in", "out", "rule", "run"]), "rule", "a tie goes to the first listed")
        XCTAssertEqual(SpellingSuggestion.closest(to: "inn", among: ["in", "out", "rule", "run"]), "in")
        XCTAssertNil(SpellingSuggestion.closest(to: "ab", among: ["in", "out"]))
        XCTAssertNil(SpellingSuggestion.closest(to: "flights.density", among: ["sales.report"]))
    }
}
