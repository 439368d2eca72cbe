import XCTest
@testable import Pipelines

final class PipelinesTestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
