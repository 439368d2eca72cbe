import XCTest
@testable import LakeFormats

final class LakemakeCLITestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
