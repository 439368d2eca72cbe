import XCTest
@testable import LakeBuild

final class LakeBuildTestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
