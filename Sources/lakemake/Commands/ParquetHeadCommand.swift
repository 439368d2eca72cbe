// `lakemake parquet head [-n N] FILE`: the first rows of a file, with logical types rendered;
// only the row groups needed are read.

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
        let format = try ParquetRowFormat.chosen(inv, default: .table)
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
