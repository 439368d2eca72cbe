// Change-driven discovery against the reference: after every step of a random sequence of
// added and removed raw and reference files, replanning from the previous plan gives exactly
// the plan full discovery gives, and says exactly which targets are new, changed or gone.

import Catalog
import LakeFormats
import XCTest
@testable import LakeBuild

final class ChangeDrivenDiscoveryTests: XCTestCase {
    /// Every shape of `in` line: plain, aggregate (`*`), windows, a literal reference file
    /// that may be missing, a plain second line that may be missing (the binding is skipped),
    /// two outputs, and a chain four rules deep.
    static let rules = """
        rule parse
          in   raw/s/store_{store:\\d{2}}_{date:date}.json
          out  processed/date={date}/store={store}.txt
          run  copy

        rule store_day
          in   processed/date={date:date}/store={store}.txt
          in   raw/extra/{store}.txt
          out  metrics/stores/date={date}/store={store}.txt
          run  copy

        rule company
          in   processed/date={date:date}/store=*.txt
          in   reference/stores.csv
          out  metrics/company/{date}.txt
          run  copy

        rule insights
          in   metrics/company/{date:date}.txt
          in   metrics/company/{date-3d..date-1d}.txt
          in   metrics/stores/date={date}/store=*.txt
          out  reports/insights/{date}.txt
          out  reports/insights/{date}.html
          run  copy

        rule weekly
          in   reports/insights/{date:date}.txt
          in   reports/insights/{date-2d..date}.txt
          out  reports/weekly/{date}.txt
          run  copy
        """

    private func plan(_ set: RuleSet, _ paths: Set<String>) -> (TargetGraph, LakeListing) {
        var listing = LakeListing()
        for (i, p) in paths.sorted().enumerated() { listing.files[p] = FileStat(device: 1, inode: UInt64(i + 1), size: 1, mtimeNs: 1, ctimeNs: 1) }
        return (TargetDiscovery.plan(rules: set, listing: listing), listing)
    }

    private func randomPath(_ rng: inout SplitMix64) -> String {
        let day = "2025-03-\(String(format: "%02d", 1 + Int(rng.next() % 9)))"
        let store = String(format: "%02d", Int(rng.next() % 4))
        switch rng.next() % 10 {
        case 0: return "reference/stores.csv"
        case 1: return "raw/extra/\(store).txt"
        case 2: return "raw/s/unexpected_\(rng.next() % 3).json"
        default: return "raw/s/store_\(store)_\(day).json"
        }
    }

    func testReplanEqualsFullDiscoveryAfterEveryRandomStep() throws {
        let set = try RulesParser.parse([RulesSource(file: "t.rules", text: Self.rules)], knownActions: ["copy"])
        for seed in UInt64(1)...40 {
            var rng = SplitMix64(seed: seed)
            var files = Set<String>()
            for _ in 0..<Int(rng.next() % 12) { files.insert(randomPath(&rng)) }
            // The plan is carried from step to step as the build carries it: edited in place, and
            // every few steps stored and decoded again (its targets then stay encoded).
            var previous = StoredGraph(plan(set, files).0)
            for step in 0..<15 {
                if step % 4 == 2 { previous = try XCTUnwrap(Self.storedAndDecoded(previous, rules: set), "seed \(seed) step \(step)") }
                let before = previous.materialized()
                var added: [String] = [], removed: [String] = []
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let p = randomPath(&rng)
                    if files.contains(p) {
                        if !added.contains(p) { files.remove(p); removed.append(p) }
                    } else if !removed.contains(p) {
                        files.insert(p)
                        added.append(p)
                    }
                }
                let (full, listing) = plan(set, files)
                let context = "seed \(seed) step \(step): +\(added) -\(removed)"
                // A file whose content changed: its readers are found from it, as added ones are.
                let modified = files.subtracting(added).sorted().first { _ in rng.next() % 3 == 0 }.map { [$0] } ?? []
                let replanned = try XCTUnwrap(ChangeDrivenDiscovery.replan(previous: previous, rules: set, listing: listing,
                                                                           added: added, removed: removed, modified: modified), context)
                let graph = replanned.graph.materialized()
                assertSamePlan(graph, full, context)
                let readers = full.targets.indices.filter { i in full.targets[i].inputs.contains { $0.contains { modified.contains($0) } } }
                XCTAssertEqual(replanned.reading, readers, context + " modified \(modified)")
                let (changed, gone) = Self.difference(from: before, to: full)
                XCTAssertEqual(Set(replanned.changed.map { graph.targets[$0].primaryOutput }), changed, context)
                XCTAssertEqual(replanned.origin.compactMap { $0 }.map { before.targets[$0].primaryOutput },
                               graph.targets.indices.filter { replanned.origin[$0] != nil }.map { graph.targets[$0].primaryOutput }, context)
                XCTAssertEqual(Set(replanned.removed.map(\.primaryOutput)), gone, context)
                // The next step starts from the replanned graph, so drift would accumulate.
                previous = replanned.graph
            }
        }
    }

    func testAnEmptyChangeKeepsThePlanAndChangesNothing() throws {
        let set = try RulesParser.parse([RulesSource(file: "t.rules", text: Self.rules)], knownActions: ["copy"])
        let files: Set = ["raw/s/store_01_2025-03-02.json", "raw/s/store_02_2025-03-03.json", "reference/stores.csv"]
        let (full, listing) = plan(set, files)
        let replanned = try XCTUnwrap(ChangeDrivenDiscovery.replan(previous: full, rules: set, listing: listing, added: [], removed: []))
        assertSamePlan(replanned.graph.materialized(), full, "empty change")
        XCTAssertEqual(replanned.changed, [])
        XCTAssertEqual(replanned.removed.count, 0)
    }

    func testARefusedBindingIsLeftToFullDiscovery() throws {
        let set = try RulesParser.parse([RulesSource(file: "t.rules", text: """
            rule r
              in   raw/ex/{name}.csv
              out  processed/{name}/data.csv
              run  copy
            """)], knownActions: ["copy"])
        let (before, _) = plan(set, ["raw/ex/good.csv"])
        let (_, listing) = plan(set, ["raw/ex/good.csv", "raw/ex/...csv"])
        XCTAssertNil(ChangeDrivenDiscovery.replan(previous: before, rules: set, listing: listing, added: ["raw/ex/...csv"], removed: []))
    }

    /// `graph` as a build stores it and the next one reads it back.
    static func storedAndDecoded(_ graph: StoredGraph, rules: RuleSet) -> StoredGraph? {
        let outcomes = Array(repeating: StoredPlan.Outcome(produced: true, rejectedSources: [], dirty: false), count: graph.count)
        let encoded = StoredPlan.encode(graph: graph, outcomes: outcomes, sources: StoredFiles(), outputs: StoredFiles(),
                                        standing: [], escapingLinks: [])
        return StoredPlan(record: StoredPlanRecord(config: "", base: Array(encoded.base.joined())), graph: { encoded.graph })?.graph(rules: rules)?.graph
    }

    /// Targets (by first output) that are new or whose inputs changed, and those that went away.
    static func difference(from old: TargetGraph, to new: TargetGraph) -> (changed: Set<String>, gone: Set<String>) {
        var before: [String: PlannedTarget] = [:]
        for t in old.targets { before[t.primaryOutput] = t }
        var changed = Set<String>()
        for t in new.targets {
            guard let b = before.removeValue(forKey: t.primaryOutput) else { changed.insert(t.primaryOutput); continue }
            if b.inputs != t.inputs || b.missingInputs != t.missingInputs || b.outputs != t.outputs { changed.insert(t.primaryOutput) }
        }
        return (changed, Set(before.keys))
    }

    private func assertSamePlan(_ a: TargetGraph, _ b: TargetGraph, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.targets.map(\.primaryOutput), b.targets.map(\.primaryOutput), context, file: file, line: line)
        XCTAssertEqual(a.targets, b.targets, context, file: file, line: line)
        XCTAssertEqual(a.producer, b.producer, context, file: file, line: line)
        XCTAssertEqual(a.sources, b.sources, context, file: file, line: line)
        XCTAssertEqual(a.unmatched, b.unmatched, context, file: file, line: line)
        XCTAssertEqual(a.refused, b.refused, context, file: file, line: line)
    }
}
