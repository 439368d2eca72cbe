import Catalog
import XCTest

final class StoredPlanRecordTests: XCTestCase {
    func testSaveLoadReplaceAndClear() throws {
        let catalog = try Catalog.open(path: ":memory:")
        XCTAssertNil(try catalog.loadStoredPlan())
        try catalog.saveStoredPlan(config: "a", base: [1, 2, 3])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: [1, 2, 3]))
        try catalog.saveStoredPlan(config: "b", base: [])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "b", base: []))
        try catalog.clearStoredPlan()
        XCTAssertNil(try catalog.loadStoredPlan())
    }

    func testChangesAreReadInOrderAndAnUnfinishedOneHidesThePlan() throws {
        let catalog = try Catalog.open(path: ":memory:")
        try catalog.saveStoredPlan(config: "a", base: [1])
        try catalog.finishStoredPlanChange(id: nil, change: [2])
        let id = try catalog.beginStoredPlanChange()
        XCTAssertNil(try catalog.loadStoredPlan(), "a build that began a change and did not finish it leaves no plan")
        try catalog.finishStoredPlanChange(id: id, change: [3])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: [1], changes: [[2], [3]]))
        try catalog.saveStoredPlan(config: "a", base: [4])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: [4]), "a whole plan drops the changes")
        _ = try catalog.beginStoredPlanChange()
        try catalog.clearStoredPlan()
        XCTAssertNil(try catalog.loadStoredPlan())
    }

    /// Clearing hides the plan without deleting its bytes (a build about to write a whole
    /// plan clears it first): nothing brings it back but a whole plan saved anew.
    func testAClearedPlanStaysHiddenUntilAWholeOneIsSaved() throws {
        let catalog = try Catalog.open(path: ":memory:")
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try catalog.saveStoredPlan(config: "a", base: big, graph: big.reversed())
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: big, graphSize: big.count))
        XCTAssertEqual(try catalog.loadStoredPlanGraph(), big.reversed())
        try catalog.clearStoredPlan()
        XCTAssertNil(try catalog.loadStoredPlan())
        try catalog.finishStoredPlanChange(id: nil, change: [5])
        let id = try catalog.beginStoredPlanChange()
        try catalog.finishStoredPlanChange(id: id, change: [6])
        XCTAssertNil(try catalog.loadStoredPlan(), "changes finished after a clear do not bring the plan back")
        try catalog.saveStoredPlan(config: "b", base: [1, 2], graph: [])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "b", base: [1, 2], graphSize: 0))
        XCTAssertEqual(try catalog.loadStoredPlanGraph(), [])
    }

    func testTheGraphIsReadOnlyWhenAskedFor() throws {
        let catalog = try Catalog.open(path: ":memory:")
        XCTAssertEqual(try catalog.loadStoredPlanGraph(), [])
        try catalog.saveStoredPlan(config: "a", base: [1], graph: [9, 8])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: [1], graphSize: 2), "the plan without its graph, but its size")
        XCTAssertEqual(try catalog.loadStoredPlanGraph(), [9, 8])
    }

    func testLoadingIsOneStatement() throws {
        let catalog = try Catalog.open(path: ":memory:")
        try catalog.saveStoredPlan(config: "a", base: Array(repeating: 7, count: 100_000))
        try catalog.finishStoredPlanChange(id: nil, change: [1, 2])
        let before = catalog.statementCount
        XCTAssertEqual(try catalog.loadStoredPlan()?.changes, [[1, 2]])
        XCTAssertEqual(catalog.statementCount - before, 1)
    }
}
