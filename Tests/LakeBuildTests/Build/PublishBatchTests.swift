// Outputs are published in batches whose syncs are grouped (`PublishQueue`): a dependent
// starts only once the batch holding its inputs is published and journaled, and an output
// that cannot be published fails its own target, not the rest of its batch.

import Catalog
import LakeBuild
import XCTest

final class PublishBatchTests: XCTestCase {
    func testIndependentOutputsShareBatchesAndDependentsComeAfterThem() throws {
        for jobs in [1, 2, 3] {
            let f = try EngineFixture(rules: IncrementalBuildTests.rules)
            for k in 0..<24 { f.fs.put("raw/t/f\(k).txt", "line \(k)\n") }
            let report = try f.build(BuildOptions(jobs: jobs))
            XCTAssertEqual(report.exitStatus, 0)
            XCTAssertEqual(report.counts.built, 25)
            let batches = f.fs.publishBatches
            XCTAssertEqual(batches.joined().count, 25, "every output published once (jobs \(jobs))")
            XCTAssertLessThan(batches.count, 25, "the uploads' outputs are published together (jobs \(jobs)): \(batches)")
            let aggregate = try XCTUnwrap(batches.firstIndex { $0.contains("metrics/all.txt") })
            let lastMember = try XCTUnwrap(batches.lastIndex { $0.contains { $0.hasPrefix("processed/") } })
            XCTAssertLessThan(lastMember, aggregate, "the aggregate runs after its members are published (jobs \(jobs))")
            XCTAssertTrue(f.fs.contents("metrics/all.txt")?.hasPrefix("processed/t/f0.txt: LINE 0\n") ?? false)

            // Everything was journaled: the next build has nothing to do.
            let next = try f.build(BuildOptions(jobs: jobs))
            XCTAssertEqual(f.runner.ran, [])
            XCTAssertEqual(next.upToDateCount, 25)
        }
    }

    func testAnOutputThatCannotBePublishedFailsOnlyItsTarget() throws {
        let f = try EngineFixture(rules: IncrementalBuildTests.rules)
        for name in ["a", "b", "c"] { f.fs.put("raw/t/\(name).txt", "\(name)\n") }
        f.fs.refusedOutputs = ["processed/t/b.txt": .io(path: "processed/t/b.txt", operation: "fsync", errno: EIO)]
        let report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        let outcome = try XCTUnwrap(report.targets.first { $0.primaryOutput == "processed/t/b.txt" }?.outcome)
        guard case .failed(_, let error) = outcome else { return XCTFail("b failed to publish: \(outcome)") }
        XCTAssertEqual(error, "processed/t/b.txt: fsync failed: input/output error")
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "A\n")
        XCTAssertEqual(f.fs.contents("processed/t/c.txt"), "C\n")
        XCTAssertFalse(f.fs.exists("processed/t/b.txt"))
        XCTAssertEqual(f.fs.contents("metrics/all.txt"), "processed/t/a.txt: A\nprocessed/t/c.txt: C\n",
                       "the aggregate is built from what was published")

        // The failed target is retried, and only it and what reads it run.
        f.fs.refusedOutputs = [:]
        let retry = try f.build()
        XCTAssertEqual(retry.exitStatus, 0)
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/b.txt"])
        XCTAssertEqual(f.fs.contents("metrics/all.txt"), "processed/t/a.txt: A\nprocessed/t/b.txt: B\nprocessed/t/c.txt: C\n")
    }
}
