// After any seeded sequence of raw additions, edits and deletions, an incremental build's
// outputs equal a clean build's, byte for byte (swift-collections' model-based style).

import Catalog
import LakeFormats
@testable import LakeBuild
import XCTest

final class ModelBasedBuildTests: XCTestCase {
    static let rules = """
    rule head
      in   raw/m/{day:date}_{n:\\d}.txt
      out  processed/m/{day}/{n}.txt
      run  test.first_line

    rule day
      in   processed/m/{day:date}/*.txt
      out  metrics/m/{day}.txt
      run  test.concat

    rule trend
      in   metrics/m/{day:date}.txt
      in   metrics/m/{day-1d..day-1d}.txt
      out  reports/m/{day}.txt
      run  test.concat
    """

    func testIncrementalEqualsCleanAfterRandomSteps() throws {
        for seed in UInt64(1)...6 {
            var rng = SplitMix64(seed: seed)
            let incremental = try EngineFixture(rules: Self.rules)
            var files: [String: String] = [:]
            for step in 0..<12 {
                let day = "2025-03-0\(1 + Int(rng.next() % 4))"
                let path = "raw/m/\(day)_\(rng.next() % 3).txt"
                switch rng.next() % 3 {
                case 0, 1:
                    let text = "v\(rng.next() % 3)\nbody \(step)\n"
                    files[path] = text
                    incremental.fs.put(path, text)
                default:
                    if let victim = files.keys.sorted().first(where: { $0 >= path }) ?? files.keys.sorted().first {
                        files[victim] = nil
                        try incremental.fs.remove(victim)
                    }
                }
                try incremental.build(BuildOptions(jobs: 1 + Int(rng.next() % 3)))
                // A build is a fixed point: the next one runs nothing (and may take the snapshot path).
                try incremental.build()
                XCTAssertEqual(incremental.runner.ran, [], "seed \(seed) step \(step): second build ran something")

                let clean = try EngineFixture(rules: Self.rules)
                for (p, t) in files { clean.fs.put(p, t) }
                try clean.build()
                let derived = { (f: EngineFixture) in f.fs.allPaths.filter { !$0.hasPrefix("raw/") && !$0.hasPrefix(".lakemake/") } }
                XCTAssertEqual(derived(incremental), derived(clean), "seed \(seed) step \(step)")
                for p in derived(clean) {
                    XCTAssertEqual(incremental.fs.contents(p), clean.fs.contents(p), "seed \(seed) step \(step): \(p)")
                }
            }
        }
    }

    /// Rejections, failures, absent members, windows and names no rule accepts, in one lake.
    static let troubledRules = """
    rule check
      in   raw/m/{day:date}_{n:\\d}.txt
      out  processed/m/{day}/{n}.txt
      run  test.check

    rule keep
      in   processed/m/{day:date}/{n}.txt
      out  metrics/kept/{day}/{n}.txt
      run  test.fragile

    rule hour
      in   raw/h/{day:date}/*.json
      out  processed/h/{day}.txt
      run  test.tolerant

    rule day
      in   processed/m/{day:date}/*.txt
      in   processed/h/{day}.txt
      out  metrics/m/{day}.txt
      run  test.census

    rule trend
      in   metrics/m/{day:date}.txt
      in   metrics/m/{day-2d..day-1d}.txt
      out  reports/m/{day}.txt
      run  test.census
    """

    /// After random adds, edits (some rejected, some failing) and deletions, the change-driven
    /// build leaves every output and rejection file and reports the standing rejections and
    /// unmatched files exactly as a build from nothing of the same raw files.
    func testChangeDrivenBuildsEqualCleanBuildsWithRejectionsAndFailures() throws {
        for seed in UInt64(1)...8 {
            var rng = SplitMix64(seed: seed)
            let incremental = try EngineFixture(rules: Self.troubledRules)
            // Odd seeds write the whole plan from every change-driven build (as a large lake
            // does once its change rows fill the budget), even seeds append change rows.
            let wholeWrites = seed % 2 == 1
            if wholeWrites { incremental.planChangeBudget = { _ in 0 } }
            var files: [String: String] = [:]
            var changeDriven = 0, changeRows = 0, dryFromPlan = 0, keptUsed = 0, selectiveFromPlan = 0, sourceListsCompared = 0
            let memory = StoredPlanMemory()
            for step in 0..<14 {
                let day = "2025-03-0\(1 + Int(rng.next() % 4))"
                let path: String
                switch rng.next() % 5 {
                case 0: path = "raw/h/\(day)/s\(rng.next() % 3).json"
                case 1: path = "raw/m/notes_\(rng.next() % 2).md"
                default: path = "raw/m/\(day)_\(rng.next() % 3).txt"
                }
                var changed = path
                if rng.next() % 4 == 0, let victim = files.keys.sorted().first(where: { $0 >= path }) ?? files.keys.sorted().first {
                    files[victim] = nil
                    try incremental.fs.remove(victim)
                    changed = victim
                } else {
                    let text = ["fine \(step)\n", "BAD \(step)\n", "FAIL \(step)\n", "fine\n"][Int(rng.next() % 4)]
                    files[path] = text
                    incremental.fs.put(path, text)
                }
                // `build -n` first, from the stored plan: what it says would build (with its
                // reasons and the rejections it says stand) is what a dry run planned in full says.
                let dry = try incremental.build(BuildOptions(dryRun: true))
                if dry.upToDateWithoutPlan != nil { dryFromPlan += 1 }
                let planned = try incremental.dryRunPlannedInFull()
                let wouldBuild = { (r: BuildReport) in r.targets.filter { if case .wouldBuild = $0.outcome { return true } else { return false } } }
                XCTAssertEqual(wouldBuild(dry), wouldBuild(planned), "seed \(seed) step \(step): build -n from the stored plan")
                XCTAssertEqual(dry.standingRejections, planned.standingRejections, "seed \(seed) step \(step)")
                XCTAssertEqual(dry.unmatched, planned.unmatched, "seed \(seed) step \(step)")

                // Every third step, a selective build comes first: some outputs only, forced
                // targets, or rejections retried. From the stored plan it decides as planning in
                // full does, runs only what that would, and stores what it did: the builds after
                // it still leave what a clean build leaves.
                var leftNoPlan = false
                if step % 3 == 2 {
                    var selective = BuildOptions(jobs: 1 + Int(rng.next() % 3))
                    let prefixes = ["processed/m/", "metrics/", "reports/m/2025-03-03.txt", "processed/h/", "metrics/kept/2025-03-02/"]
                    let pick = { (n: UInt64) in prefixes[Int(n % UInt64(prefixes.count))] }
                    switch rng.next() % 4 {
                    case 0: selective.prefixes = [pick(rng.next())]
                    case 1: selective.force = [pick(rng.next())]
                    case 2: selective.retryRejected = true
                    default:
                        selective.prefixes = [pick(rng.next())]
                        selective.force = [pick(rng.next())]
                    }
                    var dry = selective
                    dry.dryRun = true
                    let fromPlan = try incremental.build(dry)
                    let inFull = try incremental.dryRunPlannedInFull(selective)
                    let context = "seed \(seed) step \(step): \(selective.prefixes) force \(selective.force) retry \(selective.retryRejected)"
                    XCTAssertEqual(wouldBuild(fromPlan), wouldBuild(inFull), context)
                    // The same number of targets requested (the prefixes' and what they need).
                    let requested = { (r: BuildReport) in
                        (r.upToDateWithoutPlan ?? 0) + r.skippedWithoutPlan + r.targets.filter { $0.outcome != .notRequested }.count
                    }
                    XCTAssertEqual(requested(fromPlan), requested(inFull), context)
                    // Of which as many skipped, visited or not.
                    XCTAssertEqual(fromPlan.counts.skipped, inFull.counts.skipped, context)
                    // The changed sources it lists (for `status`) are those a walk finds.
                    if let listed = fromPlan.sourceChanges {
                        XCTAssertEqual(listed, try incremental.sourceChangesAWalkFinds(), context)
                        sourceListsCompared += 1
                    }
                    XCTAssertEqual(fromPlan.standingRejections, inFull.standingRejections, context)
                    let done = try incremental.build(selective)
                    if done.upToDateWithoutPlan != nil { selectiveFromPlan += 1 }
                    // A prefix build after a raw file went leaves no plan (it deletes nothing).
                    let record = try incremental.catalog.loadStoredPlan()
                    leftNoPlan = record == nil
                    if let record {
                        let stored = try XCTUnwrap(StoredPlan(record: record, graph: { record.graph.read() ?? [] })?.graph(rules: incremental.rules), context)
                        let full = TargetDiscovery.plan(rules: incremental.rules, listing: try incremental.fs.walk(under: LakeLayout.sourceFolders))
                        XCTAssertEqual(stored.graph.materialized().targets, full.targets, context)
                    }
                    XCTAssertTrue(Set(incremental.runner.ran).isSubset(of: wouldBuild(inFull).map(\.primaryOutput)),
                                  "\(context): ran \(incremental.runner.ran)")
                }

                // Every other build is told what changed, as `watch` tells it, instead of walking,
                // and starts from the plan the last such build kept in memory (the builds in
                // between, which walk, stand for other processes changing the stored plan).
                var options = BuildOptions(jobs: 1 + Int(rng.next() % 3))
                if step % 2 == 1 {
                    options.knownChanges = [changed]
                    options.planMemory = memory
                }
                let report = try incremental.build(options)
                if step % 2 == 1 && step % 4 != 1 { incremental.engine().prepare(memory) }
                if step % 2 == 1 && step > 1 && !leftNoPlan {
                    XCTAssertEqual(incremental.fs.pathsStatted.filter { LakeLayout.isRaw($0) && $0 != changed }, [],
                                   "seed \(seed) step \(step): a build told what changed walks nothing")
                }
                if report.upToDateWithoutPlan != nil { changeDriven += 1 }
                let clean = try EngineFixture(rules: Self.troubledRules)
                for (p, t) in files { clean.fs.put(p, t) }
                let cleanReport = try clean.build()
                let context = "seed \(seed) step \(step)"
                let derived = { (f: EngineFixture) in f.fs.allPaths.filter { !$0.hasPrefix("raw/") && !$0.hasPrefix(".lakemake/") } }
                XCTAssertEqual(derived(incremental), derived(clean), context)
                for p in derived(clean) {
                    XCTAssertEqual(incremental.fs.contents(p), clean.fs.contents(p), "\(context): \(p)")
                }
                XCTAssertEqual(report.standingRejections, cleanReport.standingRejections, context)
                XCTAssertEqual(report.unmatched, cleanReport.unmatched, context)
                let failed = { (r: BuildReport) in r.targets.filter { if case .failed = $0.outcome { return true } else { return false } }.map(\.primaryOutput) }
                XCTAssertEqual(failed(report), failed(cleanReport), "\(context): failures are retried, so both list them")

                // The stored plan, with the changes appended to it applied, is the plan of the lake.
                let record = try XCTUnwrap(try incremental.catalog.loadStoredPlan(), context)
                changeRows = max(changeRows, record.changes.count)
                let stored = try XCTUnwrap(StoredPlan(record: record, graph: { record.graph.read() ?? [] })?.graph(rules: incremental.rules), context)
                let full = TargetDiscovery.plan(rules: incremental.rules, listing: try incremental.fs.walk(under: LakeLayout.sourceFolders))
                XCTAssertEqual(stored.graph.materialized().targets, full.targets, context)
                XCTAssertEqual(stored.graph.sources, full.sources, context)
                XCTAssertEqual(stored.graph.unmatched, full.unmatched, context)
                // Its files are the lake as the build left it: the next build finds no change.
                let plan = try XCTUnwrap(StoredPlan(record: record, graph: { [] }), context)
                let left = PlanChanges(stored: plan, walk: try incremental.fs.walkKeepingLargeFoldersCompact(under: LakeLayout.sourceFolders),
                                       changedOutputs: incremental.fs.changedStats(plan.outputs.paths, recorded: plan.outputs.stats))
                XCTAssertEqual(left.added + left.removed + left.modified + left.touched, [], context)
                // So is the plan kept in memory, brought up to date with the rows stored since
                // (its graph read from the catalog when the build found nothing to do: a build
                // told of a change a selective build had already seen).
                if let kept = memory.plan(for: record, graph: { record.graph.read() ?? [] }) {
                    keptUsed += 1
                    let graph = try XCTUnwrap(kept.graph(rules: incremental.rules), context)
                    XCTAssertEqual(graph.graph.materialized().targets, full.targets, "\(context): the plan kept in memory")
                    XCTAssertEqual(graph.outcomes, stored.outcomes, context)
                    XCTAssertEqual(kept.sources, StoredPlan(record: record, graph: { [] })?.sources, context)
                    XCTAssertEqual(kept.outputs, StoredPlan(record: record, graph: { [] })?.outputs, context)
                }
            }
            XCTAssertGreaterThan(keptUsed, wholeWrites ? 0 : 3, "seed \(seed): the kept plan follows the stored one")
            if wholeWrites {
                XCTAssertEqual(changeRows, 0, "seed \(seed): every build writes the whole plan")
            } else {
                XCTAssertGreaterThan(changeRows, 2, "seed \(seed): builds append their changes to the stored plan")
            }
            XCTAssertGreaterThan(changeDriven, 10, "seed \(seed): builds after the first start from the stored plan")
            XCTAssertGreaterThan(dryFromPlan, 10, "seed \(seed): dry runs after the first start from the stored plan")
            XCTAssertGreaterThan(selectiveFromPlan, 1, "seed \(seed): selective builds start from the stored plan")
            XCTAssertGreaterThan(sourceListsCompared, 0, "seed \(seed): dry runs from the plan list their source changes")
        }
    }
}
