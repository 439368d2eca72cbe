import XCTest
@testable import LakeBuild

/// Edit distances from the textbook examples, and when a suggestion is (not) offered.
final class NameSuggestionTests: XCTestCase {
    func testEditDistanceKnownValues() {
        XCTAssertEqual(NameSuggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(NameSuggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(NameSuggestion.editDistance("abc", ""), 3)
        XCTAssertEqual(NameSuggestion.editDistance("flaw", "lawn"), 2)
        XCTAssertEqual(NameSuggestion.editDistance("same", "same"), 0)
    }

    func testClosestIsOfferedOnlyForPlausibleTypos() {
        XCTAssertEqual(NameSuggestion.closest(to: "sales.reprt", among: ["sales.report", "sales.parquet"]), "sales.report")
        XCTAssertEqual(NameSuggestion.closest(to: "rul", among: ["run", "rule", "in", "out"]), "rule", "tie at one edit: the name that sorts first")
        XCTAssertNil(NameSuggestion.closest(to: "ab", among: ["in", "out"]))
        XCTAssertNil(NameSuggestion.closest(to: "flights.density", among: ["sales.report"]))
    }
}
