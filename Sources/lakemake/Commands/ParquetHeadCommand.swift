// `lakemake parquet head [-n N] FILE`: the first rows of a file, with logical types rendered;
// only the row groups needed are read.

import Arguments
import Parquet

/// Prints the first rows of a Parquet file (a table by default).
enum ParquetHeadCommand: ParquetSubcommand {
    /// The option of `lakemake parquet head` besides the shared ones.
    enum Options {
        static let count: Option<Int> = .integer("count", short: "n", valueName: "N", defaultValue: 10, in: 0...Int.max,
                                                 help: "How many rows to print.")
    }

    static let spec = CommandSpec(
        name: "head",
        abstract: "Print the first N rows (a table, or --json/--csv).",
        options: [Options.count.spec, ParquetCommandOptions.json.spec, ParquetCommandOptions.csv.spec],
        arguments: [ParquetCommandOptions.file.spec],
        examples: [.init("lakemake parquet head -n 3 --json data.parquet")],
        validate: ParquetCommandOptions.oneRowFormat)

    static func run(_ inv: Invocation) throws -> Int32 {
        let path = inv.parsed[ParquetCommandOptions.file]
        let limit = inv.parsed[Options.count]
        let format = ParquetRowFormat.chosen(inv.parsed, default: .table)
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
