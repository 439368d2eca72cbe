import Catalog
import XCTest

final class SnapshotTests: XCTestCase {
    func testSaveLoadReplaceAndClear() throws {
        let catalog = try Catalog.open(path: ":memory:")
        XCTAssertNil(try catalog.loadSnapshot())
        try catalog.saveSnapshot(NoOpSnapshot(config: "a", state: [1, 2, 3]))
        XCTAssertEqual(try catalog.loadSnapshot(), NoOpSnapshot(config: "a", state: [1, 2, 3]))
        try catalog.saveSnapshot(NoOpSnapshot(config: "b", state: []))
        XCTAssertEqual(try catalog.loadSnapshot(), NoOpSnapshot(config: "b", state: []))
        try catalog.clearSnapshot()
        XCTAssertNil(try catalog.loadSnapshot())
    }

    func testLoadingIsOneStatement() throws {
        let catalog = try Catalog.open(path: ":memory:")
        try catalog.saveSnapshot(NoOpSnapshot(config: "a", state: Array(repeating: 7, count: 100_000)))
        let before = catalog.statementCount
        _ = try catalog.loadSnapshot()
        XCTAssertEqual(catalog.statementCount - before, 1)
    }
}
