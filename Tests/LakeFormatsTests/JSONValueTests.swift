import XCTest
@testable import LakeFormats

final class JSONValueTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    func testBuildsTreeWithMembersInDocumentOrder() throws {
        let value = try parse(#"{"z": 1, "a": [true, null, "s"], "m": {}}"#)
        guard case let .object(members) = value else { return XCTFail("expected an object") }
        XCTAssertEqual(members.map(\.key), ["z", "a", "m"])
        XCTAssertEqual(value["a"], .array([.bool(true), .null, .string("s")]))
        XCTAssertEqual(value["a"]?[2], .string("s"))
        XCTAssertEqual(value["m"], .object([]))
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["a"]?[3])
    }

    func testScalarDocument() throws {
        XCTAssertEqual(try parse("\"x\""), .string("x"))
        XCTAssertEqual(try parse("-1.25"), .number(JSONNumber(validLiteral: "-1.25")))
    }

    func testEqualityIsOrderSensitiveForMembers() throws {
        XCTAssertNotEqual(try parse(#"{"a":1,"b":2}"#), try parse(#"{"b":2,"a":1}"#))
        XCTAssertEqual(try parse(#"{"a":1,"b":2}"#), try parse(#"{ "a" : 1 , "b" : 2 }"#))
    }

    func testDuplicateKeyIsRejectedWithItsPosition() {
        // The second "b" starts at byte offset 16, column 17, inside element 1.
        XCTAssertThrowsError(try parse(#"[{"a":1},{"b":2,"b":3}]"#)) { error in
            guard let error = error as? JSONError else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(error.reason, .duplicateKey("b"))
            XCTAssertEqual(error.location, JSONLocation(line: 1, column: 17, offset: 16))
            XCTAssertEqual(error.path.description, "$[1].b")
        }
    }

    func testSameKeyInDifferentObjectsIsFine() throws {
        XCTAssertNoThrow(try parse(#"{"a": {"a": {"a": 1}}}"#))
    }

    func testSyntaxErrorsPropagate() {
        XCTAssertThrowsError(try parse("[1,]")) { error in
            XCTAssertEqual((error as? JSONError)?.reason, .trailingComma)
        }
    }

    func testDeepDocumentDoesNotOverflowTheStack() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try parse(text)) { error in
            XCTAssertEqual((error as? JSONError)?.reason, .depthLimitExceeded(limit: 1000))
        }
    }
}
