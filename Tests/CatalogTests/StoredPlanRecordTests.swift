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
        XCTAssertEqual(try catalog.loadStoredPlan()?.graph.read(), big.reversed())
        try catalog.clearStoredPlan()
        XCTAssertNil(try catalog.loadStoredPlan())
        try catalog.finishStoredPlanChange(id: nil, change: [5])
        let id = try catalog.beginStoredPlanChange()
        try catalog.finishStoredPlanChange(id: id, change: [6])
        XCTAssertNil(try catalog.loadStoredPlan(), "changes finished after a clear do not bring the plan back")
        try catalog.saveStoredPlan(config: "b", base: [1, 2], graph: [])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "b", base: [1, 2], graphSize: 0))
        XCTAssertEqual(try catalog.loadStoredPlan()?.graph.read(), [])
    }

    func testTheGraphIsReadOnlyWhenAskedFor() throws {
        let catalog = try Catalog.open(path: ":memory:")
        try catalog.saveStoredPlan(config: "a", base: [1], graph: [9, 8])
        let record = try XCTUnwrap(try catalog.loadStoredPlan())
        XCTAssertEqual(record, StoredPlanRecord(config: "a", base: [1], graphSize: 2), "the plan without its graph, but its size")
        XCTAssertEqual(record.graph.read(), [9, 8])
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

/// The whole plan of a catalog on disk is a file beside it, named by the catalog's row.
final class StoredPlanFileTests: XCTestCase {
    private func planFiles(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("-plan-") }.sorted()
    }

    func testEachWholePlanIsAFileOfItsOwnAndTheOneItReplacesGoes() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        try catalog.saveStoredPlan(config: "a", base: [1, 2, 3], graph: [4, 5])
        XCTAssertEqual(try planFiles(directory), ["catalog.db-plan-1"])
        XCTAssertEqual(FileManager.default.contents(atPath: directory.file("catalog.db-plan-1")), Data([1, 2, 3, 4, 5]))
        try catalog.saveStoredPlan(config: "b", base: [6], graph: [7, 8, 9])
        XCTAssertEqual(try planFiles(directory), ["catalog.db-plan-2"])
        // Another connection (a read-only command) reads the same plan.
        let reader = try Catalog.openReadOnly(path: directory.file("catalog.db"))
        let record = try XCTUnwrap(try reader.loadStoredPlan())
        XCTAssertEqual(record, StoredPlanRecord(config: "b", base: [6], graphSize: 3))
        XCTAssertEqual(record.graph.read(), [7, 8, 9])
    }

    /// A plan handed over in pieces (as the engine encodes it, the files on another core) is
    /// the pieces one after the other, its CRC-32 theirs together: it reads back whole, from
    /// the file and from memory alike.
    func testAPlanSavedInPiecesReadsBackWhole() throws {
        let directory = try TemporaryDirectory(self)
        let pieces: [[UInt8]] = [[1, 2], [], (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }, [3]]
        let whole = Array(pieces.joined())
        for catalog in [try Catalog.open(path: directory.file("catalog.db")), try Catalog.open(path: ":memory:")] {
            try catalog.saveStoredPlan(config: "a", baseParts: pieces, graph: [9, 8])
            let record = try XCTUnwrap(try catalog.loadStoredPlan())
            XCTAssertEqual(record, StoredPlanRecord(config: "a", base: whole, graphSize: 2))
            XCTAssertEqual(record.graph.read(), [9, 8])
        }
        XCTAssertEqual(FileManager.default.contents(atPath: directory.file("catalog.db-plan-1")), Data(whole + [9, 8]))
    }

    /// A build reads the graph part well after the files part; a build that replaced the plan
    /// in between must not hand it the new plan's graph.
    func testTheGraphReadLaterIsThePlanTheFilesCameFrom() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        try catalog.saveStoredPlan(config: "a", base: [1], graph: [2, 3])
        let record = try XCTUnwrap(try catalog.loadStoredPlan())
        try catalog.saveStoredPlan(config: "a", base: [1], graph: [4, 5])
        XCTAssertEqual(try planFiles(directory), ["catalog.db-plan-2"])
        XCTAssertEqual(record.graph.read(), [2, 3])
        XCTAssertEqual(try catalog.loadStoredPlan()?.graph.read(), [4, 5])
    }

    /// A file lost or torn (a power cut after the row's commit: the file is never synced) is
    /// no plan at all, and the next build plans in full.
    func testAMissingOrDamagedFileIsNoPlan() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        let file = directory.file("catalog.db-plan-1")
        try catalog.saveStoredPlan(config: "a", base: [1, 2, 3], graph: [4, 5])
        for (damaged, what) in [([1, 2, 9, 4, 5], "a byte of the files part"), ([1, 2], "cut short"), ([0, 0, 0, 0, 0], "zeros")] as [([UInt8], String)] {
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            XCTAssertNil(try catalog.loadStoredPlan(), what)
        }
        try Data([1, 2, 3, 4, 9]).write(to: URL(fileURLWithPath: file))
        XCTAssertNil(try catalog.loadStoredPlan()?.graph.read(), "a byte of the graph part")
        try FileManager.default.removeItem(atPath: file)
        XCTAssertNil(try catalog.loadStoredPlan(), "no file")
        try catalog.saveStoredPlan(config: "a", base: [6], graph: [])
        XCTAssertEqual(try catalog.loadStoredPlan()?.graph.read(), [])
    }

    /// A build killed after writing its file and before committing the row that names it
    /// leaves the file behind: the next whole plan written replaces it, and removes it.
    func testAFileNoRowNamesIsReplacedAndRemoved() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        try catalog.saveStoredPlan(config: "a", base: [1], graph: [2])
        try Data([9, 9, 9, 9]).write(to: URL(fileURLWithPath: directory.file("catalog.db-plan-2")))
        try Data([9]).write(to: URL(fileURLWithPath: directory.file("catalog.db-plan-7")))
        XCTAssertEqual(try catalog.loadStoredPlan()?.graph.read(), [2], "the row still names its own file")
        try catalog.saveStoredPlan(config: "a", base: [3], graph: [4])
        XCTAssertEqual(try planFiles(directory), ["catalog.db-plan-2"])
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: [3], graphSize: 1))
    }

    /// A file that cannot be written fails with the file named, and the plan stored before
    /// stays the plan.
    func testAFileThatCannotBeWrittenLeavesThePlanBefore() throws {
        let directory = try TemporaryDirectory(self)
        let catalog = try Catalog.open(path: directory.file("catalog.db"))
        try catalog.saveStoredPlan(config: "a", base: [1], graph: [2])
        try FileManager.default.createDirectory(atPath: directory.file("catalog.db-plan-2"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try catalog.saveStoredPlan(config: "b", base: [3])) { error in
            guard case .planFile(let path, let detail) = error as? CatalogError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, directory.file("catalog.db-plan-2"))
            XCTAssertTrue(detail.contains("directory"), detail)
        }
        XCTAssertEqual(try catalog.loadStoredPlan(), StoredPlanRecord(config: "a", base: [1], graphSize: 1))
    }
}
