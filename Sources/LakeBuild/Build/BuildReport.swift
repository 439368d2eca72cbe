// What a build did, target by target, for the CLI to render (text or JSON) and for tests to
// assert on. Everything here is a value; order is the plan's order.

import Catalog
import Foundation

/// What a build was asked to do.
public struct BuildOptions: Sendable {
    public var jobs: Int
    /// `-n`: decide and report, change nothing.
    public var dryRun: Bool
    /// `--retry-failed`: standing rejections are tried again.
    public var retryRejected: Bool
    /// `build PREFIX…`: only these outputs and what they need; nothing is deleted.
    public var prefixes: [String]
    /// Recorded in the catalog's `builds` table.
    public var commandLine: String
    /// Called (from worker threads, and from the thread that publishes outputs) each time a
    /// target finishes: targets finished so far, targets in the plan, and the output just
    /// finished. For progress displays.
    public var onProgress: (@Sendable (_ finished: Int, _ total: Int, _ output: String) -> Void)?
    /// Set by a signal handler to stop the build early: no target starts after it, the ones
    /// running finish (or fail when their shell command gets the signal) and are recorded.
    public var stop: StopRequest?
    /// `--fail-fast`: once a target fails or is rejected, no further target starts (the others
    /// end `.notStarted`, as after a stop request). Without it the build keeps going.
    public var failFast = false
    /// `-B` (the empty prefix) and `--force PREFIX`: targets with an output under one of these
    /// (whole path segments, see `LakePrefix`) run even when their key is unchanged.
    public var force: [String] = []
    /// Called (from worker threads, and from the thread that publishes outputs) with each
    /// target's report the moment it is decided (for a target that wrote outputs, once they
    /// are published and recorded), for live failure lines and progress counts.
    public var onTargetFinished: (@Sendable (TargetReport) -> Void)?
    /// Raw and reference files (lake-relative) that changed since the last build, as a watcher
    /// that saw every change reports them (`watch`). With a stored plan, the build then stats
    /// only these instead of walking the lake and stating every output; nil: walk.
    public var knownChanges: [String]?
    /// A dry run's lake as its caller already walked and read it (`status`, `explain` and
    /// `graph` of a lake never built survey the lake before asking what a build would do):
    /// the dry run plans from
    /// it instead of walking raw/ and reference/ and loading the catalog a second time. Nil:
    /// walk and load. Ignored by a build that is not a dry run.
    public var surveyed: SurveyedLake?
    /// Keeps the stored plan, decoded, from one build to the next of the same process
    /// (`watch`): a build whose catalog holds the plan the previous one left decodes only the
    /// changes stored since. Nil: every build decodes the plan it reads.
    public var planMemory: StoredPlanMemory?
    /// Outputs whose targets a build from the stored plan visits (decides from their traces)
    /// even when nothing changed reaches them, with what lies downstream of them: `explain`
    /// asks a dry run about one target without planning the whole lake. A build that plans
    /// in full decides every target anyway.
    public var alsoVisit: [String] = []
    /// A build from the stored plan also counts each rule's targets in the plan
    /// (`BuildReport.targetsPerRule`): `graph` labels the rules with them without deciding
    /// 200 000 targets.
    public var countsTargetsPerRule = false
    /// The process exits right after this build (the `build` command): the lake's structures
    /// (the stored plan's 300 000 paths, the walk's listing, the graph) are left for the
    /// operating system to take back at exit instead of being freed one by one, 40-60 ms on
    /// 100 000 uploads. A process that goes on building (`watch`, tests) leaves this false.
    public var leavesMemoryToExit = false

    /// Keeps `value` alive to the end of the process when `leavesMemoryToExit`: called in a
    /// `defer`, after the value's last change (a value kept earlier would be copied by it).
    func leaveToExit(_ value: Any) {
        if leavesMemoryToExit { LeftToExit.keep(value) }
    }

    /// The build asks for more than what changed (`--force`, `-B`, `--retry-failed`) or for
    /// some outputs only (prefixes): a build from the stored plan visits more targets than
    /// the changes reach, or runs fewer of them.
    var isSelective: Bool { !prefixes.isEmpty || retryRejected || !force.isEmpty }

    public init(jobs: Int = 1, dryRun: Bool = false, retryRejected: Bool = false, prefixes: [String] = [], commandLine: String = "build") {
        self.jobs = jobs
        self.dryRun = dryRun
        self.retryRejected = retryRejected
        self.prefixes = prefixes
        self.commandLine = commandLine
    }
}

/// The lake as a caller walked and read it, for a dry run to plan from (`BuildOptions.surveyed`).
public struct SurveyedLake: Sendable {
    /// Exactly what `walk(under: LakeLayout.sourceFolders)` lists (see
    /// `LakeListing.restricted(to:)` for taking it from a walk of more folders).
    public let sources: LakeListing
    /// The catalog's bulk state (`Catalog.loadState`, with or without the inputs).
    public let state: CatalogState
    /// The sources' present hashes: each file whose fingerprint differs from the catalog's is
    /// read once, here, for both the dry run and `SourceChange.find`.
    let hashes: SourceHashes

    public init(sources: LakeListing, state: CatalogState, fileSystem: FileSystem) {
        self.sources = sources
        self.state = state
        hashes = SourceHashes.gather(listing: sources, state: state, fileSystem: fileSystem)
    }
}

/// A request to stop a running build, with the signal that asked for it.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var _signal: Int32?

    public init() {}

    /// Asks the build to stop; the first signal is the one reported.
    public func stop(signal: Int32) {
        lock.lock()
        if _signal == nil { _signal = signal }
        lock.unlock()
    }

    /// The signal that stopped the build, nil while none has.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return _signal
    }
}

/// How one target ended in a build.
public enum TargetOutcome: Sendable, Equatable {
    /// Up to date: its key matched the recorded one.
    case upToDate
    /// A standing rejection (not retried).
    case stillRejected
    /// Ran; `changed` is false when every output came out byte-identical (early cutoff).
    case built(reason: StaleReason, changed: Bool)
    /// Would run (`-n`).
    case wouldBuild(reason: StaleReason)
    case rejected(reason: StaleReason, rejections: [Rejection])
    case failed(reason: StaleReason?, error: String)
    /// Not run because its main input was rejected, failed or skipped.
    case skipped(cause: String)
    /// Outside the requested prefixes.
    case notRequested
    /// Not started: the build was asked to stop (SIGINT/SIGTERM) first. The next build takes it up.
    case notStarted
}

/// One target's line in the report.
public struct TargetReport: Sendable, Equatable {
    public var rule: String
    public var outputs: [String]
    public var outcome: TargetOutcome
    public var durationMs: Int64

    public var primaryOutput: String { outputs[0] }
}

/// A raw file that stands rejected: its rejection as the action reported it, and the rule whose
/// action rejected it. It stands from the build that rejected it until the file changes, is
/// deleted or is accepted, whether the rejection made the whole target fail (a store upload) or
/// only left the file out of an output built from the rest (a snapshot of an hour).
public struct StandingRejection: Sendable, Equatable {
    public var rule: String
    public var rejection: Rejection

    public var path: String { rejection.path }

    public init(rule: String, rejection: Rejection) {
        self.rule = rule
        self.rejection = rejection
    }
}

/// The result of one `build`.
public struct BuildReport: Sendable {
    public var buildID: Int64?
    public var targets: [TargetReport]
    /// Outputs deleted because no binding produces them any more.
    public var removed: [String]
    public var unmatched: [UnmatchedFile]
    /// Raw files rejected now (in this run or standing from an earlier one), bytewise by path.
    /// In a dry run a recorded rejection stands while its file is unchanged, also when its
    /// target would run again for another reason (see `RejectionFiles`).
    public var standingRejections: [StandingRejection]
    public var escapingLinks: [String]
    public var stats: BuildStats
    public var dryRun: Bool
    /// Input files rejected in this run by targets that still built (aggregate members).
    public var newMemberRejections = 0
    /// Targets the build did not visit because nothing that changed reaches them (all of
    /// them when the lake matched the stored plan: `targets` is then empty), up to date or
    /// standing rejected as the last build left them; those it left skipped are counted in
    /// `skippedWithoutPlan`.
    public var upToDateWithoutPlan: Int?
    /// Targets not visited that the last build left skipped, and that stay so.
    public var skippedWithoutPlan = 0
    /// The lake was exactly as the stored plan left it (raw and reference files, outputs,
    /// names): nothing was planned or visited. (A change no target reaches, such as a new
    /// file no rule accepts, also leaves `targets` empty, but this false.)
    public var matchedStoredPlan = false
    /// How many targets each rule (by name) has in the plan, when `countsTargetsPerRule` asked
    /// and the build started from the stored plan; nil otherwise (a build planned in full
    /// lists every target in `targets`).
    public var targetsPerRule: [String: Int]?
    /// The raw and reference files new, changed by content or deleted since the last build,
    /// as `SourceChange.find` lists them from a walk: set by a dry run that started from the
    /// stored plan (it hashed the changed files already), so `status` walks the lake once.
    /// Nil otherwise (empty when the lake matched the plan).
    public var sourceChanges: [SourceChange]?
    /// The signal that stopped the build before every target had started, if one did.
    public var stoppedBy: Int32?

    /// Exit status per spec §6: 1 when anything was rejected or failed in this run; 128 + the
    /// signal (130 for SIGINT, 143 for SIGTERM) when the build was stopped.
    public var exitStatus: Int32 {
        if let signal = stoppedBy { return 128 + signal }
        if newMemberRejections > 0 { return 1 }
        return targets.contains { if case .rejected = $0.outcome { return true }; if case .failed = $0.outcome { return true }; return false } ? 1 : 0
    }

    public init(buildID: Int64?, targets: [TargetReport], removed: [String], unmatched: [UnmatchedFile],
                standingRejections: [StandingRejection], escapingLinks: [String], stats: BuildStats,
                dryRun: Bool, upToDateWithoutPlan: Int? = nil) {
        self.buildID = buildID
        self.targets = targets
        self.removed = removed
        self.unmatched = unmatched
        self.standingRejections = standingRejections
        self.escapingLinks = escapingLinks
        self.stats = stats
        self.dryRun = dryRun
        self.upToDateWithoutPlan = upToDateWithoutPlan
    }

    /// Targets that were up to date (or stand rejected) in this build.
    public var upToDateCount: Int {
        (upToDateWithoutPlan ?? 0) + targets.filter { $0.outcome == .upToDate || $0.outcome == .stillRejected }.count
    }

    public var counts: BuildCounts {
        var c = BuildCounts()
        for t in targets {
            switch t.outcome {
            case .built(_, let changed): if changed { c.built += 1 } else { c.unchanged += 1 }
            case .rejected: c.rejected += 1
            case .failed: c.failed += 1
            case .skipped: c.skipped += 1
            default: break
            }
        }
        c.skipped += skippedWithoutPlan
        c.removed = removed.count
        return c
    }

    /// Primary outputs of targets whose action ran, in plan order (what tests assert on).
    public var ran: [String] {
        targets.compactMap { t in
            switch t.outcome {
            case .built, .rejected, .failed: return t.primaryOutput
            default: return nil
            }
        }
    }
}

/// Per-phase timings and counters (`build --stats`, benchmarks and the no-op tests).
public struct BuildStats: Sendable, Equatable {
    public var walkMs = 0.0
    public var catalogLoadMs = 0.0
    public var discoveryMs = 0.0
    public var hashMs = 0.0
    public var runMs = 0.0
    public var commitMs = 0.0
    public var statted = 0
    public var hashed = 0
    public var targetsConsidered = 0
    public var targetsStale = 0
    public var targetsBuilt = 0
    public var targetsUnchanged = 0
    public var sqlStatements: Int64 = 0
    public var bytesWritten: Int64 = 0
    /// Catalog write transactions and file publishes.
    public var writes = 0

    public init() {}
}
