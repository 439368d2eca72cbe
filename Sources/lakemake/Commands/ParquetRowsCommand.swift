// `lakemake parquet head [-n N] FILE` and `lakemake parquet cat FILE`: the rows of a file,
// with logical types rendered. `head` reads only the row groups it needs; `cat` streams one
// row group at a time.

import Arguments
import Parquet

/// Prints the first rows of a Parquet file (a table by default).
enum ParquetHeadCommand: ParquetSubcommand {
    static let spec = CommandSpec(
        name: "head",
        abstract: "Print the first N rows (a table, or --json/--csv).",
        options: [
            .value("count", short: "n", valueName: "N", defaultValue: "10", help: "How many rows to print."),
            ParquetCommandOptions.json, ParquetCommandOptions.csv,
        ],
        arguments: [ParquetCommandOptions.file],
        examples: [.init("lakemake parquet head -n 3 --json data.parquet")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let path = ParquetCommandOptions.path(inv)
        let limit = try inv.parsed.int("count", in: 0...Int.max) ?? 10
        let format = try ParquetRowSelection.format(inv, default: .table)
        let reader = try ParquetFileReader.opening(path)
        var rows: [[ParquetValue]] = []
        var group = 0
        while rows.count < limit, group < reader.rowGroups.count {
            let groupRows = try ParquetFileError.naming(path) { try reader.rows(rowGroup: group) }
            rows.append(contentsOf: groupRows.prefix(limit - rows.count))
            group += 1
        }
        var output = ParquetRowOutput(names: reader.schema.fields.map(\.name), format: format)
        output.write(rows[...])
        return 0
    }
}

/// Prints every row of a Parquet file (NDJSON by default), one row group at a time.
enum ParquetCatCommand: ParquetSubcommand {
    static let spec = CommandSpec(
        name: "cat",
        abstract: "Print every row (NDJSON, or --csv), streaming row group by row group.",
        options: [ParquetCommandOptions.json, ParquetCommandOptions.csv],
        arguments: [ParquetCommandOptions.file],
        examples: [.init("lakemake parquet cat --csv data.parquet > data.csv")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let path = ParquetCommandOptions.path(inv)
        let format = try ParquetRowSelection.format(inv, default: .json)
        let reader = try ParquetFileReader.opening(path)
        var output = ParquetRowOutput(names: reader.schema.fields.map(\.name), format: format)
        if reader.rowGroups.isEmpty { output.write([]) }
        for group in reader.rowGroups.indices {
            let rows = try ParquetFileError.naming(path) { try reader.rows(rowGroup: group) }
            output.write(rows[...])
        }
        return 0
    }
}

/// The row format chosen by `--json` / `--csv`.
enum ParquetRowSelection {
    static func format(_ inv: Invocation, default fallback: ParquetRowFormat) throws -> ParquetRowFormat {
        let json = inv.parsed.flag("json"), csv = inv.parsed.flag("csv")
        if json && csv { throw CommandError.invalid("--json and --csv cannot be combined", hint: "choose one output format") }
        return json ? .json : csv ? .csv : fallback
    }
}
