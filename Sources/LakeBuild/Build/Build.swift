// One build, start to finish. The order of work is what makes a no-op cheap and a crash safe:
//
//   1. one walk of raw/ and reference/, and a stat of every output the stored plan names
//   2. the differences from the stored plan (see `PlanChanges`): none, and the build is done;
//      otherwise only what they reach is planned and visited (`Build+Changes.swift`), or,
//      with no stored plan, one bulk read of the catalog and discovery of every target
//   3. content hashes only for raw and reference files whose fingerprint changed
//   4. the scheduler runs targets producers-first; for each, the rebuilder decides, the
//      runner runs, outputs are published (temp → fsync → rename → folder fsync, in batches
//      whose syncs are grouped) and only then recorded; dependents start after that
//   5. outputs nothing produces any more are deleted
//   6. rejection files are brought up to date; the build row is closed; the plan is stored
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
    /// The files rules `uses`, by project-relative path, with their content as read at the
    /// start of the build (a missing one is absent: its rules' targets fail).
    public let usedFiles: [String: FileContent]
    /// How many bytes of change rows a stored plan of `baseSize` bytes may gather before a
    /// build writes the whole plan again (a quarter of it, at least 64 KiB). Tests set it to
    /// zero to make every change-driven build write the whole plan.
    var planChangeBudget: @Sendable (_ baseSize: Int) -> Int = { max($0 / 4, 64 * 1024) }

    public init(fileSystem: FileSystem, catalog: Catalog, rules: RuleSet, runner: ActionRunner,
                versionOf: @escaping @Sendable (ActionInvocation) -> Int?,
                now: @escaping @Sendable () -> String = Build.isoNow, usedFiles: [String: FileContent] = [:]) {
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
        let configuration = StoredPlan.configuration(rules: rules, versionOf: versionOf, usedFiles: usedFiles)
        // Builds and their dry runs start from the stored plan. A dry run made from a caller's
        // survey (commands run on a lake never built) plans in full, and so does -B: visiting
        // every target from the plan reads the catalog target by target (9 s on 100 000
        // uploads, where the full path's bulk read takes 1-2 s).
        let mayUsePlan = !(options.dryRun && options.surveyed != nil) && !options.force.contains("")
        // A dry run whose caller walked and read the lake already plans from that.
        let surveyed = options.dryRun ? options.surveyed : nil
        // The walk starts at once (unless a watcher's list of changes may stand in for it).
        let walk = options.knownChanges == nil && surveyed == nil ? Self.backgroundWalk(fileSystem) : nil
        let stored = mayUsePlan ? try storedPlan(configuration: configuration, memory: options.planMemory) : nil
        defer { options.leaveToExit(stored as Any) }
        stats.catalogLoadMs = clock.lap()

        // With a stored plan, the build starts from how the lake differs from it: nothing, and
        // it is done; a change it can follow, and only what the change reaches is visited.
        // Asked about targets, about the plan's counts or for some targets only, the build
        // reads the plan's graph.
        func isDone(_ changes: PlanChanges) -> Bool {
            changes.isEmpty && options.alsoVisit.isEmpty && !options.countsTargetsPerRule && !options.isSelective
        }
        func fromStoredPlan(_ stored: StoredPlan, _ listing: inout LakeListing, whole: Background<LakeListing>? = nil,
                            _ changes: PlanChanges) throws(BuildError) -> BuildReport? {
            if isDone(changes) { return Self.noOpReport(stored, stats: stats, dryRun: options.dryRun) }
            guard var report = try runFromChanges(options, stored: stored, changes: changes, listing: &listing, whole: whole,
                                                  configuration: configuration, stats: &stats, clock: &clock) else { return nil }
            stats.commitMs += clock.lap()
            stats.sqlStatements = catalog.statementCount - statementsBefore
            report.stats = stats
            return report
        }

        // A watcher's list of changed files stands in for the walk.
        if let stored, let known = options.knownChanges, case (var listing, let changes)? = Self.known(known, stored: stored, fileSystem: fileSystem) {
            stats.walkMs = clock.lap()
            stats.statted = known.count
            if let report = try fromStoredPlan(stored, &listing, changes) { return report }
        }

        // Inputs are found by walking raw/ and reference/; outputs are known by name (planned
        // or recorded), so they are stat'ed directly instead of walking their many folders.
        // The outputs the stored plan names are stat'ed while the walk runs.
        let storedOutputs = stored?.outputs.paths ?? []
        let walking = surveyed == nil ? walk ?? Self.backgroundWalk(fileSystem) : nil
        let changedOutputs = fileSystem.changedStats(storedOutputs, recorded: stored?.outputs.stats ?? [])
        var walked = SourceWalk(listing: surveyed?.sources ?? LakeListing())
        var listing = LakeListing()
        defer { options.leaveToExit((listing, storedOutputs)) }
        if let walking {
            do { walked = try walking.take().get() } catch { throw .fileSystem(error) }
        }
        stats.walkMs = clock.lap()
        stats.statted = walked.fileCount + storedOutputs.count

        if let stored {
            let changes = PlanChanges(stored: stored, walk: walked, changedOutputs: changedOutputs)
            // A build with nothing to do never needs the whole listing; one with changes has it
            // made on another core while it decodes the stored graph.
            if isDone(changes) { return Self.noOpReport(stored, stats: stats, dryRun: options.dryRun) }
            let compactWalk = consume walked
            if let report = try fromStoredPlan(stored, &listing, whole: Background { compactWalk.wholeListing() }, changes) { return report }
        } else {
            listing = walked.wholeListing()
        }

        let state: CatalogState
        if let surveyed {
            state = surveyed.state
        } else {
            do { state = try catalog.loadState(inputs: false) } catch { throw .catalog(error) }
        }
        stats.catalogLoadMs += clock.lap()

        let graph = TargetDiscovery.plan(rules: rules, listing: listing)
        defer { options.leaveToExit((graph, state)) }
        stats.discoveryMs = clock.lap()

        // A build that falls back from its stored plan (`runFromChanges` returned nil) stats the
        // outputs again: the check against the plan kept no stat.
        let outputs = OutputStats.gather(graph: graph, state: state, fileSystem: fileSystem)
        listing.add(outputs.stats)
        stats.walkMs += clock.lap()
        // Stat calls: every walked file, the outputs the stored plan named, the outputs stat'ed here.
        stats.statted = listing.files.count - outputs.stats.count + storedOutputs.count + outputs.statted

        // A survey has hashed the changed sources already (and shows them too: read once).
        let sources = surveyed?.hashes
            ?? SourceHashes.gather(listing: listing, state: state, fileSystem: fileSystem, deferred: !options.dryRun)
        stats.hashed = sources.hashedCount
        stats.hashMs = clock.lap()

        let session = BuildSession(build: self, options: options, listing: listing, state: state, graph: graph, sources: sources)
        let wanted = options.prefixes.isEmpty ? nil : graph.closure(forPrefixes: options.prefixes)
        schedule(session, wanted: wanted, options: options)
        stats.runMs = clock.lap()

        var report = try session.finish(stats: &stats)
        report.stoppedBy = options.stop?.signal
        // A prefix build planned in full leaves most targets undecided: it stores no plan.
        if options.prefixes.isEmpty && !options.dryRun {
            try storePlan(session, report: report, configuration: configuration, graph: graph)
        }
        stats.commitMs = clock.lap()
        stats.sqlStatements = catalog.statementCount - statementsBefore
        report.stats = stats
        return report
    }

    /// The report of a build that found nothing changed since the stored plan.
    private static func noOpReport(_ stored: StoredPlan, stats: BuildStats, dryRun: Bool) -> BuildReport {
        var stats = stats
        stats.targetsConsidered = stored.targetCount
        stats.sqlStatements = 1
        var report = BuildReport(buildID: nil, targets: [], removed: [], unmatched: stored.unmatched,
                                 standingRejections: stored.standing, escapingLinks: stored.escapingLinks,
                                 stats: stats, dryRun: dryRun, upToDateWithoutPlan: stored.targetCount - stored.skippedCount)
        report.skippedWithoutPlan = stored.skippedCount
        report.matchedStoredPlan = true
        return report
    }

    /// The lake as the stored plan saw it with `known` paths stat'ed again, and how it differs:
    /// what a build takes instead of a walk when a watcher reports every change. Outputs are
    /// taken as stored (a watcher of raw/ and reference/ does not see hand edits of outputs;
    /// `watch` checks them with a walk at its start). Nil when a known path is not a regular
    /// file of its own (a link, a folder), or when a known path is not ASCII (one name may be
    /// there in two Unicode spellings): the walk decides about those.
    static func known(_ known: [String], stored: StoredPlan, fileSystem: FileSystem) -> (LakeListing, PlanChanges)? {
        guard known.allSatisfy(\.isASCII) else { return nil }
        let paths = Array(Set(known.filter(LakeLayout.isSource))).sorted(by: LakePath.bytewiseLess)
        let stats = fileSystem.stat(paths)
        var listing = LakeListing(files: [:], escapingLinks: stored.escapingLinks,
                                  unusableNames: stored.unmatched.filter { $0.problem != nil })
        listing.files.reserveCapacity(stored.sources.count + paths.count)
        for (path, stat) in zip(stored.sources.paths, stored.sources.stats) { listing.files[path] = stat }
        var changes = PlanChanges(hasDirty: stored.mustVisit)
        for (path, stat) in zip(paths, stats) {
            guard let stat else {
                if fileSystem.stat(path) != nil { return nil }
                if stored.sources.contains(path) {
                    changes.removed.append(path)
                    listing.files[path] = nil
                }
                continue
            }
            listing.files[path] = stat
            if let recorded = stored.sources[path] {
                if recorded.stat != stat { changes.modified.append(path) }
            } else {
                changes.added.append(path)
            }
        }
        return (listing, changes)
    }

    /// Runs the session's targets producers-first; with `wanted`, only those (the rest are
    /// reported not requested).
    func schedule(_ session: BuildSession, wanted: Set<Int>?, options: BuildOptions) {
        session.run(wanted: wanted)
    }

    /// The plan the last complete build stored, when it was made with this configuration
    /// (rules, action versions, engine format); nil otherwise. With a `memory`, decoded from
    /// the plan an earlier build kept when the catalog still holds it.
    func storedPlan(configuration: String, memory: StoredPlanMemory?) throws(BuildError) -> StoredPlan? {
        let stored: StoredPlanRecord?
        do { stored = try catalog.loadStoredPlan() } catch { throw .catalog(error) }
        guard let stored, stored.config == configuration else { return nil }
        // Only the graph part's reader is kept, not the record with its files part.
        let part = stored.graph
        let graph = { part.read() ?? [] }
        if let plan = memory?.plan(for: stored, graph: graph) { return plan }
        let plan = StoredPlan(record: stored, graph: graph)
        if let plan { memory?.keep(plan, from: stored) }
        return plan
    }

    /// The walk of raw/ and reference/ on a thread of its own, started before the stored plan
    /// is read and decoded: on a no-op build the walk, that read and the stats of the outputs
    /// it names are all the work there is, and the walk keeps one core busy meanwhile.
    static func backgroundWalk(_ fileSystem: FileSystem) -> Background<Result<SourceWalk, FileSystemError>> {
        Background { Result { () throws(FileSystemError) in try fileSystem.walkKeepingLargeFoldersCompact(under: LakeLayout.sourceFolders) } }
    }

    /// UTC now as ISO 8601 with milliseconds, for the catalog only.
    public static let isoNow: @Sendable () -> String = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return isoTimestamp(seconds: Int(now.tv_sec), nanoseconds: Int(now.tv_nsec))
    }

    /// `2026-12-03T16:25:25.123Z` for a time since the epoch: what Foundation's ISO 8601
    /// formatter writes with fractional seconds, without the 5 ms its first use costs.
    static func isoTimestamp(seconds: Int, nanoseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-" + digits(parts.tm_mday, 2) + "T"
            + digits(parts.tm_hour, 2) + ":" + digits(parts.tm_min, 2) + ":" + digits(parts.tm_sec, 2) + "."
            + digits(Int32(nanoseconds / 1_000_000), 3) + "Z"
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
