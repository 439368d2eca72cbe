// A build that starts from what changed since the stored plan.
//
// The walk's fingerprints against the stored ones give the raw and reference files added,
// changed and removed; the stats of the stored outputs give the outputs edited or deleted by
// hand. Change-driven discovery replans what the added and removed files reach; the targets
// to visit are those it found new or changed, those reading a changed file, those whose
// outputs were touched, those that failed last time, and everything downstream of them.
// Every other target stands as the stored plan says and is not visited: its trace is not
// read, its key not computed. The catalog is read by index for the visited targets only.

import Catalog
import LakeFormats
import Foundation

/// How the lake differs from the stored plan.
struct PlanChanges {
    var added: [String] = []
    var removed: [String] = []
    var modified: [String] = []
    /// Stored outputs and rejection files that are gone or whose fingerprint changed.
    var touched: [String] = []
    /// Symbolic links leaving the lake, or unusable names, differ: planned in full.
    var namesChanged = false

    /// No change yet (the caller lists them).
    init(hasDirty: Bool) { self.hasDirty = hasDirty }

    /// - Parameter changedOutputs: the positions in `stored.outputs` of the outputs whose
    ///   stat is not the stored one (`FileSystem.changedStats`).
    init(stored: StoredPlan, walk: SourceWalk, changedOutputs: [Int]) {
        // Read-only lookups of a lake's worth of paths, on every core: a path of a compact
        // folder by its name in that folder's index, any other in the listing.
        let paths = stored.sources.paths, recorded = stored.sources.stats, files = walk.listing.files, compact = walk.compact
        let parts = inParallelChunks(paths.count) { range in
            var part = (removed: [String](), modified: [String](), matched: [ByteExactDictionary<FileStat>.Index](),
                        matchedCompact: [[Int32]](repeating: [], count: compact.count))
            part.matched.reserveCapacity(compact.isEmpty ? range.count : 0)
            var folders = CompactFolderFinder(compact)
            for i in range {
                let found: FileStat?
                if let (f, k) = folders.file(paths[i]) {
                    found = k.map { compact[f].stats[$0] }
                    if let k { part.matchedCompact[f].append(Int32(k)) }
                } else if let at = files.index(forKey: paths[i]) {
                    // Byte-exact: a name in the other Unicode spelling is another file on disk.
                    part.matched.append(at)
                    found = files[at].value
                } else {
                    found = nil
                }
                guard let found else {
                    part.removed.append(paths[i])
                    continue
                }
                if found != recorded[i] { part.modified.append(paths[i]) }
            }
            return part
        }
        for part in parts {
            removed += part.removed
            modified += part.modified
        }
        // The walk lists raw/ and reference/ only: more files than matched means a new one.
        // It is among the walk's entries no stored path found: their indices, in order, skip
        // the matched ones, sorted (a set of the stored paths hashed them all again: 70 ms on
        // 100 000 uploads), and the search stops once as many as there are have been found.
        let unmatched = files.count - parts.reduce(0, { $0 + $1.matched.count })
        if unmatched > 0 {
            let matched = parts.flatMap(\.matched).sorted()
            var m = 0, found = 0
            for at in files.indices {
                if m < matched.count && matched[m] == at {
                    m += 1
                    continue
                }
                let path = files[at].key
                if LakeLayout.isSource(path) { added.append(path) }
                found += 1
                if found == unmatched { break }
            }
        }
        // Likewise in each compact folder, its files no stored path found.
        for (f, folder) in compact.enumerated() where folder.count > parts.reduce(0, { $0 + $1.matchedCompact[f].count }) {
            var seen = [Bool](repeating: false, count: folder.count)
            for part in parts { for k in part.matchedCompact[f] { seen[Int(k)] = true } }
            for k in 0..<folder.count where !seen[k] {
                let path = folder.path(k)
                if LakeLayout.isSource(path) { added.append(path) }
            }
        }
        touched = changedOutputs.map { stored.outputs.paths[$0] }
        namesChanged = walk.listing.escapingLinks != stored.escapingLinks
            || walk.listing.unusableNames != stored.unmatched.filter { $0.problem != nil }
        hasDirty = stored.mustVisit
        added.sort(by: LakePath.bytewiseLess)
        removed.sort(by: LakePath.bytewiseLess)
        modified.sort(by: LakePath.bytewiseLess)
    }

    var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty && touched.isEmpty && !namesChanged && !hasDirty }
    /// The stored plan has targets that must be visited again: failed ones, or gone ones
    /// whose outputs a prefix build left.
    var hasDirty = false
}

/// Which compact folder a path is in, for paths in bytewise order: consecutive paths mostly
/// share their folder, which is then compared once with the last one's, not looked for again.
private struct CompactFolderFinder {
    private let folders: [CompactFolder]
    /// The folder part (up to its last `/`) of the last path looked at, and the compact
    /// folder it is.
    private var lastPrefix: [UInt8] = []
    private var lastFolder: Int?

    init(_ folders: [CompactFolder]) { self.folders = folders }

    /// For a path directly in a compact folder: the folder's number, and the number of the
    /// file of that name in it (nil when it has none). Nil for a path in no compact folder.
    mutating func file(_ path: String) -> (folder: Int, file: Int?)? {
        guard !folders.isEmpty else { return nil }
        return path.utf8Span.span.withUnsafeBufferPointer { bytes -> (Int, Int?)? in
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return nil }
            let prefix = UnsafeBufferPointer(rebasing: bytes[...slash])
            if !prefix.elementsEqual(lastPrefix) {
                lastPrefix = Array(prefix)
                lastFolder = folders.firstIndex { $0.prefix == lastPrefix }
            }
            guard let f = lastFolder else { return nil }
            return (f, folders[f].index(of: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]))))
        }
    }
}

extension Build {
    /// Builds from the changes; nil when they cannot be followed from the stored plan (the
    /// caller then plans in full, from `listing` as it was). Otherwise the outputs' stats are
    /// added to `listing` in place, not to a copy of its 100 000 entries.
    /// - Parameter whole: the whole listing being made on another core (`SourceWalk`), taken
    ///   into `listing` once the stored graph is decoded (whether or not the build goes on).
    func runFromChanges(_ options: BuildOptions, stored: StoredPlan, changes: PlanChanges, listing: inout LakeListing,
                        whole: Background<LakeListing>? = nil,
                        configuration: String, stats: inout BuildStats, clock: inout PhaseClock) throws(BuildError) -> BuildReport? {
        let decoded = changes.namesChanged || changes.touched.contains(where: LakeLayout.isRejectionFile) ? nil : stored.graph(rules: rules)
        if let whole { listing = whole.take() }
        guard let (previous, outcomes) = decoded else { return nil }
        options.planMemory?.keep(graph: previous, outcomes: outcomes, of: stored)
        // The previous graph goes once replanned (it is not held through the rest of the build).
        guard let replanned = ChangeDrivenDiscovery.replan(previous: consume previous, rules: rules, listing: listing,
                                                           added: changes.added, removed: changes.removed,
                                                           modified: changes.modified) else { return nil }
        let graph = replanned.graph
        defer { options.leaveToExit((replanned, outcomes)) }
        stats.discoveryMs = clock.lap()

        // The targets a change reaches, then everything downstream of them.
        var seeds = Set(replanned.changed).union(replanned.reading)
        for (i, o) in replanned.origin.enumerated() { if let o, outcomes[o].dirty { seeds.insert(i) } }
        for path in changes.touched + options.alsoVisit { if let i = graph.producer(path) { seeds.insert(i) } }
        // Asked for more than what changed: the targets to force, and with --retry-failed
        // those that produced nothing (a standing rejection among them).
        if !options.force.isEmpty {
            for i in 0..<graph.count where LakePrefix.selects(options.force, anyOf: graph.outputs(i)) { seeds.insert(i) }
        }
        if options.retryRejected {
            for (i, o) in replanned.origin.enumerated() { if let o, !outcomes[o].produced { seeds.insert(i) } }
        }
        let visit = graph.downstream(of: seeds)

        // The session sees the visited targets only.
        var viewIndex = [Int?](repeating: nil, count: graph.count)
        for (k, i) in visit.enumerated() { viewIndex[i] = k }
        var view = TargetGraph(rules: graph.rules, targets: [], producer: [:], unmatched: graph.unmatched, sources: graph.sources)
        defer { options.leaveToExit((view, viewIndex)) }
        view.targets.reserveCapacity(visit.count)
        for i in visit {
            var t = graph.target(i)
            t.dependencies = t.dependencies.compactMap { viewIndex[$0] }
            for o in t.outputs { view.producer[o] = view.targets.count }
            view.targets.append(t)
        }
        // Outcomes of the targets outside the visit that visited ones read.
        var prior: [String: BuildSession.Result] = [:]
        defer { options.leaveToExit(prior) }
        for t in view.targets {
            for line in t.inputs {
                for p in line where view.producer[p] == nil && prior[p] == nil {
                    guard let j = graph.producer(p), let o = replanned.origin[j] else { continue }
                    prior[p] = Self.priorResult(outputs: graph.outputs(j), rule: graph.rules[graph.ruleIndex(j)].name,
                                                outcome: outcomes[o], files: stored.outputs)
                }
            }
        }

        // Catalog rows by index: the visited and removed targets, then the files they and the
        // changes name, and the rejection files of every raw file this build looks at again.
        // Targets gone whose outputs a prefix build left are traced too: this build deletes
        // them, unless it is a prefix build itself.
        let orphans = stored.orphans.filter { graph.producer($0) == nil }
        let traced = view.targets.map(\.primaryOutput) + replanned.removed.map(\.primaryOutput) + orphans
        var state: CatalogState
        do { state = try catalog.loadState(targetsProducing: traced, files: []) } catch { throw .catalog(error) }
        var rawLooked = Set((changes.added + changes.removed + changes.modified).filter(LakeLayout.isRaw))
        for trace in state.targets where trace.error != nil {
            for (x, _) in RejectionDocument.parse(catalogText: trace.error ?? "") { rawLooked.insert(x.path) }
        }
        for t in view.targets + replanned.removed { for p in t.inputs.first ?? [] where LakeLayout.isRaw(p) { rawLooked.insert(p) } }
        rawLooked.formUnion(graph.unmatched.map(\.path))
        rawLooked.formUnion(listing.escapingLinks.filter(LakeLayout.isRaw))
        var paths = changes.added + changes.removed + changes.modified
        for t in view.targets + replanned.removed { paths += t.outputs }
        for trace in state.targets { paths += trace.outputs.map(\.path) }
        paths += rawLooked.map(RejectionDocument.filePath(for:))
        do { state.files = try catalog.loadState(targetsProducing: [], files: paths).files } catch { throw .catalog(error) }
        stats.catalogLoadMs += clock.lap()

        let outputs = OutputStats.gather(graph: view, state: state, fileSystem: fileSystem)
        listing.add(outputs.stats)
        stats.statted += outputs.statted
        stats.walkMs += clock.lap()

        // A source's recorded hash: its catalog row when this build read one (a changed file),
        // else the stored plan's entry.
        let rows = state.files, storedSources = stored.sources
        let recorded: @Sendable (String) -> (content: FileContent, firstSeenBuild: Int64)? = { path in
            if let r = rows[path] { return (r.content, r.firstSeenBuild) }
            return storedSources[path].map { ($0.content, 0) }
        }
        let sources = SourceHashes.hashing(changes.added + changes.modified, listing: listing, recorded: recorded, fileSystem: fileSystem,
                                           deferred: !options.dryRun)
        stats.hashed = sources.hashedCount
        stats.hashMs = clock.lap()
        // A dry run hashed the changed files already: it lists them for `status`.
        let sourceChanges = options.dryRun
            ? SourceChange.list(rehashed: sources.rehashedPaths, deleted: changes.removed, fresh: sources.fresh) { recorded($0)?.content }
            : nil

        // Changes are appended to the stored plan until they add up to a quarter of it.
        let planWrite: BuildSession.PlanWrite = stored.changesSize < planChangeBudget(stored.baseSize) ? .changes : .whole
        // A whole plan to write starts its string table from the stored one: indexed while the
        // targets run (a tenth of a second on a large lake).
        let storedStrings = graph.encodedStrings
        let seededTable = planWrite == .whole && !options.dryRun ? Background { StringTable(seed: storedStrings) } : nil
        let session = BuildSession(build: self, options: options, listing: listing, state: state, graph: view, sources: sources,
                                   priorResults: prior, inheritedStanding: stored.standing,
                                   changedSources: Set(changes.added + changes.removed + changes.modified), planWrite: planWrite)
        // Asked for some outputs only: the visited targets among them and what they need.
        // Those not visited are up to date; the others are not requested.
        var wanted: Set<Int>?, requested = graph.count, inClosure: [Bool]?
        if !options.prefixes.isEmpty {
            let closure = graph.closure(forPrefixes: options.prefixes)
            wanted = Set(visit.indices.filter { closure[visit[$0]] })
            requested = closure.count { $0 }
            inClosure = closure
        }
        schedule(session, wanted: wanted, options: options)
        stats.runMs = clock.lap()

        var report = try session.finish(stats: &stats)
        report.stoppedBy = options.stop?.signal
        report.sourceChanges = sourceChanges
        // The requested targets not visited stand as the stored plan says: up to date (or
        // rejected), or skipped.
        var skippedNotVisited = 0
        for (i, o) in replanned.origin.enumerated() where viewIndex[i] == nil {
            if let o, outcomes[o].skipped, inClosure?[i] ?? true { skippedNotVisited += 1 }
        }
        report.skippedWithoutPlan = skippedNotVisited
        report.upToDateWithoutPlan = requested - (wanted?.count ?? view.targets.count) - skippedNotVisited
        if options.countsTargetsPerRule {
            var counts = [Int](repeating: 0, count: graph.rules.count)
            for i in 0..<graph.count { counts[graph.ruleIndex(i)] += 1 }
            report.targetsPerRule = Dictionary(uniqueKeysWithValues: zip(graph.rules.map(\.name), counts))
        }
        stats.targetsConsidered = view.targets.count
        if options.dryRun { return report }
        try storePlan(session, report: report, configuration: configuration, graph: graph, viewIndex: viewIndex,
                      carried: CarriedPlan(plan: stored, outcomes: outcomes, origin: replanned.origin, removed: replanned.removed,
                                           fresh: replanned.changed, changes: changes, orphans: orphans, seededTable: seededTable))
        return report
    }

    /// A target outside the visit as its dependents see it, from the stored plan.
    static func priorResult(outputs paths: [String], rule: String, outcome: StoredPlan.Outcome,
                            files: StoredFiles) -> BuildSession.Result {
        var outputs: [FileVersion]?
        if outcome.produced {
            let versions = paths.compactMap { p in files[p].map { FileVersion(path: p, content: $0.content) } }
            if versions.count == paths.count { outputs = versions }
        }
        let report = TargetReport(rule: rule, outputs: paths, outcome: .upToDate, durationMs: 0)
        return BuildSession.Result(report: report, outputs: outputs, rejectedSources: outcome.rejectedSources)
    }

    /// Stores the plan of a full build for the next build. Nothing is stored when the build
    /// was stopped, a target was not decided, a binding was refused or a catalog write failed:
    /// the next build then plans in full.
    func storePlan(_ session: BuildSession, report: BuildReport, configuration: String, graph: TargetGraph) throws(BuildError) {
        let viewIndex = Array(graph.targets.indices).map(Optional.some)
        guard Self.outcomeCounts(session, report: report, graph: graph, viewIndex: viewIndex, carried: nil) != nil else { return }
        let whole = Self.whole(session, report: report, graph: graph, viewIndex: viewIndex)
        do { try catalog.saveStoredPlan(config: configuration, baseParts: whole.base, graph: whole.graph) } catch { throw .catalog(error) }
    }

    /// Stores what a change-driven build changed (`StoredPlanChange`), or the whole plan once
    /// the stored changes add up to `planChangeBudget`; nothing under the conditions above.
    /// - Parameters:
    ///   - viewIndex: for each target of `graph`, its index in the session, if visited.
    ///   - carried: the plan the build started from and what changed.
    func storePlan(_ session: BuildSession, report: BuildReport, configuration: String, graph: StoredGraph, viewIndex: [Int?],
                   carried: CarriedPlan) throws(BuildError) {
        guard let counts = Self.outcomeCounts(session, report: report, graph: graph, viewIndex: viewIndex, carried: carried) else { return }
        let change = Self.change(session, report: report, graph: graph, viewIndex: viewIndex, carried: carried, counts: counts)
        do {
            if session.planWrite == .changes {
                let bytes = change.encoded()
                if carried.plan.changesSize + bytes.count <= planChangeBudget(carried.plan.baseSize) {
                    try catalog.finishStoredPlanChange(id: session.planChangeRow, change: bytes)
                    return
                }
            }
            let whole = Self.whole(change, to: carried, graph: graph, viewIndex: viewIndex, session: session)
            try catalog.saveStoredPlan(config: configuration, baseParts: whole.base, graph: whole.graph)
        } catch {
            throw .catalog(error)
        }
    }

    /// How many targets of the plan to store are dirty (failed, not requested) and how many
    /// skipped; nil when no plan may be stored (the build was stopped, a target was not
    /// decided, a binding was refused, a catalog write failed).
    private static func outcomeCounts(_ session: BuildSession, report: BuildReport, graph: some IndexedTargets,
                                      viewIndex: [Int?], carried: CarriedPlan?) -> (dirty: Int, skipped: Int)? {
        guard report.stoppedBy == nil, !graph.hasRefusedBindings, !session.hadCatalogFailure else { return nil }
        var dirty = 0, skipped = 0
        for (i, v) in viewIndex.enumerated() {
            let o: StoredPlan.Outcome
            if let v {
                guard let mine = session.storedOutcome(v) else { return nil }
                o = mine
            } else {
                guard let carried, let origin = carried.origin[i] else { return nil }
                o = carried.outcomes[origin]
            }
            if o.dirty { dirty += 1 }
            if o.skipped { skipped += 1 }
        }
        return (dirty, skipped)
    }

    /// The whole plan of a full build: every target's outcome and every file as it leaves them.
    private static func whole(_ session: BuildSession, report: BuildReport, graph: TargetGraph,
                              viewIndex: [Int?]) -> StoredPlan.EncodedPlan {
        let removed = session.allRemovedPaths()
        var outcomes: [StoredPlan.Outcome] = []
        outcomes.reserveCapacity(graph.count)
        var outputs: [String: StoredPlan.FileState] = [:]
        outputs.reserveCapacity(graph.count)
        for i in 0..<graph.count {
            if let v = viewIndex[i], let o = session.storedOutcome(v) {
                outcomes.append(o)
                for p in graph.outputs(i) { if let f = session.leftFileState(p, removed: removed) { outputs[p] = f } }
            }
        }
        for p in session.leftRejectionFiles(removed: removed) { outputs[p] = session.leftFileState(p, removed: removed) }
        // Discovery lists the sources in bytewise order already.
        let sources = StoredFiles(sortedPaths: graph.sources) { p in
            guard let stat = session.listing.files[p], let v = session.sources.version(of: p) else { return nil }
            return StoredPlan.FileState(stat: stat, content: v.content)
        }
        return StoredPlan.encode(graph: graph, outcomes: outcomes, sources: sources, outputs: StoredFiles(outputs),
                                 standing: report.standingRejections, escapingLinks: session.listing.escapingLinks)
    }

    /// The whole plan of a change-driven build: the plan it started from with its change
    /// applied (the file lists are merged with the change, not rebuilt from every target), and
    /// each target's outcome, from this build for the targets it visited, else as stored.
    private static func whole(_ change: StoredPlanChange, to carried: CarriedPlan, graph: StoredGraph, viewIndex: [Int?],
                              session: BuildSession) -> StoredPlan.EncodedPlan {
        var outcomes: [StoredPlan.Outcome] = []
        outcomes.reserveCapacity(graph.count)
        for i in 0..<graph.count {
            if let v = viewIndex[i], let o = session.storedOutcome(v) {
                outcomes.append(o)
            } else if let o = carried.origin[i] {
                outcomes.append(carried.outcomes[o])
            }
        }
        return StoredPlan.encode(graph: graph, outcomes: outcomes,
                                 sources: carried.plan.sources, sourceEdit: StoredFiles.Edit(change.sourceUpdates),
                                 outputs: carried.plan.outputs, outputEdit: StoredFiles.Edit(change.outputUpdates),
                                 standing: change.standing, escapingLinks: change.escapingLinks, orphans: change.orphans,
                                 baseSize: carried.plan.baseSize,
                                 seededTable: carried.seededTable)
    }

    /// What this change-driven build changed in the stored plan.
    private static func change(_ session: BuildSession, report: BuildReport, graph: StoredGraph, viewIndex: [Int?],
                               carried: CarriedPlan, counts: (dirty: Int, skipped: Int)) -> StoredPlanChange {
        let removed = session.allRemovedPaths()
        var change = StoredPlanChange(targetCount: graph.count, dirtyCount: counts.dirty, skippedCount: counts.skipped)
        for p in carried.changes.added + carried.changes.modified {
            if let stat = session.listing.files[p], let v = session.sources.version(of: p) {
                change.sourcesSet.append((p, StoredPlan.FileState(stat: stat, content: v.content)))
            } else {
                change.sourcesRemoved.append(p)
            }
        }
        change.sourcesRemoved += carried.changes.removed
        var outputs = Set<String>()
        for (i, v) in viewIndex.enumerated() {
            guard let v else { continue }
            let targetOutputs = graph.outputs(i)
            outputs.formUnion(targetOutputs)
            if let o = session.storedOutcome(v) { change.outcomes.append((targetOutputs[0], o)) }
        }
        for t in carried.removed { outputs.formUnion(t.outputs) }
        for p in carried.orphans { outputs.formUnion(session.state.target(producing: p)?.outputs.map(\.path) ?? []) }
        outputs.formUnion(removed.filter(LakeLayout.isRejectionFile))
        outputs.formUnion(session.leftRejectionFiles(removed: removed))
        for p in outputs.sorted(by: LakePath.bytewiseLess) {
            if let f = session.leftFileState(p, removed: removed) {
                change.outputsSet.append((p, f))
            } else {
                change.outputsRemoved.append(p)
            }
        }
        change.unmatched = graph.unmatched
        change.standing = report.standingRejections
        change.escapingLinks = session.listing.escapingLinks
        // A prefix build deletes nothing: the targets gone are kept in the list until a build
        // of the whole lake deletes their outputs.
        if !session.options.prefixes.isEmpty {
            change.orphans = Set(carried.orphans + carried.removed.map(\.primaryOutput)).sorted(by: LakePath.bytewiseLess)
        }
        change.targetsRemoved = carried.removed.map(\.primaryOutput)
        change.targetsSet = carried.fresh.map { graph.target($0) }
        return change
    }
}

/// The stored plan a change-driven build started from, and what it changed.
struct CarriedPlan {
    var plan: StoredPlan
    var outcomes: [StoredPlan.Outcome]
    /// For each target of the new graph, its index in the stored one (nil for a new target).
    var origin: [Int?]
    /// Targets of the stored plan that are gone.
    var removed: [PlannedTarget]
    /// Indices in the new graph of targets new or planned with other inputs.
    var fresh: [Int]
    var changes: PlanChanges
    /// The stored plan's orphans that no target produces again.
    var orphans: [String]
    /// A string table seeded with the stored graph's strings, made while the targets ran when
    /// the build was to write a whole plan.
    var seededTable: Background<StringTable>?
}
