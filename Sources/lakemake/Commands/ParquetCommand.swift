// `lakemake parquet …`: inspect any Parquet file (schema, metadata, rows) and convert CSV to
// Parquet, in the spirit of parquet-tools. The subcommands read the file given as is; they
// do not need a lake.

import Arguments

/// The `parquet` command group; each subcommand is its own `ParquetSubcommand`.
enum ParquetCommand: LakemakeCommandGroup {
    /// The subcommands, in the order `--help` lists them.
    static var subcommands: [any LakemakeCommand.Type] {
        [ParquetSchemaCommand.self, ParquetMetaCommand.self, ParquetHeadCommand.self, ParquetCatCommand.self,
         ParquetFromCSVCommand.self, ParquetSnappyCommand.self]
    }

    static var spec: CommandSpec {
        CommandSpec(
            name: "parquet",
            abstract: "Inspect a Parquet file, or write one from CSV.",
            discussion: "Rows print with their logical types applied: dates YYYY-MM-DD, timestamps ISO-8601 (Z when UTC), decimals as exact text, bytes as base64.",
            subcommands: subcommands.map { $0.spec },
            examples: [
                .init("lakemake parquet schema data.parquet", "the schema tree"),
                .init("lakemake parquet head -n 5 data.parquet", "the first rows as a table"),
                .init("lakemake parquet cat --csv data.parquet > data.csv", "every row as CSV"),
            ])
    }
}
