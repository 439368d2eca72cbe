import XCTest
@testable import LakeBuild

/// Where a comment starts in each kind of argument, and how a line splits into directive and argument.
final class RulesLexerTests: XCTestCase {
    func strip(_ text: String, _ mode: CommentMode) -> String {
        String(RulesLexer.stripComment(text[...], mode: mode))
    }

    func testDirectiveSplitsKeywordAndArgument() {
        let line = SourceLine(file: "t.rules", number: 1, text: " \t in \t raw/a.json  # c")
        let directive = RulesLexer.directive(in: line)
        XCTAssertEqual(directive.map { String($0.keyword) }, "in")
        XCTAssertEqual(directive.map { String($0.argument) }, "raw/a.json  # c")
        XCTAssertEqual(directive.map { $0.location(at: $0.argument.startIndex) }, SourceLocation(file: "t.rules", line: 1, column: 9))
    }

    func testBlankAndCommentLinesHaveNoDirective() {
        XCTAssertNil(RulesLexer.directive(in: SourceLine(file: "t", number: 1, text: "   \t ")))
        XCTAssertNil(RulesLexer.directive(in: SourceLine(file: "t", number: 1, text: "  # rule x")))
    }

    func testPatternCommentsNeedWhitespaceAndStayOutOfBraces() {
        XCTAssertEqual(strip("raw/a#b.json # note", .pattern), "raw/a#b.json")
        XCTAssertEqual(strip("raw/{x:[ #]+}.json\t# note", .pattern), "raw/{x:[ #]+}.json")
        XCTAssertEqual(strip("# all comment", .pattern), "")
    }

    func testParameterCommentsStayOutOfDoubleQuotes() {
        XCTAssertEqual(strip("copy a=\"x \\\" # y\" b=1 # c", .parameters), "copy a=\"x \\\" # y\" b=1")
    }

    func testShellCommentsHonourQuotesAndEscapes() {
        XCTAssertEqual(strip("sh echo 'it # is' \"so # on\" \\# x # gone", .shell), "sh echo 'it # is' \"so # on\" \\# x")
    }
}
