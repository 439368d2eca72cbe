// Writing rows of a Parquet file to stdout as NDJSON, CSV or an aligned table. Rows are
// written in blocks (one row group's worth for `cat`), through one buffered write per block,
// so a large file streams with memory bounded by a row group.

import Foundation
import Glibc
import LakeFormats
import Parquet

/// The formats rows print in.
enum ParquetRowFormat {
    case table, json, csv

    /// The format chosen by `--json` / `--csv`, or `fallback` when neither is given.
    static func chosen(_ inv: Invocation, default fallback: ParquetRowFormat) throws -> ParquetRowFormat {
        let json = inv.parsed.flag("json"), csv = inv.parsed.flag("csv")
        if json && csv { throw CommandError.invalid("--json and --csv cannot be combined", hint: "choose one output format") }
        return json ? .json : csv ? .csv : fallback
    }
}

/// Prints rows of one file in one format; the CSV header or table header is written once.
struct ParquetRowOutput {
    let names: [String]
    let format: ParquetRowFormat
    private var headerWritten = false

    init(names: [String], format: ParquetRowFormat) {
        self.names = names
        self.format = format
    }

    /// Longest cell shown in a table; longer text is cut with "…".
    static let tableCellLimit = 40

    /// Writes `rows` (each one value per name) to stdout.
    mutating func write(_ rows: ArraySlice<[ParquetValue]>) {
        var bytes: [UInt8] = []
        switch format {
        case .json:
            for row in rows {
                bytes.append(contentsOf: ParquetValueText.jsonLine(names: names, row: row).utf8)
                bytes.append(UInt8(ascii: "\n"))
            }
        case .csv:
            var writer = CSVWriter()
            if !headerWritten { writer.append(names) }
            for row in rows { writer.append(row.map(ParquetValueText.csvField)) }
            bytes = writer.bytes
        case .table:
            bytes = Array(table(rows).utf8)
        }
        headerWritten = true
        Self.writeStandardOutput(bytes)
    }

    /// The rows as a table with a header, columns padded to their widest cell.
    private func table(_ rows: ArraySlice<[ParquetValue]>) -> String {
        let cells = rows.map { row in row.map { Self.cut(Self.tableCell($0)) } }
        var widths = names.map { $0.count }
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ fields: [String]) -> String {
            var text = ""
            for (i, field) in fields.enumerated() {
                let pad = i == fields.count - 1 ? "" : String(repeating: " ", count: widths[i] - field.count + 2)
                text += field + pad
            }
            return text + "\n"
        }
        var text = line(names)
        text += line(widths.map { String(repeating: "-", count: $0) })
        for row in cells { text += line(row) }
        return text
    }

    private static func tableCell(_ value: ParquetValue) -> String {
        if case .null = value { return "null" }
        return ParquetValueText.csvField(value).replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func cut(_ text: String) -> String {
        text.count <= tableCellLimit ? text : String(text.prefix(tableCellLimit - 1)) + "…"
    }

    private static func writeStandardOutput(_ bytes: [UInt8]) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            rest = rest.dropFirst(n)
        }
    }
}
