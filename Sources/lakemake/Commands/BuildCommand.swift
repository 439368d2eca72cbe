// `lakemake build`: the incremental build, its dry run (`-n`) and its summary.

import Arguments
import Catalog
import Foundation
import LakeBuild
import LakeFormats
import Pipelines

enum BuildCommand: LakemakeCommand {
    /// The options and arguments of `lakemake build`.
    enum Options {
        static let jobs: Option<Int?> = .integer(
            "jobs", short: "j", valueName: "N", in: 1...256, help: "Run up to N targets at once (default: the number of cores).")
        static let dryRun: Option<Bool> = .flag(
            "dry-run", short: "n", help: "Print what would be rebuilt and why; change nothing (also on a lake never built).")
        static let keepGoing: Option<Bool> = .flag(
            "keep-going", short: "k", help: "Keep building after a failure or rejection (the default).")
        static let failFast: Option<Bool> = .flag("fail-fast", help: "Start no further target after the first failure or rejection.")
        static let alwaysMake: Option<Bool> = .flag("always-make", short: "B", help: "Rebuild every target, whatever its key says.")
        static let force: Option<[String]> = .repeated(
            "force", valueName: "PREFIX", help: "Rebuild the targets under PREFIX (whole path segments) even when their key did not change.")
        static let verbose: Option<Bool> = .flag("verbose", short: "v", help: "Print each sh command as it starts (on stderr).")
        static let retryFailed: Option<Bool> = .flag(
            "retry-failed", help: "Also retry standing rejections (unchanged files an action rejected); failed targets are retried on every build anyway.")
        static let noWait: Option<Bool> = .flag("no-wait", help: "Fail at once (exit 3) if another build holds the lake's lock.")
        static let json: Option<Bool> = .flag("json", help: "Print the summary (or the plan, with -n) as JSON.")
        static let stats: Option<Bool> = .flag("stats", help: "Print per-phase timings and counters to stderr.")
        static let quiet: Option<Bool> = .flag("quiet", short: "q", help: "Print only the summary line.")
        static let quickSightBase: Option<String?> = .value(
            "quicksight-base", valueName: "URI", help: "List QuickSight exports under URI (s3://bucket/lake) in their manifests, for this build; overrides quicksight.base in lake/lake.conf.")
        static let prefixes: Argument<[String]> = .variadic("PREFIX", help: "Lake-relative output prefixes, e.g. processed/sales/.")
    }

    static let spec = CommandSpec(
        name: "build",
        abstract: "Build every target whose inputs changed (or only those under PREFIX).",
        discussion: "Targets are rebuilt only when their key changes: the action, its version, its parameters and the content of every input. A PREFIX selects whole path segments: processed/a/ the folder, processed/a that file or folder (never processed/ab). Outputs are published atomically. Rejected inputs get rejected/<path>.error.json; everything else is still built. On a terminal a progress line counts what was built, and each failure or rejection is printed the moment it happens (in colour unless NO_COLOR is set or TERM=dumb). Ctrl-C or SIGTERM starts no further target, forwards the signal to running sh commands, records what finished and exits 130 or 143. Exits 1 when anything was rejected or failed in this run.",
        options: [
            Options.jobs.spec, Options.dryRun.spec, Options.keepGoing.spec, Options.failFast.spec, Options.alwaysMake.spec,
            Options.force.spec, Options.verbose.spec, Options.retryFailed.spec, Options.noWait.spec, Options.json.spec,
            Options.stats.spec, Options.quiet.spec, Options.quickSightBase.spec,
        ],
        arguments: [Options.prefixes.spec],
        examples: [
            .init("lakemake build", "build everything that changed"),
            .init("lakemake build -n", "show the plan with a reason per target"),
            .init("lakemake build processed/ -j 1", "only the Parquet outputs, one at a time"),
            .init("lakemake build --force reports/ -v", "remake the reports and show their commands"),
        ],
        validate: { parsed throws(ValidationError) in
            if parsed[Options.keepGoing] && parsed[Options.failFast] {
                throw ValidationError("-k/--keep-going and --fail-fast contradict each other", hint: "give one of them")
            }
        })

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requireLake()
        let parsed = inv.parsed
        let jobs = parsed[Options.jobs] ?? ProcessInfo.processInfo.activeProcessorCount
        let dryRun = parsed[Options.dryRun]
        let rules = try inv.loadRules(quickSightBase: parsed[Options.quickSightBase])
        let prefixes = try parsed[Options.prefixes].map { try inv.lakePath($0) }
        let force = parsed[Options.alwaysMake] ? [""] : try parsed[Options.force].map { try inv.lakePath($0) }
        let words = ["lakemake"] + CommandLine.arguments.dropFirst()

        let lock: BuildLock? = dryRun ? nil : try BuildLock(lakeRoot: inv.lake, wait: !parsed[Options.noWait]) { pid in
            inv.output.error("lakemake: waiting for the build running in this lake" + (pid.map { " (pid \($0))" } ?? "") + " …")
        }
        defer { lock?.release() }
        if dryRun && !inv.hasCatalog { inv.noteNeverBuilt() }
        let catalog = try dryRun ? CatalogAccess.openForPlan(inv) : CatalogAccess.openForBuild(inv)
        var options = BuildOptions(jobs: jobs, dryRun: dryRun, retryRejected: parsed[Options.retryFailed],
                                   prefixes: prefixes, commandLine: words.joined(separator: " "))
        options.failFast = parsed[Options.failFast]
        options.force = force
        options.leavesMemoryToExit = true
        let console = BuildConsole(output: inv.output)
        let json = parsed[Options.json]
        if !json { console.attach(to: &options) }
        if !dryRun {
            let stop = StopRequest()
            StopSignal.install(forwardingTo: stop)
            options.stop = stop
        }
        var onShellCommand: (@Sendable (String, String) -> Void)?
        if parsed[Options.verbose] { onShellCommand = { console.shellCommand($0, $1) } }
        let report = try BuildRunner.run(inv, rules: rules, catalog: catalog, options: options, onShellCommand: onShellCommand)
        inv.output.endProgress()
        BuildSummary.print(report, to: inv.output, json: json, quiet: parsed[Options.quiet])
        if parsed[Options.stats] { BuildSummary.printStats(report.stats, to: inv.output) }
        if let signal = report.stoppedBy {
            let finished = report.targets.filter { $0.outcome != .notStarted && $0.outcome != .notRequested }.count
            let left = report.targets.filter { $0.outcome == .notStarted }.count
            inv.output.error("lakemake: stopped by \(StopSignal.name(signal)): \(finished) target\(finished == 1 ? "" : "s") finished and recorded, \(left) not started; run 'lakemake build' again to go on")
        } else if options.failFast, report.targets.contains(where: { $0.outcome == .notStarted }) {
            let left = report.targets.filter { $0.outcome == .notStarted }.count
            inv.output.error("lakemake: stopped at the first failure (--fail-fast): \(left) target\(left == 1 ? "" : "s") not started")
        }
        return report.exitStatus
    }
}

/// Opening the catalog for a build: a corrupt one is moved aside (never deleted) and the
/// build starts from the files on disk.
enum CatalogAccess {
    /// The catalog a dry run plans against: the lake's, read-only, or an empty one in memory
    /// when the lake was never built (nothing is created in the lake).
    static func openForPlan(_ inv: Invocation) throws -> Catalog {
        guard inv.hasCatalog else { return try Catalog.open(path: ":memory:") }
        do {
            return try Catalog.openReadOnly(path: inv.catalogPath)
        } catch .outdated {
            return try openForBuild(inv)
        }
    }

    static func openForBuild(_ inv: Invocation) throws -> Catalog {
        let notice = { (from: Int, to: Int) in
            inv.output.error("lakemake: upgrading the catalog from schema version \(from) to \(to), once (on a lake of 100 000 files this takes about half a minute) …")
        }
        do {
            return try Catalog.open(path: inv.catalogPath, upgrading: notice)
        } catch .corrupt(let path, let detail) {
            let moved = try Catalog.quarantine(path: path)
            inv.output.error("lakemake: warning: the catalog was unreadable (\(detail)); moved it to \(moved) and rebuilding state from the files")
            return try Catalog.open(path: inv.catalogPath)
        }
    }
}

/// Runs one build with the production runner, showing progress on a terminal.
enum BuildRunner {
    static func run(_ inv: Invocation, rules: RuleSet, catalog: Catalog, options: BuildOptions,
                    onShellCommand: (@Sendable (String, String) -> Void)? = nil) throws -> BuildReport {
        try build(inv, rules: rules, catalog: catalog, onShellCommand: onShellCommand).run(options)
    }

    /// The build of the invocation's lake with `rules` and `catalog`, running the registered
    /// actions and the rules' shell commands.
    static func build(_ inv: Invocation, rules: RuleSet, catalog: Catalog,
                      onShellCommand: (@Sendable (String, String) -> Void)? = nil) -> Build {
        let registry = PipelineActions.registry
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        var configured = BuiltinActionRunner(registry: registry, toolDirectory: tool)
        configured.onShellCommand = onShellCommand
        let runner = configured
        return Build(fileSystem: inv.fileSystem, catalog: catalog, rules: rules, runner: runner,
                     versionOf: { runner.version(of: $0) }, usedFiles: usedFiles(rules, inv))
    }

    /// The files the rules `use`, hashed, by path relative to the project folder (the parent
    /// of the rules folder). A file that cannot be read is left out: its rules' targets fail
    /// naming it.
    static func usedFiles(_ rules: RuleSet, _ inv: Invocation) -> [String: FileContent] {
        let project = URL(fileURLWithPath: inv.rulesDirectory).deletingLastPathComponent().path
        var found: [String: FileContent] = [:]
        for path in Set(rules.rules.flatMap(\.uses)) {
            guard let h = try? SHA256.hashFile(atPath: project + "/" + path) else { continue }
            found[path] = FileContent(sha256: h.digest, size: h.size)
        }
        return found
    }
}
