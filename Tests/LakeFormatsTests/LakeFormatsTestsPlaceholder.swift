import XCTest
@testable import LakeFormats

final class LakeFormatsTestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
