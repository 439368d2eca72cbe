// One running build: the scheduler's threads run its targets producers-first, and each
// target is decided (`TargetDecision`, from the facts gathered here) and, when stale, its
// action run. The session holds every target's result, which its dependents read; the rest is
// handed to the pieces it holds: the outputs (`OutputStaging`: hashing, keeping identical
// files, publishing, removing), the catalog writes (`BuildJournal`), the report at the end
// (`BuildSession+Report`) and what the stored plan takes from it (`BuildSession+StoredPlan`).
//
// A target whose outputs changed hands them to the publish queue; the queue's thread publishes
// a batch of such targets at a time (each output written to its temporary file and synced, all
// side by side; then renamed; then each folder synced once) and only then journals them, in one
// catalog transaction per batch. Dependents start once their producer's batch is journaled.

import Catalog
import Foundation
import LakeFormats

/// One running build: its targets' results, and the running of each target.
final class BuildSession: @unchecked Sendable {
    /// A finished target as its dependents see it.
    struct Result {
        var report: TargetReport
        /// Present output versions; nil when the target produced nothing usable.
        var outputs: [FileVersion]?
        /// `-n`: the target would run, so its outputs would change.
        var willChange = false
        /// When it produced nothing because of rejected raw files (its own, or upstream through
        /// skipped targets): those files, sorted. Dependents learn them as `AbsentInput`s.
        var rejectedSources: [String] = []
    }

    let build: Build
    let options: BuildOptions
    let listing: LakeListing
    let state: CatalogState
    let graph: TargetGraph
    let sources: SourceHashes
    /// Outcomes of targets outside the plan, by output path: a change-driven build visits
    /// only what a change reaches, and the other targets stand as the stored plan says.
    let priorResults: [String: Result]
    /// The stored plan's standing rejections; those of raw files this build did not look at
    /// again still stand (see `RejectionFiles`).
    let inheritedStanding: [StandingRejection]
    /// Raw and reference files a change-driven build found added, changed or removed.
    let changedSources: Set<String>

    /// How this build will store its plan (see `BuildJournal.PlanWrite`).
    typealias PlanWrite = BuildJournal.PlanWrite
    var planWrite: PlanWrite { journal.planWrite }
    /// The change row begun at the first write (`planWrite == .changes`).
    var planChangeRow: Int64? { journal.planChangeRow }

    /// The build's catalog writes.
    let journal: BuildJournal
    /// The build's outputs: hashed, kept, published and removed.
    let staging: OutputStaging

    /// Guards the results and the counts below; workers and the publish queue's thread set them.
    private let lock = NSLock()
    private var results: [Result?]
    private var finishedCount = 0
    private var troubleSeen = false

    init(build: Build, options: BuildOptions, listing: LakeListing, state: CatalogState, graph: TargetGraph, sources: SourceHashes,
         priorResults: [String: Result] = [:], inheritedStanding: [StandingRejection] = [], changedSources: Set<String> = [],
         planWrite: PlanWrite = .whole) {
        self.build = build
        self.options = options
        self.listing = listing
        self.state = state
        self.graph = graph
        self.sources = sources
        self.priorResults = priorResults
        self.inheritedStanding = inheritedStanding
        self.changedSources = changedSources
        self.journal = BuildJournal(catalog: build.catalog, commandLine: options.commandLine, now: build.now, planWrite: planWrite)
        self.staging = OutputStaging(fileSystem: build.fileSystem, listing: listing, state: state, journal: journal)
        self.results = Array(repeating: nil, count: graph.targets.count)
    }

    var fileSystem: FileSystem { build.fileSystem }

    func setOutcome(_ i: Int, _ outcome: TargetOutcome, durationMs: Int64, outputs: [FileVersion]? = nil, willChange: Bool = false,
                    rejectedSources: [String] = []) {
        let t = graph.targets[i]
        let report = TargetReport(rule: graph.rules[t.ruleIndex].name, outputs: t.outputs, outcome: outcome, durationMs: durationMs)
        let finished: Int = locked {
            results[i] = Result(report: report, outputs: outputs, willChange: willChange, rejectedSources: rejectedSources)
            finishedCount += 1
            switch outcome {
            case .failed, .rejected: troubleSeen = true
            default: break
            }
            return finishedCount
        }
        options.onTargetFinished?(report)
        options.onProgress?(finished, graph.targets.count, t.primaryOutput)
    }

    /// Whether a target has failed or been rejected so far (for `--fail-fast`).
    var hasTrouble: Bool { locked { troubleSeen } }

    func result(_ i: Int) -> Result? { locked { results[i] } }

    /// Every target's result so far (nil for one not reached).
    func allResults() -> [Result?] { locked { results } }

    /// Where an input comes from: a raw or reference file, or a target's output with that
    /// target's result (nil while it has none).
    private enum Upstream {
        case source
        case produced(Result?)
    }

    private func upstream(_ path: String) -> Upstream {
        if let producer = graph.producer[path] { return .produced(result(producer)) }
        if let prior = priorResults[path] { return .produced(prior) }
        return .source
    }

    // MARK: - Running

    /// Runs the targets producers-first; with `wanted`, only those (the rest are reported
    /// not requested). Returns once every target's outputs are published and journaled.
    func run(wanted: Set<Int>?) {
        let options = self.options
        let queue = PublishQueue<Staged>(weight: Self.weight) { [self] batch in publish(batch) }
        Scheduler(jobs: options.jobs).run(nodeCount: graph.targets.count, dependencies: graph.targets.map(\.dependencies),
                                          idle: queue.hurry) { [self] i, completion in
            if let wanted, !wanted.contains(i) {
                setOutcome(i, .notRequested, durationMs: 0)
            } else if options.stop?.signal != nil || (options.failFast && hasTrouble) {
                setOutcome(i, .notStarted, durationMs: 0)
            } else {
                return process(i, publishing: { queue.add(Staged(target: $0, completion: completion)) })
            }
            return true
        }
        queue.close()
    }

    // MARK: - One target

    /// Decides target `i` and runs it when stale.
    /// - Parameter publishing: takes the target when its outputs wait to be published.
    /// - Returns: true when the target is finished; false when it went to `publishing`.
    private func process(_ i: Int, publishing: (StagedTarget) -> Void) -> Bool {
        let t = graph.targets[i]
        let rule = graph.rules[t.ruleIndex]
        var facts = TargetFacts()
        facts.trace = state.target(producing: t.primaryOutput)
        facts.retryRejected = options.retryRejected

        // A target whose main input was not produced is skipped, and its old output removed
        // so nothing stale feeds the aggregates downstream. (Members of an aggregate first
        // line are simply absent instead, unless every one of them is: see below.)
        var rejectedSources: [String] = []
        let firstIsAggregate = rule.inputs[0].isAggregate
        for p in t.inputs[0] where !firstIsAggregate {
            if case .produced(let r) = upstream(p), r?.outputs == nil {
                facts.mainInputNotBuilt = p
                rejectedSources = r?.rejectedSources ?? []
                break
            }
        }

        var inputs: [[String]] = []
        var absent: [[AbsentInput]] = []
        var versions: [FileVersion] = []
        // A changed raw or reference file is read here, once: hashed for the key, and handed
        // to a built-in action as those very bytes (up to `handedLimit` per target).
        let hands = !options.dryRun && rule.action.isBuiltin
        var handed: [String: [UInt8]] = [:]
        var handedSize = 0
        if facts.mainInputNotBuilt == nil {
            lines: for line in t.inputs {
                var kept: [String] = []
                var missing: [AbsentInput] = []
                for p in line {
                    if case .produced(let result) = upstream(p) {
                        guard let r = result, let v = r.outputs?.first(where: { $0.path == p }) else {
                            missing.append(AbsentInput(path: p, rejectedSources: result?.rejectedSources ?? []))
                            continue
                        }
                        if r.willChange && facts.inputWillChange == nil && options.dryRun { facts.inputWillChange = p }
                        kept.append(p)
                        versions.append(v)
                    } else if hands, let (v, bytes) = sources.readChanged(p, limit: Self.handedLimit - handedSize) {
                        handed[p] = bytes
                        handedSize += bytes.count
                        kept.append(p)
                        versions.append(v)
                    } else {
                        switch sources.lookup(p) {
                        case .present(let v):
                            kept.append(p)
                            versions.append(v)
                        case .unreadable(let problem):
                            facts.unreadableInput = problem
                            break lines
                        case .missing:
                            break
                        }
                    }
                }
                inputs.append(kept)
                absent.append(missing)
            }
        }
        // No phantom bindings: an aggregate first line that had planned members, none of them
        // produced, gives nothing to aggregate (a day whose every upload was rejected). The
        // target is skipped like one whose plain main input was not built.
        if firstIsAggregate, inputs.first?.isEmpty == true, absent.first?.isEmpty == false {
            facts.noMemberBuilt = rule.inputs[0].pattern.text
            rejectedSources = Self.union(absent[0].map(\.rejectedSources))
        }
        if facts.mainInputNotBuilt == nil && facts.unreadableInput == nil && facts.noMemberBuilt == nil {
            // The rejected raw files behind absent members are part of the key: an output that
            // reports "rejected" (rather than "missing") changes when the rejection does.
            let present = Set(versions.map(\.path))
            for source in Self.union(absent.joined().map(\.rejectedSources)) where !present.contains(source) {
                if let v = sources.version(of: source) { versions.append(v) }
            }
            facts.missingInput = t.missingInputs.first
            // Files the rule `uses` (a script its command runs) are inputs of the key, named
            // relative to the lake (`../scripts/clean.py`).
            for used in rule.uses {
                guard let v = build.usedFiles[used] else {
                    facts.missingUsedFile = used
                    break
                }
                versions.append(FileVersion(path: Rule.inputPath(ofUsed: used), content: v))
            }
            if let version = build.versionOf(rule.action) {
                facts.material = KeyMaterial(action: rule.action.actionName, version: version,
                                             parameters: rule.action.keyParameters, inputs: versions)
            } else {
                facts.unknownAction = rule.name
            }
            facts.outputs = t.outputs.map { (path: $0, state: staging.outputState($0)) }
            // Input lists are read from the catalog only for a target whose key changed.
            facts.recordedInputs = state.inputsLoaded ? nil : { [build] in
                (try? build.catalog.target(producing: t.primaryOutput)?.inputs) ?? []
            }
            facts.forced = LakePrefix.selects(options.force, anyOf: t.outputs)
        }

        let trace = facts.trace
        switch TargetDecision.decide(facts) {
        case .removed:
            staging.removeOutputs(of: trace, forgetTarget: true)
        case .skipped(let cause):
            skip(i, trace: trace, cause: cause, rejectedSources: rejectedSources)
        case .cannotRun(let message):
            fail(i, trace: trace, reason: nil, message: message)
        case .stillRejected:
            let rejected = RejectionDocument.parse(catalogText: trace?.error ?? "").map(\.rejection.path)
            setOutcome(i, .stillRejected, durationMs: 0, rejectedSources: Self.union([rejected]))
        case .upToDate:
            setOutcome(i, .upToDate, durationMs: 0, outputs: trace?.outputs)
        case .stale(let reason):
            if options.dryRun {
                let outs = t.outputs.map { p in
                    trace?.outputs.first { $0.path == p } ?? FileVersion(path: p, sha256: "", size: 0)
                }
                setOutcome(i, .wouldBuild(reason: reason), durationMs: 0, outputs: outs, willChange: true)
            } else if let material = facts.material {
                return runAction(i, rule: rule, inputs: inputs, absent: absent, material: material, reason: reason, trace: trace,
                                 handed: handed, publishing: publishing)
            }
        }
        return true
    }

    /// Runs a stale target's action. Changed outputs are published with a batch
    /// (`publishing`); everything else is recorded at once.
    /// - Parameter handed: inputs already read, whose bytes are the ones keyed.
    /// - Returns: true when the target is finished; false when it went to `publishing`.
    private func runAction(_ i: Int, rule: Rule, inputs: [[String]], absent: [[AbsentInput]], material: KeyMaterial,
                           reason: StaleReason, trace: TargetRecord?, handed: [String: [UInt8]],
                           publishing: (StagedTarget) -> Void) -> Bool {
        let t = graph.targets[i]
        let started = DispatchTime.now().uptimeNanoseconds
        var sourceHashes: [String: String] = [:]
        for v in material.inputs where LakeLayout.isSource(v.path) { sourceHashes[v.path] = v.content.sha256 }
        let job = ActionJob(rule: rule.name, action: rule.action, binding: t.binding, inputs: inputs, absent: absent,
                            outputs: t.outputs, sourceHashes: sourceHashes, contents: handed)
        var outcome = build.runner.run(job, in: fileSystem)
        // An aggregate that rejected every member of its first line has nothing left to
        // aggregate: the target is rejected as a whole (an hour whose every snapshot is bad).
        if rule.inputs[0].isAggregate, case .produced(let produced, let rejections) = outcome, !inputs[0].isEmpty,
           Set(inputs[0]).isSubset(of: Set(rejections.map(\.path))) {
            staging.discard(produced)
            outcome = .rejected(rejections)
        }
        let elapsed = { Int64((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) }

        switch outcome {
        case .produced(let produced, let rejections):
            var versions: [FileVersion] = []
            var files: [(output: ProducedOutput, path: String)] = []
            do {
                for (output, path) in zip(produced, t.outputs) {
                    let (v, changed) = try staging.stage(output, as: path)
                    versions.append(v)
                    if changed { files.append((output: output, path: path)) }
                }
            } catch {
                staging.discard(produced)
                fail(i, trace: trace, reason: reason, message: error.message)
                return true
            }
            let durationMs = elapsed()
            let record = makeRecord(t, rule: rule, material: material, state: .built,
                                    error: rejections.isEmpty ? nil : RejectionDocument.catalogText(rejections, rule: rule.name),
                                    outputs: versions, durationMs: durationMs)
            let staged = StagedTarget(node: i, files: files, versions: versions, record: record, reason: reason, trace: trace,
                                      rejections: rejections, rule: rule.name, durationMs: durationMs)
            guard files.isEmpty else {
                publishing(staged)
                return false
            }
            // Every output came out byte-identical: nothing to publish.
            journal.record(record)
            finishBuilt(staged, changed: false)
        case .rejected(let rejections):
            staging.removeOutputs(of: trace)
            let record = makeRecord(t, rule: rule, material: material, state: .rejected,
                                    error: RejectionDocument.catalogText(rejections, rule: rule.name), outputs: [], durationMs: elapsed())
            journal.record(record)
            journal.addRejections(rejections, rule: rule.name)
            setOutcome(i, .rejected(reason: reason, rejections: rejections), durationMs: elapsed(),
                       rejectedSources: Self.union([rejections.map(\.path)]))
        case .failed(let error):
            staging.removeOutputs(of: trace)
            let record = makeRecord(t, rule: rule, material: material, state: .failed, error: error.message, outputs: [], durationMs: elapsed())
            journal.record(record)
            setOutcome(i, .failed(reason: reason, error: error.message), durationMs: elapsed())
        }
        return true
    }

    private func finishBuilt(_ staged: StagedTarget, changed: Bool) {
        setOutcome(staged.node, .built(reason: staged.reason, changed: changed), durationMs: staged.durationMs, outputs: staged.versions)
        if !staged.rejections.isEmpty { journal.addRejections(staged.rejections, rule: staged.rule) }
    }

    /// The most bytes of changed inputs one target is handed (an upload, a few snapshots);
    /// inputs beyond it are hashed as they are streamed, and read again by the action.
    static let handedLimit = 8 << 20

    /// Skips a target that has nothing to work from, removing its old outputs (and catalog row)
    /// so nothing stale feeds the aggregates downstream.
    private func skip(_ i: Int, trace: TargetRecord?, cause: String, rejectedSources: [String]) {
        if !options.dryRun { staging.removeOutputs(of: trace, forgetTarget: true) }
        setOutcome(i, .skipped(cause: cause), durationMs: 0, rejectedSources: rejectedSources)
    }

    /// The distinct paths of several lists, sorted bytewise.
    private static func union(_ lists: [[String]]) -> [String] {
        Set(lists.joined()).sorted(by: LakePath.bytewiseLess)
    }

    /// Records a failure that happened before the action could run.
    private func fail(_ i: Int, trace: TargetRecord?, reason: StaleReason?, message: String) {
        let t = graph.targets[i]
        let rule = graph.rules[t.ruleIndex]
        if !options.dryRun {
            staging.removeOutputs(of: trace)
            let material = KeyMaterial(action: rule.action.actionName, version: build.versionOf(rule.action) ?? 0,
                                       parameters: rule.action.keyParameters, inputs: [])
            journal.record(makeRecord(t, rule: rule, material: material, state: .failed, error: message, outputs: [], durationMs: 0))
        }
        setOutcome(i, .failed(reason: reason, error: message), durationMs: 0)
    }

    private func makeRecord(_ t: PlannedTarget, rule: Rule, material: KeyMaterial, state: TargetState, error: String?,
                            outputs: [FileVersion], durationMs: Int64) -> TargetRecord {
        TargetRecord(primaryOutput: t.primaryOutput, rule: rule.name, action: material.action, actionVersion: material.version,
                     parameters: material.canonicalParameters, key: TargetKey.compute(material), state: state, error: error,
                     durationMs: durationMs, buildID: journal.currentBuildID(),
                     outputs: outputs, inputs: material.inputs)
    }

    // MARK: - Publishing

    /// A target whose changed outputs wait to be published, with what recording it takes.
    struct StagedTarget: Sendable {
        var node: Int
        /// The outputs that changed: their bytes (or the temporary file a command wrote them
        /// to) and their paths.
        var files: OutputStaging.Changed
        var versions: [FileVersion]
        var record: TargetRecord
        var reason: StaleReason
        var trace: TargetRecord?
        var rejections: [Rejection]
        var rule: String
        var durationMs: Int64
    }

    /// A staged target in the publish queue, with the handle that finishes it for the scheduler.
    struct Staged: Sendable {
        var target: StagedTarget
        var completion: Scheduler.Completion
    }

    /// What a staged target holds in memory until its batch is published.
    static func weight(_ staged: Staged) -> Int {
        staged.target.files.reduce(0) { n, f in
            if case .bytes(let b) = f.output { return n + b.count }
            return n
        }
    }

    /// Publishes a batch (on the publish queue's thread): all its files written, synced,
    /// renamed and their folders synced (`OutputStaging.publish`), then every target whose
    /// outputs are all durably in place journaled in one transaction. A target with an output
    /// that could not be published fails. Only then are the targets finished for their
    /// dependents.
    private func publish(_ batch: [Staged]) {
        let errors = staging.publish(batch.map { (files: $0.target.files, versions: $0.target.versions) })
        var published: [StagedTarget] = []
        var failed: [(StagedTarget, FileSystemError)] = []
        for (staged, error) in zip(batch.map(\.target), errors) {
            if let error {
                failed.append((staged, error))
            } else {
                published.append(staged)
            }
        }
        journal.record(published.map(\.record))
        for staged in published { finishBuilt(staged, changed: true) }
        for (staged, error) in failed { fail(staged.node, trace: staged.trace, reason: staged.reason, message: error.message) }
        for staged in batch { staged.completion.finish(staged.target.node) }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
