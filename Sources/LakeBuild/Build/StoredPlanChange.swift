// What one change-driven build changed in the stored plan: the targets gone, the targets new
// or planned with other inputs, the outcomes of the targets it visited, the files it saw
// change, and the summary lists whole. Stored as a row of its own so that a build costs in
// proportion to its change, not to the lake; the next build applies the rows in order.

import Catalog

struct StoredPlanChange {
    var targetCount: Int
    var dirtyCount: Int
    var skippedCount: Int
    var sourcesSet: [(String, StoredPlan.FileState)] = []
    var sourcesRemoved: [String] = []
    var outputsSet: [(String, StoredPlan.FileState)] = []
    var outputsRemoved: [String] = []
    var unmatched: [UnmatchedFile] = []
    var standing: [StandingRejection] = []
    var escapingLinks: [String] = []
    /// The plan's whole list of targets gone whose outputs a prefix build left.
    var orphans: [String] = []
    /// First outputs of the targets that went away.
    var targetsRemoved: [String] = []
    /// Targets added, or planned again with other inputs (dependencies are derived anew).
    var targetsSet: [PlannedTarget] = []
    /// Outcomes of the targets the build visited, by first output.
    var outcomes: [(String, StoredPlan.Outcome)] = []

    init(targetCount: Int, dirtyCount: Int, skippedCount: Int) {
        self.targetCount = targetCount
        self.dirtyCount = dirtyCount
        self.skippedCount = skippedCount
    }

    /// The graph and outcomes with `changes` applied in order, as one edit; nil when they do
    /// not fit the graph (the build then plans in full). The targets the changes name are
    /// found by their first output.
    /// - Parameter sources: the raw and reference files after every change.
    static func apply(_ changes: [StoredPlanChange], to graph: StoredGraph, outcomes: [StoredPlan.Outcome],
                      sources: StoredFiles) -> (StoredGraph, [StoredPlan.Outcome])? {
        // The last word on each target (nil: gone) and on each outcome, by first output.
        var latest: [String: PlannedTarget?] = [:]
        var latestOutcome: [String: StoredPlan.Outcome] = [:]
        var touchedSources = Set<String>()
        for change in changes {
            for primary in change.targetsRemoved {
                latest[primary] = .some(nil)
                latestOutcome[primary] = nil
            }
            for t in change.targetsSet { latest[t.primaryOutput] = .some(t) }
            for (primary, o) in change.outcomes { latestOutcome[primary] = o }
            for (path, _) in change.sourcesSet { touchedSources.insert(path) }
            touchedSources.formUnion(change.sourcesRemoved)
        }
        var removing = Set<Int>()
        var replacing: [Int: PlannedTarget] = [:]
        var adding = [[PlannedTarget]](repeating: [], count: graph.rules.count)
        for (primary, plan) in latest {
            let existing = graph.producer(primary).flatMap { graph.primaryOutput($0) == primary ? $0 : nil }
            guard let t = plan else {
                if let i = existing { removing.insert(i) }
                continue
            }
            guard t.ruleIndex < graph.rules.count else { return nil }
            if let i = existing, graph.ruleIndex(i) == t.ruleIndex, graph.binding(i) == t.binding {
                replacing[i] = t
            } else {
                if let i = existing { removing.insert(i) }
                adding[t.ruleIndex].append(t)
            }
        }
        var edited = graph
        guard let edit = edited.edit(removing: removing, replacing: replacing, adding: adding) else { return nil }
        // A target new in the changes without an outcome is visited by the next build.
        var newOutcomes = edit.origin.map { $0.map { outcomes[$0] } ?? StoredPlan.Outcome(produced: false, rejectedSources: [], dirty: true) }
        for (primary, o) in latestOutcome {
            if let i = edited.producer(primary) { newOutcomes[i] = o }
        }
        let base = SortedPaths(presorted: graph.sources)
        let added = touchedSources.filter { sources.contains($0) && !base.contains($0) }.sorted(by: LakePath.bytewiseLess)
        let gone = touchedSources.filter { !sources.contains($0) && base.contains($0) }
        if !added.isEmpty || !gone.isEmpty {
            edited.sources = SortedPaths.merge(gone.isEmpty ? graph.sources : graph.sources.filter { !gone.contains($0) }, added)
        }
        edited.unmatched = changes.last?.unmatched ?? graph.unmatched
        return (edited, newOutcomes)
    }

    /// The change's raw and reference files as the last word on each (`StoredFiles.apply`).
    var sourceUpdates: [String: StoredPlan.FileState?] { Self.updates(sourcesSet, removed: sourcesRemoved) }

    /// The change's outputs and rejection files as the last word on each.
    var outputUpdates: [String: StoredPlan.FileState?] { Self.updates(outputsSet, removed: outputsRemoved) }

    /// `set` and `removed` as one map; a file both set and removed is removed.
    private static func updates(_ set: [(String, StoredPlan.FileState)], removed: [String]) -> [String: StoredPlan.FileState?] {
        var updates: [String: StoredPlan.FileState?] = [:]
        for (path, f) in set { updates[path] = .some(f) }
        for path in removed { updates[path] = .some(nil) }
        return updates
    }

    // MARK: - Encoding

    static let magic = Array("LMC4".utf8)

    func encoded() -> [UInt8] {
        var table = StringTable()
        var body = PlanWriter()
        body.count(targetCount)
        body.count(dirtyCount)
        body.count(skippedCount)
        for list in [sourcesSet, outputsSet] {
            body.count(list.count)
            for (path, f) in list { body.file(path, f, &table) }
        }
        body.list(sourcesRemoved, &table)
        body.list(outputsRemoved, &table)
        body.unmatched(unmatched, &table)
        body.standing(standing, &table)
        body.list(escapingLinks, &table)
        body.list(orphans, &table)
        body.list(targetsRemoved, &table)
        body.count(targetsSet.count)
        for t in targetsSet { body.target(t, &table) }
        body.count(outcomes.count)
        for (primary, o) in outcomes {
            body.count(table.id(primary))
            body.outcome(o, &table)
        }
        var out = PlanWriter()
        out.raw(Self.magic)
        out.table(table)
        out.raw(body.bytes)
        return out.bytes
    }

    init?(decoding bytes: [UInt8]) {
        guard bytes.starts(with: Self.magic) else { return nil }
        var r = PlanReader(bytes: bytes, skipping: Self.magic.count)
        guard let strings = r.table(), let targets = r.count(), let dirty = r.count(),
              let skipped = r.count() else { return nil }
        targetCount = targets
        dirtyCount = dirty
        skippedCount = skipped
        guard let sourcesSet = r.repeated({ $0.file(strings) }), let outputsSet = r.repeated({ $0.file(strings) }),
              let sourcesRemoved = r.list(strings), let outputsRemoved = r.list(strings), let unmatched = r.unmatched(strings),
              let standing = r.standing(strings), let escapingLinks = r.list(strings), let orphans = r.list(strings),
              let targetsRemoved = r.list(strings),
              let targetsSet = r.repeated({ $0.target(strings) }),
              let outcomes = r.repeated({ r -> (String, StoredPlan.Outcome)? in
                  guard let primary = r.string(strings), let o = r.outcome(strings) else { return nil }
                  return (primary, o)
              }) else { return nil }
        self.sourcesSet = sourcesSet
        self.outputsSet = outputsSet
        self.sourcesRemoved = sourcesRemoved
        self.outputsRemoved = outputsRemoved
        self.unmatched = unmatched
        self.standing = standing
        self.escapingLinks = escapingLinks
        self.orphans = orphans
        self.targetsRemoved = targetsRemoved
        self.targetsSet = targetsSet
        self.outcomes = outcomes
        guard r.atEnd else { return nil }
    }
}
