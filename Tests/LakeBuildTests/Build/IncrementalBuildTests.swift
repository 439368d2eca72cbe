// Minimality, early cutoff, deletions and windows, asserted by counting which targets ran.

import Catalog
import LakeBuild
import XCTest

final class IncrementalBuildTests: XCTestCase {
    static let rules = """
    rule up
      in   raw/t/{name}.txt
      out  processed/t/{name}.txt
      run  test.upper

    rule all
      in   processed/t/*.txt
      out  metrics/all.txt
      run  test.concat
    """

    func makeLake() throws -> EngineFixture {
        let f = try EngineFixture(rules: Self.rules)
        f.fs.put("raw/t/a.txt", "alpha\n")
        f.fs.put("raw/t/b.txt", "beta\n")
        try f.build()
        return f
    }

    func testFirstBuildRunsEveryTargetAndWritesExpectedContent() throws {
        let f = try EngineFixture(rules: Self.rules)
        f.fs.put("raw/t/a.txt", "alpha\n")
        f.fs.put("raw/t/b.txt", "beta\n")
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/a.txt", "processed/t/b.txt"])
        XCTAssertEqual(f.fs.contents("processed/t/a.txt"), "ALPHA\n")
        XCTAssertEqual(f.fs.contents("metrics/all.txt"), "processed/t/a.txt: ALPHA\nprocessed/t/b.txt: BETA\n")
        XCTAssertEqual(report.exitStatus, 0)
    }

    func testNoOpReadsNothingHashesNothingWritesNothing() throws {
        let f = try makeLake()
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(f.fs.filesRead, [])
        XCTAssertEqual(f.fs.filesHashed, [])
        XCTAssertEqual(f.fs.filesWritten, [])
        XCTAssertEqual(report.stats.hashed, 0)
        XCTAssertEqual(report.stats.writes, 0)
        XCTAssertLessThanOrEqual(report.stats.sqlStatements, 5)
        XCTAssertNil(report.buildID, "a no-op build records no build row")
        XCTAssertEqual(f.fs.pathsStatted.count, Set(f.fs.pathsStatted).count, "each path is stat'ed at most once: \(f.fs.pathsStatted)")
    }

    func testNewRawFileRebuildsExactlyItsDependents() throws {
        let f = try makeLake()
        f.fs.put("raw/t/c.txt", "gamma\n")
        try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/c.txt"])
        XCTAssertEqual(f.fs.contents("metrics/all.txt"),
                       "processed/t/a.txt: ALPHA\nprocessed/t/b.txt: BETA\nprocessed/t/c.txt: GAMMA\n")
    }

    func testTouchWithoutContentChangeRebuildsNothing() throws {
        let f = try makeLake()
        f.fs.touch("raw/t/a.txt")
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(f.fs.filesHashed + f.fs.filesRead, ["raw/t/a.txt"], "only the touched file is re-hashed, read once")
        XCTAssertEqual(report.stats.hashed, 1)
        // The new fingerprint is recorded: the next build hashes nothing.
        try f.build()
        XCTAssertEqual(f.fs.filesHashed, [])
    }

    func testEarlyCutoffStopsWhenOutputIsByteIdentical() throws {
        let f = try EngineFixture(rules: """
        rule head
          in   raw/t/{name}.txt
          out  processed/t/{name}.txt
          run  test.first_line

        rule all
          in   processed/t/*.txt
          out  metrics/all.txt
          run  test.concat
        """)
        f.fs.put("raw/t/a.txt", "title\nbody one\n")
        try f.build()
        f.fs.put("raw/t/a.txt", "title\nbody two, longer\n")
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"], "the aggregate must not run")
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "processed/t/a.txt" }?.outcome,
                       .built(reason: .inputChanged(path: "raw/t/a.txt",
                                                    old: FileContent(sha256: sha("title\nbody one\n"), size: 15),
                                                    new: FileContent(sha256: sha("title\nbody two, longer\n"), size: 23)),
                              changed: false))
        XCTAssertEqual(f.fs.filesWritten, [], "an identical output is not rewritten")
    }

    func testDeletedRawFileRemovesItsOutputsAndRebuildsAggregates() throws {
        let f = try makeLake()
        try f.fs.remove("raw/t/b.txt")
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt"])
        XCTAssertFalse(f.fs.exists("processed/t/b.txt"))
        XCTAssertEqual(report.removed, ["processed/t/b.txt"])
        XCTAssertEqual(f.fs.contents("metrics/all.txt"), "processed/t/a.txt: ALPHA\n")
        XCTAssertNil(try f.catalog.target(producing: "processed/t/b.txt"))
    }

    func testOutputDeletedOrEditedByHandIsRebuilt() throws {
        let f = try makeLake()
        try f.fs.remove("processed/t/a.txt")
        var report = try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"])
        XCTAssertEqual(report.targets.first?.outcome, .built(reason: .outputMissing(path: "processed/t/a.txt"), changed: true))
        f.fs.put("metrics/all.txt", "edited by hand\n")
        report = try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt"])
        XCTAssertEqual(f.fs.contents("metrics/all.txt"), "processed/t/a.txt: ALPHA\nprocessed/t/b.txt: BETA\n")
    }

    func testActionVersionBumpRebuildsOnlyThatActionsOutputs() throws {
        let f = try makeLake()
        f.replaceAction(TestActions.upper(version: 2))
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt", "processed/t/b.txt"], "outputs identical: the aggregate stays")
        XCTAssertEqual(report.targets.first?.outcome,
                       .built(reason: .actionVersionChanged(action: "test.upper", old: 1, new: 2), changed: false))
    }

    func testUnmatchedRawFileIsReportedAndGetsARejectionFile() throws {
        let f = try makeLake()
        f.fs.put("raw/t/notes.md", "x")
        let report = try f.build()
        XCTAssertEqual(report.unmatched.map(\.path), ["raw/t/notes.md"])
        XCTAssertEqual(report.unmatched.first?.expectedPatterns, ["raw/t/{name}.txt"])
        let doc = try XCTUnwrap(f.fs.contents("rejected/t/notes.md.error.json"))
        XCTAssertTrue(doc.contains("\"no rule accepts this file\""), doc)
        try f.fs.remove("raw/t/notes.md")
        try f.build()
        XCTAssertFalse(f.fs.exists("rejected/t/notes.md.error.json"), "removed once the raw file is gone")
    }

    func testLostCatalogRebuildsStateWithoutRewritingIdenticalOutputs() throws {
        let f = try makeLake()
        let before = f.fs.stat("processed/t/a.txt")
        try f.loseCatalog()
        try f.build()
        XCTAssertEqual(f.runner.ran.count, 3, "every target runs again")
        XCTAssertEqual(f.fs.filesWritten, [], "identical outputs are left untouched")
        XCTAssertEqual(f.fs.stat("processed/t/a.txt"), before)
        try f.build()
        XCTAssertEqual(f.runner.ran, [], "and the state is whole again")
    }

    func testPrefixBuildRunsOnlyRequestedTargetsAndWhatTheyNeed() throws {
        let f = try EngineFixture(rules: Self.rules)
        f.fs.put("raw/t/a.txt", "alpha\n")
        f.fs.put("raw/t/b.txt", "beta\n")
        try f.build(BuildOptions(prefixes: ["processed/t/a.txt"]))
        XCTAssertEqual(f.runner.ran, ["processed/t/a.txt"])
        try f.build()
        XCTAssertEqual(f.runner.ran, ["metrics/all.txt", "processed/t/b.txt"])
    }

    func testDryRunChangesNothingAndGivesAReasonPerTarget() throws {
        let f = try makeLake()
        f.fs.put("raw/t/a.txt", "ALPHA changed\n")
        let report = try f.build(BuildOptions(dryRun: true))
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(f.fs.filesWritten, [])
        let reasons = report.targets.compactMap { t -> String? in
            if case .wouldBuild(let r) = t.outcome { return "\(t.primaryOutput): \(r.summary)" }
            return nil
        }
        XCTAssertEqual(reasons, ["processed/t/a.txt: input changed: raw/t/a.txt",
                                 "metrics/all.txt: input will be rebuilt: processed/t/a.txt"])
    }

    /// `status`, `explain` and `graph` walk the lake and read the catalog before they ask for
    /// a dry run. Given that survey (`BuildOptions.surveyed`), the dry run must not walk or
    /// read the catalog again, and must report exactly what a dry run that does both itself
    /// reports. Fails if the engine ignores the survey (a walk, SQL statements) or plans
    /// differently from it.
    func testDryRunFromASurveyWalksNothingReadsNoCatalogAndAgrees() throws {
        let f = try makeLake()
        f.fs.put("raw/t/a.txt", "ALPHA changed\n")
        f.fs.put("raw/t/c.txt", "gamma\n")
        f.fs.put("raw/u/stray.txt", "no rule\n")
        f.fs.put("metrics/mine.txt", "not lakemake's\n")
        let own = try f.build(BuildOptions(dryRun: true))
        XCTAssertEqual(f.fs.walks, [LakeLayout.sourceFolders], "a dry run on its own walks the sources once")

        let walked = try f.fs.walk(under: LakeLayout.sourceFolders + LakeLayout.outputFolders)
        let sources = walked.restricted(to: LakeLayout.sourceFolders)
        XCTAssertEqual(sources.files, try f.fs.walk(under: LakeLayout.sourceFolders).files)
        var options = BuildOptions(dryRun: true)
        options.surveyed = SurveyedLake(sources: sources, state: try f.catalog.loadState(), fileSystem: f.fs)
        let statements = f.catalog.statementCount
        let surveyed = try f.build(options)
        XCTAssertEqual(f.fs.walks, [], "the survey's walk stands in for the dry run's")
        XCTAssertEqual(f.catalog.statementCount, statements, "the survey's catalog state stands in for the dry run's load")
        XCTAssertEqual((f.fs.filesRead + f.fs.filesHashed).filter(LakeLayout.isSource), [],
                       "the survey hashed the changed sources; the dry run reads none again")
        // A dry run on its own starts from the stored plan and lists the targets it visits; the
        // others are up to date without being looked at. The survey's lists every target.
        let visited = { (r: BuildReport) in r.targets.filter { if case .upToDate = $0.outcome { return false } else { return true } } }
        XCTAssertNotNil(own.upToDateWithoutPlan)
        XCTAssertEqual(visited(surveyed), visited(own))
        XCTAssertEqual(surveyed.targets.count, own.targets.count + (own.upToDateWithoutPlan ?? 0))
        XCTAssertEqual(surveyed.unmatched, own.unmatched)
        XCTAssertEqual(surveyed.standingRejections, own.standingRejections)
        XCTAssertEqual(surveyed.removed, own.removed)
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(f.fs.filesWritten, [])
    }
}

func sha(_ text: String) -> String {
    // Independent of the code under test: the digest comes from the system's sha256sum.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sha256sum"]
    let input = Pipe(), output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try? p.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}
