// parse → validate → run, with one declaration per command driving both the parser and its
// `--help`. Each command lives in its own file under Commands/ and declares its typed options
// (`Option`, `Argument`), a `spec` listing them (with a `validate` for checks that involve
// several options) and a `run` that reads them as Swift values: by the time `run` is called,
// the parser has converted and checked every value, so `run` has no usage error to report.
// This file only assembles the tree and dispatches.

import Arguments
import Foundation

/// A lakemake command: its declaration and what it does.
protocol LakemakeCommand {
    static var spec: CommandSpec { get }
    /// Runs the command; returns the exit status (errors are thrown, not printed).
    static func run(_ invocation: Invocation) throws -> Int32
}

/// A command that only groups subcommands (`gen`, `sales`, `parquet`, …) and dispatches to them.
protocol LakemakeCommandGroup: LakemakeCommand {
    static var subcommands: [any LakemakeCommand.Type] { get }
}

extension LakemakeCommandGroup {
    static func run(_ inv: Invocation) throws -> Int32 {
        let name = inv.parsed.commandPath.dropFirst().first
        guard let command = subcommands.first(where: { $0.spec.name == name }) else {
            let names = subcommands.map { $0.spec.name }.joined(separator: ", ")
            throw CommandError.invalid("'lakemake \(spec.name)' needs a subcommand: \(names)",
                                       hint: "run 'lakemake \(spec.name) --help'")
        }
        return try command.run(inv)
    }
}

enum LakemakeCLI {
    static let version = "0.1.0"

    /// Every command, in the order `lakemake --help` lists them.
    static var commands: [any LakemakeCommand.Type] {
        [
            InitCommand.self,
            BuildCommand.self,
            WatchCommand.self,
            StatusCommand.self,
            ExplainCommand.self,
            LineageCommand.self,
            GraphCommand.self,
            LogCommand.self,
            FilesCommand.self,
            VerifyCommand.self,
            CleanCommand.self,
            GenCommand.self,
            IngestCommand.self,
            SalesCommand.self,
            FlightsCommand.self,
            FetchCommand.self,
            ParquetCommand.self,
        ]
    }

    /// The options every command accepts (global options).
    enum Options {
        static let directory: Option<String?> = .value(
            "directory", short: "C", valueName: "DIR",
            help: "Run as if started in DIR (relative paths, and the search for the lake, start there).")
        static let lake: Option<String?> = .value(
            "lake", valueName: "DIR", environmentVariable: "LAKEMAKE_LAKE",
            help: "The lake folder (default: lake/ in the nearest folder, from here upward, holding lake/ and rules/).")
        static let rules: Option<String?> = .value(
            "rules", valueName: "DIR", environmentVariable: "LAKEMAKE_RULES",
            help: "The folder of *.rules files (default: rules/ beside the lake found).")
        static let version: Option<Bool> = .flag("version", help: "Print the version and exit.")
    }

    static var root: CommandSpec {
        CommandSpec(
            name: "lakemake",
            abstract: "make for a data lake: turn raw files into Parquet, metrics and reports, rebuilding only what changed.",
            discussion: "Raw files land in lake/raw/. 'lakemake build' runs the rules in rules/*.rules and records every output's exact inputs in lake/.lakemake/catalog.db, so 'lakemake lineage' can say where any number came from.",
            options: [Options.directory.spec, Options.lake.spec, Options.rules.spec, Options.version.spec],
            subcommands: commands.map { $0.spec },
            examples: [
                .init("lakemake init demo && cd demo && lakemake build", "start a lake and build it"),
                .init("lakemake build -n", "show what would be rebuilt, and why"),
                .init("lakemake lineage reports/sales/daily/date=2025-11-20/report.txt", "where a report came from"),
            ])
    }

    static func main(_ words: [String]) -> Int32 {
        let out = Output.standard
        do {
            if words == ["--version"] {
                out.print("lakemake \(version)")
                return 0
            }
            let outcome = try CommandLineParser(root: root).parse(words)
            switch outcome {
            case .help(let path):
                out.print(HelpRenderer(root: root).render(path))
                return 0
            case .run(let parsed):
                if parsed[Options.version] {
                    out.print("lakemake \(version)")
                    return 0
                }
                guard let command = commands.first(where: { $0.spec.name == parsed.commandPath.first }) else {
                    out.print(HelpRenderer(root: root).render([]))
                    return 2
                }
                if let dir = parsed[Options.directory], !FileManager.default.changeCurrentDirectoryPath(dir) {
                    throw CommandError.invalid("-C \(dir): cannot change to this folder", hint: "give an existing folder")
                }
                return try command.run(Invocation(parsed: parsed, output: out))
            }
        } catch {
            return ErrorReport.report(error, to: out)
        }
    }
}
