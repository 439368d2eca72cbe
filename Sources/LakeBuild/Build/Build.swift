// One build, start to finish. The order of work is what makes a no-op cheap and a crash safe:
//
//   1. one walk of the lake (every path stat'ed once)
//   2. one bulk read of the catalog
//   3. discovery of the targets
//   4. content hashes only for raw and reference files whose fingerprint changed
//   5. the scheduler runs targets producers-first; for each, the rebuilder decides, the
//      runner runs, outputs are published (temp → fsync → rename) and only then recorded
//   6. outputs nothing produces any more are deleted (full builds only)
//   7. rejection files are brought up to date; the build row is closed
//
// Nothing is written to the catalog until something changes, so a no-op build performs no
// write at all. Scheduler, rebuilder and catalog stay separate: this file wires them.

import Catalog
import Foundation

/// Runs builds of one lake with one rule set.
public struct Build {
    public let fileSystem: FileSystem
    public let catalog: Catalog
    public let rules: RuleSet
    public let runner: ActionRunner
    /// The version of each invocation's action (nil for an unknown action).
    public let versionOf: @Sendable (ActionInvocation) -> Int?
    /// Wall-clock timestamps for the catalog's `builds` rows (never in outputs).
    public let now: @Sendable () -> String
    /// The files rules `uses`, by project-relative path, with their content hash and size as
    /// read at the start of the build (a missing one is absent: its rules' targets fail).
    public let usedFiles: [String: InputVersion]

    public init(fileSystem: FileSystem, catalog: Catalog, rules: RuleSet, runner: ActionRunner,
                versionOf: @escaping @Sendable (ActionInvocation) -> Int?,
                now: @escaping @Sendable () -> String = Build.isoNow, usedFiles: [String: InputVersion] = [:]) {
        self.fileSystem = fileSystem
        self.catalog = catalog
        self.rules = rules
        self.runner = runner
        self.versionOf = versionOf
        self.now = now
        self.usedFiles = usedFiles
    }

    /// Runs the build. Errors thrown here stop the whole build (walk, catalog, discovery);
    /// trouble with single targets is reported in the `BuildReport` instead.
    public func run(_ options: BuildOptions) throws(BuildError) -> BuildReport {
        var stats = BuildStats()
        let statementsBefore = catalog.statementCount
        var clock = PhaseClock()

        if !options.dryRun { _ = fileSystem.sweepTemporaries() }
        let configuration = LakeSnapshot.configuration(rules: rules, versionOf: versionOf, usedFiles: usedFiles)
        let mayShortCut = !options.dryRun && options.prefixes.isEmpty && !options.retryRejected && options.force.isEmpty
        let snapshot = mayShortCut ? try storedSnapshot(configuration: configuration) : nil
        stats.catalogLoadMs = clock.lap()

        // Inputs are found by walking raw/ and reference/; outputs are known by name (planned
        // or recorded), so they are stat'ed directly instead of walking their many folders.
        // The outputs the snapshot names are stat'ed while the walk runs.
        let snapshotOutputs = snapshot?.outputs.map(\.path) ?? []
        let (walked, outputStats) = walkWhileStatting(snapshotOutputs)
        var listing: LakeListing
        do { listing = try walked.get() } catch { throw .fileSystem(error) }
        stats.walkMs = clock.lap()
        stats.statted = listing.files.count + snapshotOutputs.count

        // A full path reuses the stats of the outputs the snapshot named.
        var snapshotStats: [String: FileStat?] = [:]
        if let snapshot {
            if snapshot.matches(sources: listing, outputStats: outputStats) {
                stats.targetsConsidered = snapshot.targetCount
                stats.sqlStatements = 1
                return BuildReport(buildID: nil, targets: [], removed: [], unmatched: snapshot.unmatched,
                                   standingRejections: snapshot.standing, escapingLinks: snapshot.escapingLinks,
                                   stats: stats, dryRun: false, upToDateWithoutPlan: snapshot.targetCount)
            }
            snapshotStats.reserveCapacity(outputStats.count)
            for (path, stat) in zip(snapshotOutputs, outputStats) { snapshotStats[path] = .some(stat) }
        }

        let state: CatalogState
        do { state = try catalog.loadState(inputs: false) } catch { throw .catalog(error) }
        stats.catalogLoadMs += clock.lap()

        let graph = TargetDiscovery.plan(rules: rules, listing: listing)
        stats.discoveryMs = clock.lap()

        let outputs = OutputStats.gather(graph: graph, state: state, fileSystem: fileSystem, known: snapshotStats)
        listing.add(outputs.stats)
        stats.walkMs += clock.lap()
        // Stat calls: every walked file, the outputs the snapshot named, the outputs stat'ed here.
        stats.statted = listing.files.count - outputs.stats.count + snapshotStats.count + outputs.statted

        let sources = SourceHashes.gather(listing: listing, state: state, fileSystem: fileSystem)
        stats.hashed = sources.hashedCount
        stats.hashMs = clock.lap()

        let session = BuildSession(build: self, options: options, listing: listing, state: state, graph: graph, sources: sources)
        let wanted = options.prefixes.isEmpty ? nil : graph.closure(forPrefixes: options.prefixes)
        Scheduler(jobs: options.jobs).run(nodeCount: graph.targets.count, dependencies: graph.targets.map(\.dependencies)) { i in
            if let wanted, !wanted.contains(i) {
                session.setOutcome(i, .notRequested, durationMs: 0)
            } else if options.stop?.signal != nil || (options.failFast && session.hasTrouble) {
                session.setOutcome(i, .notStarted, durationMs: 0)
            } else {
                session.process(i)
            }
        }
        stats.runMs = clock.lap()

        var report = try session.finish(stats: &stats)
        report.stoppedBy = options.stop?.signal
        // A stopped build (by a signal or --fail-fast) is no fixed point: the next one must plan.
        let cutShort = report.stoppedBy != nil || report.targets.contains { $0.outcome == .notStarted }
        if mayShortCut && !cutShort { try session.saveSnapshot(report: report, configuration: configuration) }
        stats.commitMs = clock.lap()
        stats.sqlStatements = catalog.statementCount - statementsBefore
        report.stats = stats
        return report
    }

    /// The snapshot the last complete build left, when it was made with this configuration
    /// (rules, action versions, engine format); nil otherwise.
    private func storedSnapshot(configuration: String) throws(BuildError) -> LakeSnapshot? {
        let stored: NoOpSnapshot?
        do { stored = try catalog.loadSnapshot() } catch { throw .catalog(error) }
        guard let stored, stored.config == configuration else { return nil }
        return LakeSnapshot(decoding: stored.state)
    }

    /// The walk of raw/ and reference/, and the stats of `outputs`, side by side: on a no-op
    /// build these are all the work there is, and the walk runs on one core.
    private func walkWhileStatting(_ outputs: [String]) -> (Result<LakeListing, FileSystemError>, [FileStat?]) {
        let fileSystem = self.fileSystem
        guard !outputs.isEmpty else {
            return (Result { () throws(FileSystemError) in try fileSystem.walk(under: LakeLayout.sourceFolders) }, [])
        }
        let walked = ResultSlots<Result<LakeListing, FileSystemError>>(count: 1)
        let statted = ResultSlots<[FileStat?]>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                walked.set(0, Result { () throws(FileSystemError) in try fileSystem.walk(under: LakeLayout.sourceFolders) })
            } else {
                statted.set(0, fileSystem.stat(outputs))
            }
        }
        return (walked.get(0) ?? .failure(.io(path: LakeLayout.raw, operation: "walk", errno: 0)), statted.get(0) ?? outputs.map { _ in nil })
    }

    /// UTC now as ISO 8601, for the catalog only.
    public static let isoNow: @Sendable () -> String = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }
}

/// Why a build stopped before running any target.
public enum BuildError: Error, Sendable {
    case fileSystem(FileSystemError)
    case catalog(CatalogError)

    public var message: String {
        switch self {
        case .fileSystem(let e): return e.message
        case .catalog(let e): return e.message
        }
    }
}

/// Milliseconds between laps, for `--stats`.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap() -> Double {
        let t = DispatchTime.now().uptimeNanoseconds
        defer { last = t }
        return Double(t - last) / 1_000_000
    }
}
