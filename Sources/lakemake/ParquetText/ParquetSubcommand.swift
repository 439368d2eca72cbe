// What every `lakemake parquet` subcommand declares, and the options they share.

import Arguments

/// One `lakemake parquet` subcommand.
protocol ParquetSubcommand: LakemakeCommand {}

/// Options and arguments the subcommands share.
enum ParquetCommandOptions {
    static let file = ArgumentSpec("FILE", help: "A Parquet file (a path, not relative to the lake).")
    static let json = OptionSpec.flag("json", help: "Print JSON (rows: one object per line).")
    static let csv = OptionSpec.flag("csv", help: "Print RFC 4180 CSV with a header line.")

    /// The FILE argument.
    static func path(_ inv: Invocation) -> String { inv.parsed.argument("FILE") ?? "" }
}
