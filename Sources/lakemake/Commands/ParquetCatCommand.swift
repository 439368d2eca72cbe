// `lakemake parquet cat FILE`: every row of a file, with logical types rendered, streaming one
// row group at a time so memory is bounded by the largest row group.

import Arguments
import Parquet

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
        let format = try ParquetRowFormat.chosen(inv, default: .json)
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
