// `lakemake watch`: build whenever files land in raw/ or reference/. Changes are debounced
// until the folders have been quiet for the quiet period, then one incremental build runs under
// the lock, printing one summary line. Ctrl-C (or SIGTERM) stops between builds.

import Arguments
import Foundation
import LakeBuild

enum WatchCommand: LakemakeCommand {
    /// The options of `lakemake watch`.
    enum Options {
        static let jobs: Option<Int?> = .integer(
            "jobs", short: "j", valueName: "N", in: 1...256, help: "Run up to N targets at once (default: the number of cores).")
        static let quietPeriod: Option<Double> = .value(
            "quiet-period", valueName: "S", defaultValue: "2", help: "Seconds without changes before a build starts.") { text throws(ValidationError) in
            guard let quiet = Double(text), quiet > 0, quiet <= 86_400 else {
                throw ValidationError("--quiet-period must be a number of seconds above 0, not '\(text)'", hint: "e.g. --quiet-period 0.5")
            }
            return quiet
        }
        static let quickSightBase: Option<String?> = .value(
            "quicksight-base", valueName: "URI", help: "List QuickSight exports under URI in their manifests; overrides quicksight.base in lake/lake.conf.")
    }

    static let spec = CommandSpec(
        name: "watch",
        abstract: "Build incrementally whenever files land in raw/ or reference/.",
        discussion: "Builds once at start, then waits (inotify) for changes and builds again once the folders have been quiet for the quiet period. Prints one summary line per build. Ctrl-C stops cleanly between builds.",
        options: [Options.jobs.spec, Options.quietPeriod.spec, Options.quickSightBase.spec, BuildCommand.Options.stats.spec],
        examples: [.init("lakemake watch --quiet-period 5", "build five seconds after the last upload")])

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requireLake()
        let jobs = inv.parsed[Options.jobs] ?? ProcessInfo.processInfo.activeProcessorCount
        let quiet = inv.parsed[Options.quietPeriod]
        let quietMs = Int32((quiet * 1000).rounded(.up))
        // Ctrl-C during a build stops it like `build`'s (what finished is recorded); between
        // builds it ends the loop.
        let stop = StopRequest()
        StopSignal.install(forwardingTo: stop)
        // The stored plan, decoded, from one build to the next.
        let memory = StoredPlanMemory()
        let watcher = try DirectoryWatcher(roots: [inv.lake + "/raw", inv.lake + "/reference"], base: inv.lake)
        inv.output.error("lakemake: watching raw/ and reference/ (Ctrl-C to stop)")
        // The first build walks the lake (and checks every output); the next ones stat only
        // the files inotify reported, unless it may have missed one.
        if !buildOnce(inv, jobs: jobs, stop: stop, memory: memory, known: nil) { watcher.requireWalk() }
        while !StopSignal.requested {
            guard watcher.waitForChanges(timeoutMs: 250) else { continue }
            // Debounce: wait until a whole quiet period passes with no change.
            while !StopSignal.requested && watcher.waitForChanges(timeoutMs: quietMs) {}
            if StopSignal.requested { break }
            if !buildOnce(inv, jobs: jobs, stop: stop, memory: memory, known: watcher.takeChanges()) { watcher.requireWalk() }
        }
        inv.output.error("lakemake: stopped watching")
        return 0
    }

    /// One incremental build under the lock; its trouble is reported and watching goes on.
    /// - Parameter known: the files that changed since the last build, or nil to walk.
    /// - Returns: false when the build did not run to its end (its changes must be found
    ///   again by a walk).
    private static func buildOnce(_ inv: Invocation, jobs: Int, stop: StopRequest, memory: StoredPlanMemory, known: [String]?) -> Bool {
        do {
            let rules = try inv.loadRules(quickSightBase: inv.parsed[Options.quickSightBase])
            let lock = try BuildLock(lakeRoot: inv.lake, wait: true)
            defer { lock.release() }
            let catalog = try CatalogAccess.openForBuild(inv)
            var options = BuildOptions(jobs: jobs, commandLine: "lakemake watch")
            options.stop = stop
            options.knownChanges = known
            options.planMemory = memory
            let build = BuildRunner.build(inv, rules: rules, catalog: catalog)
            let report = try build.run(options)
            inv.output.print(BuildSummary.summaryLine(report))
            if inv.parsed[BuildCommand.Options.stats] { BuildSummary.printStats(report.stats, to: inv.output) }
            // While it waits, the plan this build left is decoded for the next one.
            build.prepare(memory)
            return report.stoppedBy == nil
        } catch {
            _ = ErrorReport.report(error, to: inv.output)
            return false
        }
    }
}
