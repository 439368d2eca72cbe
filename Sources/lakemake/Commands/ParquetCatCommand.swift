// `lakemake parquet cat FILE`: every row of a file, with logical types rendered, streaming one
// row group at a time so memory is bounded by the largest row group. Flat files are written
// from the columns (see `ParquetRowOutput.write(columns:rows:)`); nested ones row by row.

import Arguments
import Parquet

/// Prints every row of a Parquet file (NDJSON by default), one row group at a time.
enum ParquetCatCommand: ParquetSubcommand {
    static let spec = CommandSpec(
        name: "cat",
        abstract: "Print every row (NDJSON, or --csv), streaming row group by row group.",
        options: [ParquetCommandOptions.json.spec, ParquetCommandOptions.csv.spec],
        arguments: [ParquetCommandOptions.file.spec],
        examples: [.init("lakemake parquet cat --csv data.parquet > data.csv")],
        validate: ParquetCommandOptions.oneRowFormat)

    static func run(_ inv: Invocation) throws -> Int32 {
        let path = inv.parsed[ParquetCommandOptions.file]
        let format = ParquetRowFormat.chosen(inv.parsed, default: .json)
        let reader = try ParquetFileReader.opening(path)
        var output = ParquetRowOutput(names: reader.schema.fields.map(\.name), format: format)
        if reader.rowGroups.isEmpty { output.write([]) }
        let flat = reader.schema.fields.allSatisfy { !$0.isGroup && $0.repetition != .repeated }
        for group in reader.rowGroups.indices {
            if flat, let count = Int(exactly: reader.metadata.rowGroups[group].numRows) {
                let columns = try ParquetFileError.naming(path) { try reader.readColumns(rowGroup: group, keepDictionary: true) }
                if output.write(columns: columns, rows: count) { continue }
            }
            let rows = try ParquetFileError.naming(path) { try reader.rows(rowGroup: group) }
            output.write(rows[...])
        }
        return 0
    }
}
