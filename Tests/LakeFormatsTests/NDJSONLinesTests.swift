import XCTest
@testable import LakeFormats

final class NDJSONLinesTests: XCTestCase {
    private func lines(_ text: String) -> [(Int, String)] {
        NDJSONLines(Array(text.utf8)).map { ($0.lineNumber, String(decoding: $0.bytes, as: UTF8.self)) }
    }

    func testSplitsOnLineFeedsAndKeepsLineNumbers() {
        let result = lines("{\"a\":1}\n{\"a\":2}\r\n\n  \t\n{\"a\":3}")
        XCTAssertEqual(result.map(\.0), [1, 2, 5])
        XCTAssertEqual(result.map(\.1), ["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"])
    }

    func testEmptyInputAndTrailingNewline() {
        XCTAssertTrue(lines("").isEmpty)
        XCTAssertEqual(lines("[]\n").map(\.1), ["[]"])
    }

    func testEachLineParsesWithJSONReader() throws {
        var values: [JSONValue] = []
        for line in NDJSONLines(Array("{\"x\":\"a\"}\n{\"x\":\"b\"}\n".utf8)) {
            values.append(try JSONValue.parse(Array(line.bytes)))
        }
        XCTAssertEqual(values.map { $0["x"] }, [.string("a"), .string("b")])
    }
}
