// `lakemake build`: the incremental build, its dry run (`-n`) and its summary.

import Arguments
import Catalog
import Foundation
import LakeBuild
import Pipelines

enum BuildCommand: LakemakeCommand {
    static let spec = CommandSpec(
        name: "build",
        abstract: "Build every target whose inputs changed (or only those under PREFIX).",
        discussion: "Targets are rebuilt only when their key changes: the action, its version, its parameters and the content of every input. Outputs are published atomically. Rejected inputs get rejected/<path>.error.json; everything else is still built. Ctrl-C or SIGTERM starts no further target, forwards the signal to running sh commands, records what finished and exits 130 or 143.",
        options: [
            .value("jobs", short: "j", valueName: "N", help: "Run up to N targets at once (default: the number of cores)."),
            .flag("dry-run", short: "n", help: "Print what would be rebuilt and why; change nothing."),
            .flag("retry-failed", help: "Try standing rejections again."),
            .flag("no-wait", help: "Fail at once (exit 3) if another build holds the lake's lock."),
            .flag("json", help: "Print the summary (or the plan, with -n) as JSON."),
            .flag("stats", help: "Print per-phase timings and counters to stderr."),
            .flag("quiet", short: "q", help: "Print only the summary line."),
        ],
        arguments: [ArgumentSpec("PREFIX", arity: .variadic, help: "Lake-relative output prefixes, e.g. processed/sales/.")],
        examples: [
            .init("lakemake build", "build everything that changed"),
            .init("lakemake build -n", "show the plan with a reason per target"),
            .init("lakemake build processed/ -j 1", "only the Parquet outputs, one at a time"),
        ])

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requireLake()
        let jobs = try inv.parsed.int("jobs", in: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
        let dryRun = inv.parsed.flag("dry-run")
        let rules = try inv.loadRules()
        let prefixes = try inv.parsed.arguments("PREFIX").map { try inv.lakePath($0) }
        let words = ["lakemake"] + CommandLine.arguments.dropFirst()

        let lock: BuildLock? = dryRun ? nil : try BuildLock(lakeRoot: inv.lake, wait: !inv.parsed.flag("no-wait")) { pid in
            inv.output.error("lakemake: waiting for the build running in this lake" + (pid.map { " (pid \($0))" } ?? "") + " …")
        }
        defer { lock?.release() }
        let catalog = try CatalogAccess.openForBuild(inv)
        var options = BuildOptions(jobs: jobs, dryRun: dryRun, retryRejected: inv.parsed.flag("retry-failed"),
                                   prefixes: prefixes, commandLine: words.joined(separator: " "))
        let progress = ProgressLine(output: inv.output)
        if inv.output.isTerminal && !inv.json { options.onProgress = { progress.update($0, $1, $2) } }
        if !dryRun {
            let stop = StopRequest()
            StopSignal.install(forwardingTo: stop)
            options.stop = stop
        }
        let report = try BuildRunner.run(inv, rules: rules, catalog: catalog, options: options)
        inv.output.endProgress()
        BuildSummary.print(report, to: inv)
        if inv.parsed.flag("stats") { BuildSummary.printStats(report.stats, to: inv.output) }
        if let signal = report.stoppedBy {
            let finished = report.targets.filter { $0.outcome != .notStarted && $0.outcome != .notRequested }.count
            let left = report.targets.filter { $0.outcome == .notStarted }.count
            inv.output.error("lakemake: stopped by \(StopSignal.name(signal)): \(finished) target\(finished == 1 ? "" : "s") finished and recorded, \(left) not started; run 'lakemake build' again to go on")
        }
        return report.exitStatus
    }
}

/// Opening the catalog for a build: a corrupt one is moved aside (never deleted) and the
/// build starts from the files on disk.
enum CatalogAccess {
    static func openForBuild(_ inv: Invocation) throws -> Catalog {
        do {
            return try Catalog.open(path: inv.catalogPath)
        } catch .corrupt(let path, let detail) {
            let moved = try Catalog.quarantine(path: path)
            inv.output.error("lakemake: warning: the catalog was unreadable (\(detail)); moved it to \(moved) and rebuilding state from the files")
            return try Catalog.open(path: inv.catalogPath)
        }
    }
}

/// Runs one build with the production runner, showing progress on a terminal.
enum BuildRunner {
    static func run(_ inv: Invocation, rules: RuleSet, catalog: Catalog, options: BuildOptions) throws -> BuildReport {
        let registry = PipelineActions.registry
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let runner = BuiltinActionRunner(registry: registry, toolDirectory: tool)
        let build = Build(fileSystem: inv.fileSystem, catalog: catalog, rules: rules, runner: runner,
                          versionOf: { runner.version(of: $0) })
        return try build.run(options)
    }
}
