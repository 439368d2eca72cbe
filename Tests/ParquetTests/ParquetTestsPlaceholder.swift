import XCTest
@testable import Parquet

final class ParquetTestsPlaceholder: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
