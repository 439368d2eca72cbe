// The plan a build leaves for the next one. A build that ran to its end stores the whole
// target graph, every raw, reference and output file with the fingerprint and content hash it
// saw, and each target's outcome; the next build walks the sources, stats the outputs named
// here, and starts from the differences (see `ChangeDrivenDiscovery` and `Build`). With no
// difference the build is done: one SELECT, one walk, one stat per output, no plan.
//
// Encoding (`PlanCoding.swift`): every distinct string (paths, wildcard names and values)
// once, front-coded in a table; the rest refers to strings by number (varints), hashes are 32
// raw bytes, fingerprints varints with times as differences. The files come before the
// targets, so the no-op check decodes only them.
// A build that changed little stores only its changes (`StoredPlanChange`), which the next
// build applies to the whole plan in order; see `Catalog+StoredPlan.swift` for why a killed
// build can never leave a stale plan.

import Catalog
import LakeFormats

/// What one build saw and decided, in the form the next build starts from.
struct StoredPlan {
    /// A file as the build left it: fingerprint and content.
    struct FileState: Equatable {
        var stat: FileStat
        var content: FileContent
    }

    /// A target's outcome as its dependents see it.
    struct Outcome: Equatable {
        /// The outputs exist as recorded (built or up to date).
        var produced: Bool
        /// Rejected raw files behind a target that produced nothing (see `BuildSession.Result`).
        var rejectedSources: [String]
        /// The target must be looked at by the next build (it failed, or a prefix build did
        /// not run it).
        var dirty: Bool
        /// The target was skipped (its main input rejected, failed or skipped); it stays so
        /// until that changes, and counts as skipped in a build that does not visit it.
        var skipped = false
    }

    /// Raw and reference files.
    var sources: StoredFiles
    /// Outputs and rejection files that exist.
    var outputs: StoredFiles
    var unmatched: [UnmatchedFile]
    var standing: [StandingRejection]
    var escapingLinks: [String]
    /// Targets gone from the plan whose outputs a prefix build left (it deletes nothing), by
    /// first output: the next build of the whole lake deletes them.
    var orphans: [String]
    var targetCount: Int
    /// Targets the next build must visit whatever changed (they failed, or a prefix build did
    /// not run them).
    var dirtyCount: Int
    /// Targets that were skipped (`Outcome.skipped`).
    var skippedCount: Int
    /// Whatever changed, the next build has targets to visit: dirty ones, or orphans.
    var mustVisit: Bool { dirtyCount > 0 || !orphans.isEmpty }
    /// The targets, read and decoded on demand (`graph(rules:)`): a build with no change never
    /// needs them, so the catalog keeps them in a column of their own.
    var loadGraph: () -> [UInt8]
    private var strings: [String]
    private var baseTargetCount: Int
    /// Changes later builds stored, in order.
    private var changes: [StoredPlanChange] = []
    /// Sizes in bytes of the whole plan and of the changes stored after it.
    private(set) var baseSize = 0
    private(set) var changesSize = 0

    /// Decodes a stored plan and applies its changes to the files and summary lists; nil for
    /// anything malformed or of another format.
    /// - Parameter graph: reads the graph part of the whole plan, when it is needed.
    init?(record: StoredPlanRecord, graph: @escaping () -> [UInt8]) {
        self.init(decoding: record.base, graph: graph)
        baseSize = record.base.count
        guard apply(changeRows: record.changes[...]) else { return nil }
    }

    /// Applies change rows stored after the ones applied so far to the files and summary lists
    /// (the graph takes them when it is asked for); false for a malformed row.
    mutating func apply(changeRows: ArraySlice<[UInt8]>) -> Bool {
        // The last word of the changes on each file, applied to the files at once.
        var sourceUpdates: [String: FileState?] = [:], outputUpdates: [String: FileState?] = [:]
        for bytes in changeRows {
            guard let change = StoredPlanChange(decoding: bytes) else { return false }
            changesSize += bytes.count
            sourceUpdates.merge(change.sourceUpdates) { _, later in later }
            outputUpdates.merge(change.outputUpdates) { _, later in later }
            unmatched = change.unmatched
            standing = change.standing
            escapingLinks = change.escapingLinks
            orphans = change.orphans
            targetCount = change.targetCount
            dirtyCount = change.dirtyCount
            skippedCount = change.skippedCount
            changes.append(change)
        }
        sources.apply(sourceUpdates)
        outputs.apply(outputUpdates)
        return true
    }

    /// The digest of everything besides files that decides a build: the rules as parsed, each
    /// rule's action version, the files rules use, and the engine's own format version.
    static func configuration(rules: RuleSet, versionOf: (ActionInvocation) -> Int?, usedFiles: [String: FileContent] = [:]) -> String {
        var text = "lakemake-plan-2\n"
        for rule in rules.rules {
            text += "rule \(rule.name)\n"
            for line in rule.inputs { text += "in \(line.pattern.text)\n" }
            for line in rule.outputs { text += "out \(line.pattern.text)\n" }
            switch rule.action {
            case .builtin(let name, let parameters, _):
                text += "run \(name) v\(versionOf(rule.action).map(String.init) ?? "?")"
                for p in parameters { text += " \(p.key)=\(TargetKey.escape(p.value))" }
                text += "\n"
            case .shell(let command, _):
                text += "sh \(TargetKey.escape(command))\n"
            }
        }
        for (path, v) in usedFiles.sorted(by: { $0.key < $1.key }) { text += "uses \(path) \(v.sha256)\n" }
        return SHA256.hex(SHA256.hash(Array(text.utf8)))
    }

    /// The stored graph with `rules` (the same rules, as the configuration digest ensures),
    /// its targets decoded only when asked for, and each target's outcome, parallel to the
    /// graph's targets. Starts from `decoded` when a `StoredPlanMemory` kept it (applying only
    /// the changes stored since). Nil when malformed.
    func graph(rules: RuleSet) -> (graph: StoredGraph, outcomes: [Outcome])? {
        guard case (var graph, var outcomes, let pending)? = startingGraph(rules: rules) else { return nil }
        if !pending.isEmpty {
            guard let applied = StoredPlanChange.apply(Array(pending), to: consume graph, outcomes: outcomes, sources: sources) else { return nil }
            (graph, outcomes) = applied
        }
        guard graph.count == targetCount else { return nil }
        return (graph, outcomes)
    }

    /// The graph kept in `decoded` or else the whole plan's, and the changes still to apply.
    private func startingGraph(rules: RuleSet) -> (StoredGraph, [Outcome], ArraySlice<StoredPlanChange>)? {
        if let decoded, decoded.changesApplied <= changes.count {
            var graph = decoded.graph
            graph.rules = rules.topologicalOrder()
            return (graph, decoded.outcomes, changes[decoded.changesApplied...])
        }
        guard let (graph, outcomes) = StoredGraph.decode(loadGraph(), strings: strings, rules: rules.topologicalOrder(),
                                                         unmatched: unmatched, targetCount: baseTargetCount) else { return nil }
        return (graph, outcomes, changes[...])
    }

    /// A graph decoded by an earlier build of the same process, with the first
    /// `changesApplied` of `changes` applied.
    struct DecodedGraph {
        var graph: StoredGraph
        var outcomes: [Outcome]
        var changesApplied: Int
    }

    /// Set by `StoredPlanMemory` only.
    var decoded: DecodedGraph?
    /// How many change rows were applied to the whole plan.
    var changeCount: Int { changes.count }

    // MARK: - Encoding

    /// The format's first bytes; anything else (a no-op snapshot of an older version) is not
    /// decoded, and the next build plans in full once.
    static let magic = Array("LMP4".utf8)

    /// Encodes a plan: the part every build reads (files and summary lists, with the string
    /// table) and the graph part only a build with changes reads. `outcomes` is parallel to
    /// `graph.targets`.
    static func encode(graph: some IndexedTargets, outcomes: [Outcome], sources: StoredFiles, outputs: StoredFiles,
                       standing: [StandingRejection], escapingLinks: [String]) -> EncodedPlan {
        var table = StringTable()
        return encode(graph: graph, outcomes: outcomes, sources: sources, outputs: outputs, standing: standing,
                      escapingLinks: escapingLinks, orphans: [], table: &table, sizes: (0, 0), storedPart: { _ in nil })
    }

    /// Encodes the plan of a change-driven build. Its targets are mostly the stored plan's,
    /// still encoded: the stored string table is kept as the start of the new one, so each
    /// such target's own part is copied as it is, and only its dependencies (renumbered) and
    /// outcome are written again. (Re-encoding every target through the table was most of the
    /// 2 s such a build took once every few hundred builds.) Strings nothing uses any more
    /// stay in a table kept this way; once they could be a third of it, it is made anew.
    /// The files keep their string numbers the same way (`StoredFiles.encode`).
    /// - Parameters:
    ///   - baseSize: the size of the stored plan's part the files are in, reserved for the new
    ///     one's.
    ///   - seededTable: a table seeded with `graph.encodedStrings`, made beforehand.
    ///   - sourceEdit, outputEdit: updates the files are written with (see `StoredFiles.Edit`).
    static func encode(graph: StoredGraph, outcomes: [Outcome], sources: StoredFiles, sourceEdit: StoredFiles.Edit = .init(),
                       outputs: StoredFiles, outputEdit: StoredFiles.Edit = .init(),
                       standing: [StandingRejection], escapingLinks: [String], orphans: [String], baseSize: Int = 0,
                       seededTable: Background<StringTable>? = nil) -> EncodedPlan {
        let stored = graph.encodedStrings
        let keep = stored.count <= (sources.count + outputs.count) * 3 / 2 + 4096
        var table = StringTable()
        if keep, let seeded = seededTable?.take(), seeded.isSeeded(with: stored) {
            table = seeded
        } else if keep {
            table = StringTable(seed: stored)
        }
        return encode(graph: graph, outcomes: outcomes, sources: sources, sourceEdit: sourceEdit, outputs: outputs, outputEdit: outputEdit,
                      standing: standing, escapingLinks: escapingLinks, orphans: orphans, table: &table, sizes: (baseSize, graph.encodedSize),
                      storedPart: { keep ? graph.encodedOwnPart($0) : nil })
    }

    /// - Parameters:
    ///   - sizes: the sizes of the two parts expected (a little is added), reserved at once.
    ///   - storedPart: target `i`'s own part already encoded with `table`'s strings, to be
    ///     copied; nil to encode the target.
    private static func encode(graph: some IndexedTargets, outcomes: [Outcome],
                               sources: StoredFiles, sourceEdit: StoredFiles.Edit = .init(),
                               outputs: StoredFiles, outputEdit: StoredFiles.Edit = .init(),
                               standing: [StandingRejection], escapingLinks: [String], orphans: [String], table: inout StringTable,
                               sizes: (base: Int, graph: Int),
                               storedPart: (Int) -> ArraySlice<UInt8>?) -> EncodedPlan {
        let margin = { (size: Int) in size + size / 16 + 4096 }
        // Strings are numbered in the order they are written below: files first (sorted
        // paths, which front-code well), then the summary lists, then the targets. The files
        // need only their numbers: they are written on another core meanwhile (a fifth of the
        // encoding on a large lake), and follow the table in the file.
        let sourceIDs = sources.ids(in: &table, applying: sourceEdit), outputIDs = outputs.ids(in: &table, applying: outputEdit)
        let filesCapacity = margin(sizes.base)
        let files = Background { () -> [UInt8] in
            var writer = PlanWriter(reservingCapacity: filesCapacity)
            sources.encode(into: &writer, ids: sourceIDs, applying: sourceEdit)
            outputs.encode(into: &writer, ids: outputIDs, applying: outputEdit)
            return writer.bytes
        }
        var summary = PlanWriter()
        summary.unmatched(graph.unmatched, &table)
        summary.standing(standing, &table)
        summary.list(escapingLinks, &table)
        summary.list(orphans, &table)
        summary.count(graph.count)
        summary.count(outcomes.filter(\.dirty).count)
        summary.count(outcomes.filter(\.skipped).count)

        var targets = PlanWriter(reservingCapacity: margin(sizes.graph))
        // The sources' numbers are known when they are the files' (as a build leaves them).
        if sources.pathsEqual(graph.sources, applying: sourceEdit) {
            targets.count(sourceIDs.count)
            for id in sourceIDs { targets.count(Int(id)) }
        } else {
            targets.list(graph.sources, &table)
        }
        for (i, o) in outcomes.enumerated() {
            let dependencies: [Int]
            if let part = storedPart(i) {
                targets.raw(part)
                dependencies = graph.dependencies(i)
            } else {
                let t = graph.target(i)
                targets.target(t, &table)
                dependencies = t.dependencies
            }
            targets.count(dependencies.count)
            for d in dependencies { targets.count(d) }
            targets.outcome(o, &table)
        }

        var head = PlanWriter(reservingCapacity: margin(sizes.base))
        head.raw(magic)
        head.table(table)
        return EncodedPlan(base: [head.bytes, files.take(), summary.bytes], graph: targets.bytes)
    }

    /// A plan as `encode` writes it: the part every build reads, in pieces written one after
    /// the other (not copied into one buffer), and the graph part.
    struct EncodedPlan {
        var base: [[UInt8]]
        var graph: [UInt8]
    }

    /// Decodes the files and summary of a whole stored plan (the targets stay encoded until
    /// asked for); nil for anything malformed or of another format.
    private init?(decoding bytes: [UInt8], graph: @escaping () -> [UInt8]) {
        guard bytes.starts(with: Self.magic) else { return nil }
        var r = PlanReader(bytes: bytes, skipping: Self.magic.count)
        guard let strings = r.table() else { return nil }
        guard let sources = StoredFiles(decoding: &r, strings), let outputs = StoredFiles(decoding: &r, strings) else { return nil }
        self.sources = sources
        self.outputs = outputs
        guard let u = r.unmatched(strings) else { return nil }
        unmatched = u
        guard let standing = r.standing(strings) else { return nil }
        self.standing = standing
        guard let links = r.list(strings), let orphans = r.list(strings), let count = r.count(), let dirty = r.count(),
              let skipped = r.count() else { return nil }
        escapingLinks = links
        self.orphans = orphans
        targetCount = count
        baseTargetCount = count
        dirtyCount = dirty
        skippedCount = skipped
        guard r.atEnd else { return nil }
        loadGraph = graph
        self.strings = strings
    }
}
