import XCTest
@testable import Catalog

final class CatalogTestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
