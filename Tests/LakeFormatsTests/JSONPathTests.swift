import XCTest
@testable import LakeFormats

final class JSONPathTests: XCTestCase {
    func testRootAndSimpleSteps() {
        XCTAssertEqual(JSONPath.root.description, "$")
        XCTAssertEqual(JSONPath.root.appending(.index(3)).appending(.key("unit_price")).description, "$[3].unit_price")
    }

    func testKeysThatAreNotIdentifiersAreBracketedJSONStrings() {
        let path = JSONPath(components: [.key("unit price"), .key("2x"), .key("a\"b"), .key(""), .key("_ok9")])
        XCTAssertEqual(path.description, #"$["unit price"]["2x"]["a\"b"][""]._ok9"#)
    }
}
