import Arguments

/// A small command tree in the shape of a real tool: global options on the root, a leaf
/// command with a variadic argument, a command with a required argument and enum-like
/// options, a group of subcommands, and a command with required, optional and one-or-more
/// arguments.
enum SampleCommands {
    static let root = CommandSpec(
        name: "lakemake",
        abstract: "Make for a data lake.",
        options: [
            .value("lake", valueName: "DIR", defaultValue: ".", environmentVariable: "LAKEMAKE_LAKE",
                   help: "The lake directory."),
            .value("rules", valueName: "DIR", environmentVariable: "LAKEMAKE_RULES",
                   help: "The rules directory."),
            .flag("verbose", short: "v", help: "Print more."),
        ],
        subcommands: [build, lineage, parquet, ingest])

    static let build = CommandSpec(
        name: "build",
        abstract: "Build stale targets.",
        options: [
            .value("jobs", short: "j", valueName: "N", defaultValue: "4", help: "Run N actions at once."),
            .flag("dry-run", short: "n", help: "Print the plan only."),
            .flag("json", help: "Print JSON."),
            .flag("retry-failed", help: "Retry failed targets."),
        ],
        arguments: [ArgumentSpec("PREFIX", arity: .variadic, help: "Output path prefixes.")])

    static let lineage = CommandSpec(
        name: "lineage",
        abstract: "Show where a file came from.",
        discussion: "Walks the recorded inputs of PATH up to the raw files, or down to everything built from it with --down.",
        options: [
            .flag("down", help: "Follow outputs instead of inputs."),
            .value("depth", valueName: "N", environmentVariable: "LAKEMAKE_DEPTH",
                   help: "Stop after N levels."),
            .value("format", short: "f", valueName: "FORMAT",
                   choices: ["tree", "json", "dot", "openlineage"], defaultValue: "tree",
                   help: "Output format."),
            .repeated("include", valueName: "GLOB", help: "Only show paths matching GLOB."),
        ],
        arguments: [ArgumentSpec("PATH", help: "A lake-relative path.")],
        examples: [
            .init("lakemake lineage processed/sales/2024-01-01.parquet --depth 2",
                  "Show two levels of inputs."),
        ])

    static let parquet = CommandSpec(
        name: "parquet",
        abstract: "Inspect Parquet files.",
        subcommands: [
            CommandSpec(name: "schema", abstract: "Print the schema.",
                        options: [.flag("json", help: "Print JSON.")],
                        arguments: [ArgumentSpec("FILE", help: "A Parquet file.")]),
            CommandSpec(name: "head", abstract: "Print the first rows.",
                        options: [.value("rows", short: "r", valueName: "N", help: "How many rows.")],
                        arguments: [ArgumentSpec("FILE", help: "A Parquet file.")]),
        ])

    static let ingest = CommandSpec(
        name: "ingest",
        abstract: "Copy files into the lake.",
        options: [.flag("replace", help: "Replace existing files.")],
        arguments: [
            ArgumentSpec("KIND", help: "The kind of file."),
            ArgumentSpec("NOTE", arity: .optional, help: "A note."),
            ArgumentSpec("FILE", arity: .oneOrMore, help: "Files to copy."),
        ])

    static let parser = CommandLineParser(root: root)

    /// Parses `words` with an empty environment unless one is given, and expects a command.
    static func run(_ words: [String], environment: [String: String] = [:]) throws -> ParsedArguments {
        switch try parser.parse(words, environment: environment) {
        case .run(let parsed): return parsed
        case .help(let path): throw UnexpectedHelp(commandPath: path)
        }
    }

    /// Thrown by `run` when the parse asked for help instead.
    struct UnexpectedHelp: Error { var commandPath: [String] }

    /// The outcome of parsing `words` with an empty environment.
    static func outcome(_ words: [String]) throws -> ParseOutcome {
        try parser.parse(words, environment: [:])
    }

    /// The `UsageError` a parse throws, or nil when it does not throw one.
    static func usageError(_ words: [String], environment: [String: String] = [:]) -> UsageError? {
        do {
            _ = try parser.parse(words, environment: environment)
            return nil
        } catch {
            return error
        }
    }
}
