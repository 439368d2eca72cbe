// What every `lakemake parquet` subcommand declares, and the options they share.

import Arguments

/// One `lakemake parquet` subcommand.
protocol ParquetSubcommand: LakemakeCommand {}

/// Options and arguments the subcommands share.
enum ParquetCommandOptions {
    static let file: Argument<String> = .required("FILE", help: "A Parquet file (a path, not relative to the lake).")
    static let json: Option<Bool> = .flag("json", help: "Print JSON (rows: one object per line).")
    static let csv: Option<Bool> = .flag("csv", help: "Print RFC 4180 CSV with a header line.")

    /// The `validate` of a command that prints rows in one format: `--json` or `--csv`, not both.
    @Sendable static func oneRowFormat(_ parsed: ParsedArguments) throws(ValidationError) {
        if parsed[json] && parsed[csv] { throw ValidationError("--json and --csv cannot be combined", hint: "choose one output format") }
    }
}
