import XCTest
@testable import Arguments

final class ArgumentsTestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
