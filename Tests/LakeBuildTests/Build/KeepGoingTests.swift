// Rejected versus failed (spec §5.6): both recorded, dependents skipped, everything else built.

import Catalog
import LakeBuild
import XCTest

final class KeepGoingTests: XCTestCase {
    static let rules = """
    rule checked
      in   raw/t/{name}.txt
      out  processed/t/{name}.txt
      run  test.check

    rule shout
      in   processed/t/{name}.txt
      out  reports/t/{name}.txt
      run  test.upper

    rule all
      in   processed/t/*.txt
      out  metrics/all.txt
      run  test.concat
    """

    func testRejectedFileGetsErrorDocumentDependentsSkippedOthersBuilt() throws {
        let f = try EngineFixture(rules: Self.rules)
        f.fs.put("raw/t/a.txt", "fine\n")
        f.fs.put("raw/t/b.txt", "xx BAD\n")
        let report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/a.txt", "processed/t/b.txt", "reports/t/a.txt"])
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "reports/t/b.txt" }?.outcome,
                       .skipped(cause: "processed/t/b.txt was not built"))
        XCTAssertEqual(f.fs.contents("metrics/all.txt"), "processed/t/a.txt: fine\n", "a rejected member is absent")
        let expected = """
        {
          "file": "raw/t/b.txt",
          "rule": "checked",
          "errors": [
            {
              "line": 1,
              "column": 4,
              "message": "found BAD"
            }
          ],
          "error_count": 1
        }

        """
        XCTAssertEqual(f.fs.contents("rejected/t/b.txt.error.json"), expected)
        XCTAssertEqual(try f.catalog.target(producing: "processed/t/b.txt")?.state, .rejected)
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/t/b.txt"])
    }

    func testStandingRejectionIsNotRetriedUntilFileChangesOrRetryRequested() throws {
        let f = try EngineFixture(rules: Self.rules)
        f.fs.put("raw/t/b.txt", "BAD\n")
        try f.build()
        var report = try f.build()
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(report.exitStatus, 0, "a standing rejection is not trouble of this run")
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/t/b.txt"])
        report = try f.build(BuildOptions(retryRejected: true))
        XCTAssertEqual(f.runner.ran, ["processed/t/b.txt"])
        f.fs.put("raw/t/b.txt", "good now\n")
        report = try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/b.txt", "reports/t/b.txt"])
        XCTAssertFalse(f.fs.exists("rejected/t/b.txt.error.json"), "removed once the file is accepted")
        XCTAssertEqual(report.standingRejections.count, 0)
    }

    func testFailureIsRecordedRetriedEveryBuildAndRemovesStaleOutput() throws {
        let f = try EngineFixture(rules: """
        rule fragile
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          run  test.fragile

        rule shout
          in   processed/t/{name}.txt
          out  reports/t/{name}.txt
          run  test.upper
        """)
        f.fs.put("raw/t/a.txt", "ok\n")
        f.fs.put("raw/t/b.txt", "ok\n")
        try f.build()
        f.fs.put("raw/t/b.txt", "FAIL\n")
        var report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertEqual(f.runner.ran, ["processed/t/b.txt"])
        XCTAssertFalse(f.fs.exists("processed/t/b.txt"), "a failed target's old output is removed")
        XCTAssertFalse(f.fs.exists("reports/t/b.txt"), "and so is its skipped dependent's")
        XCTAssertEqual(try f.catalog.target(producing: "processed/t/b.txt")?.error, "cannot process")
        report = try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/b.txt"], "failed targets are retried on every build")
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "processed/t/b.txt" }?.outcome,
                       .failed(reason: .previousFailure(message: "cannot process"), error: "cannot process"))
    }

    func testMissingLiteralInputFailsOnlyThatRulesTargets() throws {
        let f = try EngineFixture(rules: """
        rule withref
          in   raw/t/{name}.txt
          in   reference/list.csv
          out  processed/t/{name}.txt
          run  test.concat

        rule plain
          in   raw/t/{name}.txt
          out  reports/t/{name}.txt
          run  test.upper
        """)
        f.fs.put("raw/t/a.txt", "a\n")
        let report = try f.build()
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "processed/t/a.txt" }?.outcome,
                       .failed(reason: nil, error: "input reference/list.csv does not exist"))
        XCTAssertEqual(f.fs.contents("reports/t/a.txt"), "A\n")
        f.fs.put("reference/list.csv", "x\n")
        try f.build()
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "raw/t/a.txt: a\nreference/list.csv: x\n")
    }

    func testAggregateThatRejectsSomeMembersStillBuildsAndKeepsTheirRejectionFiles() throws {
        let f = try EngineFixture.hourWithOneBadSnapshot()
        var report = try f.build()
        XCTAssertEqual(report.exitStatus, 1, "a member was rejected in this run")
        XCTAssertEqual(f.fs.contents("processed/h/16.txt"), "a\n")
        XCTAssertTrue(f.fs.exists("rejected/h/16/b.json.error.json"))
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/h/16/b.json"])
        report = try f.build()
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/h/16/b.json"], "still listed while it stands")
        XCTAssertEqual(report.exitStatus, 0, "a standing rejection is not trouble of this run")
        XCTAssertTrue(f.fs.exists("rejected/h/16/b.json.error.json"))
        f.fs.put("raw/h/16/b.json", "b\n")
        report = try f.build()
        XCTAssertEqual(f.fs.contents("processed/h/16.txt"), "a\nb\n")
        XCTAssertFalse(f.fs.exists("rejected/h/16/b.json.error.json"), "removed once accepted")
        XCTAssertEqual(report.standingRejections.count, 0)
    }

    /// The dry run behind `status`: a member rejection stands while its file is unchanged, also
    /// when the aggregate would run again for another member, and no longer once it changes.
    func testDryRunKeepsAMemberRejectionUntilItsFileChanges() throws {
        let f = try EngineFixture.hourWithOneBadSnapshot()
        let built = try f.build()
        let dry = BuildOptions(dryRun: true)
        XCTAssertEqual(try f.build(dry).standingRejections, built.standingRejections)
        XCTAssertEqual(built.standingRejections, [StandingRejection(
            rule: "hour", rejection: Rejection(path: "raw/h/16/b.json", errors: [RejectionDetail(line: 1, message: "bad snapshot")]))])

        f.fs.put("raw/h/16/c.json", "c\n")
        var report = try f.build(dry)
        XCTAssertEqual(report.ran, [], "a dry run runs nothing")
        XCTAssertEqual(report.standingRejections, built.standingRejections, "b.json is unchanged, so it still stands")

        f.fs.put("raw/h/16/b.json", "b\n")
        report = try f.build(dry)
        XCTAssertEqual(report.standingRejections, [], "a changed file is tried again, so its rejection no longer stands")
        try f.fs.remove("raw/h/16/b.json")
        XCTAssertEqual(try f.build(dry).standingRejections, [], "nor does a deleted one's")
    }
}
