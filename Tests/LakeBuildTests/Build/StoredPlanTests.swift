// Builds start from the plan the last complete build stored: with nothing changed, the build
// is one statement and no plan; with a change, only the targets it reaches are visited; and
// no change is ever hidden.

import LakeBuild
import XCTest

final class StoredPlanTests: XCTestCase {
    func makeLake() throws -> EngineFixture {
        let f = try EngineFixture(rules: IncrementalBuildTests.rules)
        f.fs.put("raw/t/a.txt", "alpha\n")
        f.fs.put("raw/t/b.txt", "beta\n")
        try f.build()
        return f
    }

    func testUnchangedLakeIsRecognisedWithOneStatementAndNoPlan() throws {
        let f = try makeLake()
        let report = try f.build()
        XCTAssertEqual(report.upToDateWithoutPlan, 3)
        XCTAssertEqual(report.upToDateCount, 3)
        XCTAssertEqual(report.stats.sqlStatements, 1)
        XCTAssertEqual(report.stats.writes, 0)
        XCTAssertEqual(f.fs.filesRead, [])
        XCTAssertEqual(f.fs.filesHashed, [])
        // One walk of the sources, one stat per output, nothing stat'ed twice (craft: count the
        // stats of a no-op).
        XCTAssertEqual(f.fs.walks, [LakeLayout.sourceFolders])
        let files = f.fs.allPaths.filter { !$0.hasPrefix(LakeLayout.stateFolder + "/") }
        XCTAssertEqual(f.fs.pathsStatted.sorted(by: LakePath.bytewiseLess), files)
    }

    func testEveryKindOfChangeIsNoticedAndOnlyWhatItReachesIsVisited() throws {
        let f = try makeLake()
        f.fs.touch("raw/t/a.txt")
        var report = try f.build()
        XCTAssertEqual(report.targets.map(\.primaryOutput), ["processed/t/a.txt", "metrics/all.txt"],
                       "a new fingerprint is looked at, with what reads the file")
        XCTAssertEqual(report.upToDateWithoutPlan, 1, "the other upload is not visited")
        XCTAssertEqual(f.fs.filesHashed + f.fs.filesRead, ["raw/t/a.txt"], "read once, to be hashed")
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(try f.build().upToDateWithoutPlan, 3, "and recorded for next time")

        f.fs.put("metrics/all.txt", "edited\n")
        report = try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt"], "an output edited by hand is noticed")

        try f.fs.remove("processed/t/b.txt")
        try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/b.txt"], "an output deleted by hand is noticed")

        f.fs.put("reference/x.csv", "x\n")
        report = try f.build()
        XCTAssertEqual(f.fs.filesHashed, ["reference/x.csv"], "a new source file is looked at")
        XCTAssertEqual(report.targets.count, 0, "and nothing reads it")
        XCTAssertEqual(report.upToDateWithoutPlan, 3)

        f.replaceAction(TestActions.upper(version: 7))
        try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt", "processed/t/b.txt"], "a version bump is noticed")

        f.rules = try RulesParser.parse([RulesSource(file: "test.rules", text: IncrementalBuildTests.rules.replacingOccurrences(
            of: "run  test.concat", with: "run  test.concat extra=1"))], knownActions: f.registry.knownNames)
        try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt"], "a rules change is noticed")
    }

    /// `explain` asks a dry run about one target: it is decided from its trace (the catalog
    /// read for it and what reads it, nothing else) whether or not a change reaches it.
    func testADryRunVisitsTheTargetsItIsAskedAboutAndWhatReadsThem() throws {
        let f = try makeLake()
        var options = BuildOptions(dryRun: true)
        options.alsoVisit = ["processed/t/b.txt"]
        var report = try f.build(options)
        XCTAssertEqual(report.targets.map(\.primaryOutput), ["processed/t/b.txt", "metrics/all.txt"])
        XCTAssertEqual(report.targets.map(\.outcome), [.upToDate, .upToDate])
        XCTAssertEqual(report.upToDateWithoutPlan, 1)
        XCTAssertEqual(f.fs.filesHashed + f.fs.filesRead, [], "a dry run of an unchanged lake reads no file")

        f.fs.put("raw/t/b.txt", "beta, again\n")
        report = try f.build(options)
        XCTAssertEqual(report.targets.map(\.primaryOutput), ["processed/t/b.txt", "metrics/all.txt"])
        guard case .wouldBuild(let reason) = report.targets[0].outcome else { return XCTFail("\(report.targets[0].outcome)") }
        XCTAssertEqual(reason.code, "input_changed")

        options.alsoVisit = ["processed/t/nothing.txt"]
        report = try f.build(options)
        XCTAssertEqual(report.targets.map(\.primaryOutput), ["processed/t/b.txt", "metrics/all.txt"], "what the change reaches, only")
        XCTAssertEqual(f.runner.ran, [])
    }

    /// `graph` asks a dry run for each rule's targets in the plan: counted from the stored
    /// graph, with only what changed decided.
    func testADryRunCountsEachRulesTargetsInThePlan() throws {
        let f = try makeLake()
        var options = BuildOptions(dryRun: true)
        options.countsTargetsPerRule = true
        var report = try f.build(options)
        XCTAssertEqual(report.targetsPerRule, ["up": 2, "all": 1])
        XCTAssertEqual(report.targets.count, 0)
        f.fs.put("raw/t/c.txt", "gamma\n")
        report = try f.build(options)
        XCTAssertEqual(report.targetsPerRule, ["up": 3, "all": 1])
        XCTAssertEqual(report.targets.map(\.primaryOutput), ["processed/t/c.txt", "metrics/all.txt"])
        XCTAssertNil(try f.build().targetsPerRule, "not asked")
    }

    /// `watch` keeps the stored plan decoded between builds: a build given the memory takes
    /// the graph from it, not from the catalog, and follows the rows stored since.
    func testAPlanMemoryServesTheGraphItKept() throws {
        let f = try makeLake()
        let memory = StoredPlanMemory()
        f.engine().prepare(memory)
        // The catalog's graph made unreadable, its size kept: only the kept graph can serve.
        let record = try XCTUnwrap(try f.catalog.loadStoredPlan())
        XCTAssertEqual(record.changes, [])
        let graph = try XCTUnwrap(record.graph.read())
        try f.catalog.saveStoredPlan(config: record.config, base: record.base, graph: [UInt8](repeating: 0xFF, count: graph.count))

        var options = BuildOptions()
        options.planMemory = memory
        f.fs.touch("raw/t/a.txt")
        var report = try f.build(options)
        XCTAssertEqual(report.targets.map(\.primaryOutput), ["processed/t/a.txt", "metrics/all.txt"])
        XCTAssertEqual(report.upToDateWithoutPlan, 1, "started from the kept graph")

        // The next build finds the row this one appended and applies it to what it kept.
        f.fs.put("raw/t/b.txt", "beta two\n")
        report = try f.build(options)
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/b.txt"])
        XCTAssertEqual(report.upToDateWithoutPlan, 1)
        XCTAssertEqual(f.fs.contents("processed/t/b.txt"), "BETA TWO\n")

        // Without the memory the graph is unreadable: the build plans in full, and is right.
        f.fs.put("raw/t/a.txt", "alpha two\n")
        report = try f.build()
        XCTAssertNil(report.upToDateWithoutPlan, "no kept graph: planned in full")
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/a.txt"])
        // That build wrote a whole plan: the memory does not pass its old one off as it.
        f.fs.put("raw/t/a.txt", "alpha three\n")
        report = try f.build(options)
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/a.txt"])
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "ALPHA THREE\n")
    }

    func testUnmatchedAndStandingRejectionsAreStillReported() throws {
        let f = try EngineFixture(rules: KeepGoingTests.rules)
        f.fs.put("raw/t/a.txt", "fine\n")
        f.fs.put("raw/t/b.txt", "BAD\n")
        f.fs.put("raw/t/notes.md", "?\n")
        try f.build()
        let report = try f.build()
        XCTAssertNotNil(report.upToDateWithoutPlan)
        XCTAssertEqual(report.unmatched.map(\.path), ["raw/t/notes.md"])
        XCTAssertEqual(report.standingRejections.map(\.path), ["raw/t/b.txt"])
        XCTAssertEqual(report.exitStatus, 0)
    }

    /// A dry run from the stored plan says which raw and reference files changed, as the
    /// comparison of a fresh walk with the catalog does (`status` then walks the lake once):
    /// new, changed by content, deleted; a file touched without a change is none of them.
    func testADryRunFromThePlanListsTheSourceChangesAWalkFinds() throws {
        let f = try makeLake()
        f.fs.put("raw/t/c.txt", "gamma\n")
        f.fs.put("raw/t/a.txt", "alpha, edited\n")
        f.fs.touch("raw/t/b.txt")
        try f.fs.remove("raw/t/b.txt")
        f.fs.put("raw/t/b.txt", "beta\n")
        try f.build()
        f.fs.touch("raw/t/b.txt")
        f.fs.put("raw/t/d.txt", "delta\n")
        f.fs.put("raw/t/c.txt", "gamma, edited\n")
        try f.fs.remove("raw/t/a.txt")
        let dry = try f.build(BuildOptions(dryRun: true))
        XCTAssertNotNil(dry.upToDateWithoutPlan, "from the stored plan")
        let walked = try f.sourceChangesAWalkFinds()
        XCTAssertEqual(walked.map(\.path), ["raw/t/c.txt", "raw/t/d.txt", "raw/t/a.txt"], "the touched file is no change")
        XCTAssertEqual(dry.sourceChanges, walked)
        XCTAssertNil(try f.build().sourceChanges, "a build does not hash for the list")
    }

    /// A target skipped behind a standing rejection counts as skipped whether the build visits
    /// it or not: from the stored plan (no-op, change-driven, prefix) the summary is the one a
    /// build planned in full gives.
    func testSkippedTargetsCountAsSkippedWhenNotVisited() throws {
        let f = try EngineFixture(rules: KeepGoingTests.rules)
        f.fs.put("raw/t/a.txt", "fine\n")
        f.fs.put("raw/t/b.txt", "BAD\n")
        let first = try f.build()
        XCTAssertEqual(first.counts.skipped, 1, "reports/t/b.txt behind the rejection")
        func assertSameCounts(_ report: BuildReport, _ options: BuildOptions, _ what: String, line: UInt) throws {
            XCTAssertNotNil(report.upToDateWithoutPlan, what, line: line)
            let full = try f.dryRunPlannedInFull(options)
            XCTAssertEqual(report.counts.skipped, full.counts.skipped, what, line: line)
            XCTAssertEqual(report.upToDateCount, full.upToDateCount, what, line: line)
        }
        try assertSameCounts(try f.build(BuildOptions(dryRun: true)), BuildOptions(), "no-op dry run", line: #line)
        try assertSameCounts(try f.build(), BuildOptions(), "no-op", line: #line)
        f.fs.put("raw/t/c.txt", "new\n")
        try assertSameCounts(try f.build(BuildOptions(dryRun: true)), BuildOptions(), "change-driven dry run", line: #line)
        let changed = try f.build()
        XCTAssertEqual(changed.counts.skipped, 1, "the skipped target is not visited, and still counted")
        let prefix = BuildOptions(prefixes: ["reports/"])
        f.fs.put("raw/t/d.txt", "another\n")
        try assertSameCounts(try f.build(BuildOptions(dryRun: true, prefixes: ["reports/"])), prefix, "prefix dry run", line: #line)
        XCTAssertEqual(try f.build(prefix).counts.skipped, 1, "prefix build")
    }

    func testStandingMemberRejectionsKeepTheirErrorsOnTheNoOpPath() throws {
        let f = try EngineFixture.hourWithOneBadSnapshot()
        f.fs.put("raw/h/17/c.json", "BAD\n")
        let full = try f.build()
        XCTAssertEqual(full.standingRejections.map(\.path), ["raw/h/16/b.json", "raw/h/17/c.json"])
        let noOp = try f.build()
        XCTAssertNotNil(noOp.upToDateWithoutPlan)
        XCTAssertEqual(noOp.standingRejections, full.standingRejections, "rule, file and errors, as the full build listed them")
    }

    func testAFailedTargetIsVisitedOnEveryBuild() throws {
        let f = try EngineFixture(rules: """
        rule fragile
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          run  test.fragile
        """)
        f.fs.put("raw/t/a.txt", "FAIL\n")
        f.fs.put("raw/t/b.txt", "fine\n")
        try f.build()
        let report = try f.build()
        XCTAssertEqual(report.upToDateWithoutPlan, 1, "the target that built is not visited")
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"], "failed targets are retried on every build")
    }

    /// A dry run starts from the stored plan as a build does (`build -n` on a large lake is as
    /// quick as the build), and what it says would build is what the build then builds.
    func testADryRunStartsFromTheStoredPlanAndSaysWhatTheBuildDoes() throws {
        let f = try makeLake()
        XCTAssertEqual(try f.build(BuildOptions(dryRun: true)).upToDateWithoutPlan, 3, "nothing changed: nothing visited")
        f.fs.put("raw/t/a.txt", "ALPHA again\n")
        f.fs.put("raw/t/z.txt", "zeta\n")
        let dry = try f.build(BuildOptions(dryRun: true))
        XCTAssertNotNil(dry.upToDateWithoutPlan)
        XCTAssertEqual(f.runner.ran, [], "a dry run runs nothing")
        let wouldBuild = dry.targets.filter { if case .wouldBuild = $0.outcome { return true } else { return false } }.map(\.primaryOutput)
        XCTAssertFalse(wouldBuild.isEmpty)
        _ = try f.build()
        XCTAssertEqual(f.runner.ran.sorted(), wouldBuild.sorted())
    }

    /// `build -n` after a raw file went away says which outputs the build would delete (it
    /// said "nothing to do", and the build then removed them), from the stored plan and when
    /// planned in full alike, and deletes nothing itself.
    func testADryRunListsTheOutputsABuildWouldRemove() throws {
        let f = try makeLake()
        try f.fs.remove("raw/t/b.txt")
        let dry = try f.build(BuildOptions(dryRun: true))
        XCTAssertNotNil(dry.upToDateWithoutPlan, "from the stored plan")
        XCTAssertEqual(dry.removed, ["processed/t/b.txt"])
        XCTAssertTrue(f.fs.exists("processed/t/b.txt"), "a dry run deletes nothing")
        XCTAssertEqual(try f.dryRunPlannedInFull().removed, ["processed/t/b.txt"])
        XCTAssertEqual(try f.build().removed, dry.removed)
        XCTAssertFalse(f.fs.exists("processed/t/b.txt"))
    }

    /// A prefix build, `--force` and `--retry-failed` start from the stored plan like any
    /// build (planning a large lake in full took seconds and hundreds of megabytes) and store
    /// what they did: the targets a prefix build left are decided by the next build, even one
    /// told only of another change, as `watch` tells it.
    func testSelectiveBuildsStartFromTheStoredPlanAndStoreWhatTheyDid() throws {
        let f = try makeLake()
        f.fs.put("raw/t/a.txt", "alpha 2\n")
        f.fs.put("raw/t/b.txt", "beta 2\n")
        var report = try f.build(BuildOptions(prefixes: ["processed/t/a.txt"]))
        XCTAssertNotNil(report.upToDateWithoutPlan, "from the stored plan")
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"], "only the prefix's target")
        XCTAssertEqual(report.upToDateCount, 0, "the targets outside the prefix are not counted up to date")
        XCTAssertEqual(report.targets.filter { $0.outcome == .notRequested }.map(\.primaryOutput).sorted(),
                       ["metrics/all.txt", "processed/t/b.txt"])
        f.fs.put("raw/t/c.txt", "gamma\n")
        var told = BuildOptions()
        told.knownChanges = ["raw/t/c.txt"]
        report = try f.build(told)
        XCTAssertNotNil(report.upToDateWithoutPlan, "from the plan the prefix build stored")
        XCTAssertEqual(f.runner.ran.sorted(), ["metrics/all.txt", "processed/t/b.txt", "processed/t/c.txt"])
        XCTAssertEqual(f.fs.contents("metrics/all.txt"),
                       "processed/t/a.txt: ALPHA 2\nprocessed/t/b.txt: BETA 2\nprocessed/t/c.txt: GAMMA\n")
        try f.fs.remove("raw/t/c.txt")
        try f.build()

        // A prefix build deletes nothing: after a raw file went, the plan it stores keeps the
        // target gone, and the next build of the whole lake deletes its output, even one told
        // only of another change.
        try f.fs.remove("raw/t/b.txt")
        report = try f.build(BuildOptions(prefixes: ["metrics/"]))
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt"])
        XCTAssertTrue(f.fs.exists("processed/t/b.txt"))
        XCTAssertEqual(try f.build(BuildOptions(prefixes: ["processed/"])).removed, [], "nor does the next prefix build")
        XCTAssertEqual(try f.build(BuildOptions(dryRun: true)).removed, ["processed/t/b.txt"], "what the build will delete")
        told.knownChanges = ["raw/t/a.txt"]
        report = try f.build(told)
        XCTAssertNotNil(report.upToDateWithoutPlan)
        XCTAssertEqual(report.removed, ["processed/t/b.txt"])
        XCTAssertFalse(f.fs.exists("processed/t/b.txt"))
        XCTAssertEqual(try f.build().upToDateWithoutPlan, 2, "and the plan has nothing left to do")
        XCTAssertEqual(f.fs.pathsStatted.filter { $0.hasPrefix("processed/t/b") }, [], "nor a file to look at")
        f.fs.put("raw/t/b.txt", "beta 2\n")
        try f.build()

        report = try f.build(BuildOptions(prefixes: ["processed/"]))
        XCTAssertEqual(report.upToDateWithoutPlan, 2, "nothing changed: the prefix's two targets are up to date")
        XCTAssertEqual(report.upToDateCount, 2)
        XCTAssertEqual(try f.build(BuildOptions(prefixes: ["metrics/"])).upToDateCount, 3, "with the targets it needs")

        var forced = BuildOptions()
        forced.force = ["processed/t/b.txt"]
        report = try f.build(forced)
        XCTAssertNotNil(report.upToDateWithoutPlan)
        XCTAssertEqual(f.runner.ran, ["processed/t/b.txt"], "the same bytes again: what reads them is up to date")
        XCTAssertEqual(try f.build().upToDateWithoutPlan, 3, "and the next build has nothing to do")

        forced.force = [""]
        XCTAssertNil(try f.build(forced).upToDateWithoutPlan, "-B plans in full (its catalog read is one bulk read)")
        XCTAssertEqual(f.runner.ran.sorted(), ["metrics/all.txt", "processed/t/a.txt", "processed/t/b.txt"], "-B")
        XCTAssertEqual(try f.build().upToDateWithoutPlan, 3, "and stores the plan for the next build")
        XCTAssertEqual(try f.build(BuildOptions(retryRejected: true)).upToDateWithoutPlan, 3, "nothing rejected: nothing to retry")
        XCTAssertEqual(f.runner.ran, [])
    }
}
