// `lakemake parquet from-csv IN.csv OUT.parquet [--types name:type,…]`: a CSV with a header
// becomes a Snappy-compressed Parquet file, streamed in row groups of `--row-group-rows` rows
// so the CSV may be larger than memory. Undeclared columns are strings.

import Arguments
import LakeFormats
import Parquet

/// Converts a CSV file into a Parquet file.
enum ParquetFromCSVCommand: ParquetSubcommand {
    /// The options and arguments of `lakemake parquet from-csv`.
    enum Options {
        static let types: Option<String?> = .value("types", valueName: "SPEC", help: "Column types, as name:type,name:type,…")
        static let rowGroupRows: Option<Int> = .integer(
            "row-group-rows", valueName: "N", defaultValue: 1_000_000, in: 1...100_000_000, help: "Rows per row group.")
        static let csv: Argument<String> = .required("CSV", help: "The CSV file to read.")
        static let parquet: Argument<String> = .required("PARQUET", help: "The Parquet file to write (replaced if it exists).")
    }

    static let spec = CommandSpec(
        name: "from-csv",
        abstract: "Write a Parquet file from a CSV with a header line.",
        discussion: "Every column is an optional STRING unless --types declares it: int32, int64, double, string, date (YYYY-MM-DD), timestamp-ms (ISO-8601, UTC) or decimal(p,s) with p up to 18. An empty field is null, except in string columns.",
        options: [Options.types.spec, Options.rowGroupRows.spec],
        arguments: [Options.csv.spec, Options.parquet.spec],
        examples: [.init("lakemake parquet from-csv --types quantity:int32,unit_price:decimal(10,2) sales.csv sales.parquet")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let input = inv.parsed[Options.csv], output = inv.parsed[Options.parquet]
        let groupRows = inv.parsed[Options.rowGroupRows]
        var records = try ParquetCSVRecords(path: input)
        defer { records.close() }
        guard try records.next() else {
            throw ParquetCommandError.malformedCSV(file: input, CSVError(.missingHeader, line: records.line, column: 1))
        }
        let header = (0..<records.count).map { String(decoding: records[$0], as: UTF8.self) }
        records.expectFields(header.count)
        let types = try ParquetCSVColumnType.types(from: inv.parsed[Options.types], header: header)
        var columns = zip(header, types).map { ParquetCSVColumn(name: $0, type: $1) }
        let schema = ParquetSchema(fields: zip(header, types).map { $1.field(named: $0) })
        let writer = try ParquetFileError.naming(output) { try ParquetWriter(path: output, schema: schema) }
        var pending = 0, reserved = false
        while true {
            let count = try records.nextBlock(limit: min(blockRecords, groupRows - pending))
            guard count > 0 else { break }
            do {
                for index in columns.indices { try columns[index].append(records, column: index, count: count, file: input) }
            } catch {
                try throwFirstBadValue(records, count: count, columns: &columns, file: input)
                throw error
            }
            if pending == 0 && !reserved {
                reserve(&columns, groupRows: groupRows, blockRows: count, fileBytes: records.fileBytes)
                reserved = true
            }
            pending += count
            if pending == groupRows {
                try write(&columns, to: writer, path: output)
                pending = 0
            }
        }
        if pending > 0 { try write(&columns, to: writer, path: output) }
        try ParquetFileError.naming(output) { _ = try writer.finish() }
        return 0
    }

    /// Records read and parsed at a time, column by column: enough that the per-block work
    /// vanishes, few enough that a block's bytes and field bounds stay in the processor's cache
    /// (about 0.5 MB of CSV and 0.6 MB of bounds for the sales table) while every column goes
    /// over them.
    static let blockRecords = 4096

    /// Reserves the columns' buffers for the first row group once its first block is read:
    /// `groupRows` rows, or fewer when the file cannot hold that many (estimated from the bytes
    /// the block's strings and separators take per row, which undercounts a row and so
    /// overcounts the rows: a small file never reserves much more than its own size).
    private static func reserve(_ columns: inout [ParquetCSVColumn], groupRows: Int, blockRows: Int, fileBytes: Int) {
        let rowBytes = columns.reduce(columns.count) { $0 + $1.stringBytes / max(1, blockRows) }
        let rows = min(groupRows, fileBytes / max(1, rowBytes) + blockRows)
        for index in columns.indices { columns[index].reserve(rows: rows, blockRows: blockRows) }
    }

    /// A block holds a bad value: goes over it again record by record, field by field, so that
    /// the error thrown is the one a row-by-row reading meets first (the column-by-column pass
    /// finds the first bad value of the first column that has one). The columns' contents do
    /// not matter any more.
    private static func throwFirstBadValue(_ records: ParquetCSVRecords, count: Int, columns: inout [ParquetCSVColumn], file: String) throws {
        for record in 0..<count {
            let line = records.line(ofRecord: record)
            for index in columns.indices {
                try records.withField(record: record, column: index) { bytes in try columns[index].append(bytes, line: line, file: file) }
            }
        }
    }

    /// Writes the pending rows as a row group, then empties the columns in place (the batch,
    /// which shares their buffers, is gone by then, so they are reused without a copy).
    private static func write(_ columns: inout [ParquetCSVColumn], to writer: ParquetWriter, path: String) throws {
        try ParquetFileError.naming(path) { _ = try writer.write(batch: columns.map(\.batch)) }
        for index in columns.indices { columns[index].startNextGroup() }
    }
}
