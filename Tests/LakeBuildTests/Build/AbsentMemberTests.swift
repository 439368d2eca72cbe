// Absent members (spec §5.6): an aggregate whose first line has planned members but none
// produced is not built (no phantom day), and an action learns which members are absent and
// which raw files' rejection caused it.

import Catalog
import LakeBuild
import XCTest

final class AbsentMemberTests: XCTestCase {
    /// Raw files per day, checked one by one, aggregated per day, then reported.
    static let dailyRules = """
    rule checked
      in   raw/t/{day}/{name}.txt
      out  processed/t/{day}/{name}.txt
      run  test.check

    rule daily
      in   processed/t/{day}/*.txt
      out  metrics/{day}.txt
      run  test.concat

    rule report
      in   metrics/{day}.txt
      out  reports/{day}.txt
      run  test.upper
    """

    func testDayWhoseEveryMemberIsRejectedUpstreamHasNoOutputsUntilOneIsFixed() throws {
        let f = try EngineFixture(rules: Self.dailyRules)
        f.fs.put("raw/t/d1/a.txt", "one\n")
        f.fs.put("raw/t/d2/a.txt", "two\n")
        f.fs.put("raw/t/d2/b.txt", "three\n")
        try f.build()
        XCTAssertEqual(f.fs.contents("reports/d2.txt"), "PROCESSED/T/D2/A.TXT: TWO\nPROCESSED/T/D2/B.TXT: THREE\n")

        // Every upload of d2 rejected: its aggregate and everything after it disappear.
        f.fs.put("raw/t/d2/a.txt", "BAD\n")
        f.fs.put("raw/t/d2/b.txt", "also BAD\n")
        var report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertEqual(f.runner.ran, ["processed/t/d2/a.txt", "processed/t/d2/b.txt"], "the day's aggregate does not run")
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "metrics/d2.txt" }?.outcome,
                       .skipped(cause: "no member of processed/t/{day}/*.txt was built"))
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "reports/d2.txt" }?.outcome,
                       .skipped(cause: "metrics/d2.txt was not built"))
        XCTAssertFalse(f.fs.exists("metrics/d2.txt"), "no phantom day: the old aggregate is removed")
        XCTAssertFalse(f.fs.exists("reports/d2.txt"))
        XCTAssertNil(try f.catalog.target(producing: "metrics/d2.txt"))
        XCTAssertEqual(f.fs.contents("metrics/d1.txt"), "processed/t/d1/a.txt: one\n", "other days are untouched")
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/t/d2/a.txt", "raw/t/d2/b.txt"])

        // A standing rejection keeps the day absent without running anything.
        report = try f.build()
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(report.exitStatus, 0)
        XCTAssertFalse(f.fs.exists("metrics/d2.txt"))

        // Fixing one upload brings the day back, from that upload alone.
        f.fs.put("raw/t/d2/b.txt", "fixed\n")
        report = try f.build()
        XCTAssertEqual(f.fs.contents("metrics/d2.txt"), "processed/t/d2/b.txt: fixed\n")
        XCTAssertEqual(f.fs.contents("reports/d2.txt"), "PROCESSED/T/D2/B.TXT: FIXED\n")
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/t/d2/a.txt"])
    }

    func testNeverBuiltDayWithOnlyRejectedMembersIsNotCreated() throws {
        let f = try EngineFixture(rules: Self.dailyRules)
        f.fs.put("raw/t/d1/a.txt", "BAD\n")
        let report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertEqual(f.runner.ran, ["processed/t/d1/a.txt"])
        XCTAssertFalse(f.fs.exists("metrics/d1.txt"))
        XCTAssertFalse(f.fs.exists("reports/d1.txt"))
    }

    func testAggregateRejectingEveryMemberItselfIsRejectedAndItsDayIsNotBuilt() throws {
        let f = try EngineFixture(rules: """
        rule hour
          in   raw/h/{hour:\\d\\d}/*.json
          out  processed/h/{hour}.txt
          run  test.tolerant

        rule day
          in   processed/h/*.txt
          out  reports/day.txt
          run  test.concat
        """)
        f.fs.put("raw/h/16/a.json", "a\n")
        f.fs.put("raw/h/17/x.json", "x\n")
        try f.build()
        XCTAssertEqual(f.fs.contents("reports/day.txt"), "processed/h/16.txt: a\nprocessed/h/17.txt: x\n")

        f.fs.put("raw/h/17/x.json", "BAD\n")
        f.fs.put("raw/h/17/y.json", "BAD too\n")
        var report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertFalse(f.fs.exists("processed/h/17.txt"), "an hour of rejected snapshots is not an empty hour")
        XCTAssertEqual(try f.catalog.target(producing: "processed/h/17.txt")?.state, .rejected)
        guard case .rejected(_, let rejections)? = report.targets.first(where: { $0.primaryOutput == "processed/h/17.txt" })?.outcome else {
            return XCTFail("the hour is not rejected")
        }
        XCTAssertEqual(rejections.map(\.path), ["raw/h/17/x.json", "raw/h/17/y.json"])
        XCTAssertTrue(f.fs.exists("rejected/h/17/x.json.error.json"))
        XCTAssertTrue(f.fs.exists("rejected/h/17/y.json.error.json"))
        XCTAssertEqual(f.fs.contents("reports/day.txt"), "processed/h/16.txt: a\n")

        report = try f.build()
        XCTAssertEqual(f.runner.ran, [], "a standing rejection is not retried")
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/h/17/x.json", "raw/h/17/y.json"])

        // With the good hour gone, the day has no accepted member left.
        try f.fs.remove("raw/h/16/a.json")
        try f.build()
        XCTAssertFalse(f.fs.exists("reports/day.txt"))

        f.fs.put("raw/h/17/y.json", "y\n")
        report = try f.build()
        XCTAssertEqual(f.fs.contents("processed/h/17.txt"), "y\n")
        XCTAssertEqual(f.fs.contents("reports/day.txt"), "processed/h/17.txt: y\n")
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/h/17/x.json"])
    }

    func testActionLearnsWhichRejectedRawFileLeftAMemberAbsent() throws {
        let f = try EngineFixture(rules: """
        rule checked
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          run  test.check

        rule shout
          in   processed/t/{name}.txt
          out  processed/u/{name}.txt
          run  test.upper

        rule census
          in   processed/u/*.txt
          out  metrics/census.txt
          run  test.census
        """)
        f.fs.put("raw/t/a.txt", "a\n")
        try f.build()
        XCTAssertEqual(f.fs.contents("metrics/census.txt"), "1 present processed/u/a.txt\n")

        // A new upload that is rejected changes no present member, yet the census must learn
        // of it: the rejected raw file is part of its key. The engine follows the skipped
        // `shout` target back to the rejection.
        f.fs.put("raw/t/b.txt", "BAD\n")
        try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/census.txt", "processed/t/b.txt"])
        XCTAssertEqual(f.fs.contents("metrics/census.txt"), "1 present processed/u/a.txt\n1 absent processed/u/b.txt <- raw/t/b.txt\n")
        let inputs = try XCTUnwrap(try f.catalog.target(producing: "metrics/census.txt")).inputs.map(\.path)
        XCTAssertEqual(inputs, ["processed/u/a.txt", "raw/t/b.txt"], "lineage names the rejected upload")

        try f.build()
        XCTAssertEqual(f.runner.ran, [], "a standing rejection keeps the key stable")

        f.fs.put("raw/t/b.txt", "b\n")
        try f.build()
        XCTAssertEqual(f.fs.contents("metrics/census.txt"), "1 present processed/u/a.txt\n1 present processed/u/b.txt\n")
    }

    func testFailedMemberIsAbsentWithoutARejection() throws {
        let f = try EngineFixture(rules: """
        rule fragile
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          run  test.fragile

        rule census
          in   processed/t/*.txt
          out  metrics/census.txt
          run  test.census
        """)
        f.fs.put("raw/t/a.txt", "a\n")
        f.fs.put("raw/t/b.txt", "FAIL\n")
        let report = try f.build()
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertEqual(f.fs.contents("metrics/census.txt"), "1 present processed/t/a.txt\n1 absent processed/t/b.txt (failed)\n")
    }
}
