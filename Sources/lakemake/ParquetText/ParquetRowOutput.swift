// Writing rows of a Parquet file to stdout as NDJSON, CSV or an aligned table. Rows are
// written in blocks (one row group's worth for `cat`), through one buffered write per block,
// so a large file streams with memory bounded by a row group.
//
// A flat row group (every field a top-level, non-repeated leaf) can instead be written from its
// columns: each column's values are rendered once into `ParquetColumnCells` (dictionary entries
// once per chunk), and rows are then assembled by copying cell bytes into one output buffer that
// is written out in large blocks. The bytes are the same as the row path's; `head` keeps the row
// path, and the tests compare the two.

import Arguments
import Foundation
import Glibc
import LakeFormats
import Parquet

/// The formats rows print in.
enum ParquetRowFormat {
    case table, json, csv

    /// The format chosen by `--json` / `--csv` (never both: `ParquetCommandOptions.oneRowFormat`),
    /// or `fallback` when neither is given.
    static func chosen(_ parsed: ParsedArguments, default fallback: ParquetRowFormat) -> ParquetRowFormat {
        parsed[ParquetCommandOptions.json] ? .json : parsed[ParquetCommandOptions.csv] ? .csv : fallback
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

    /// Writes the `rows` rows of one row group from its columns (one per field, in order), as
    /// CSV or NDJSON; false (nothing written) when the columns are not one flat leaf per field
    /// or their levels disagree with the values, so the caller takes the row path instead.
    mutating func write(columns: [ColumnVector], rows: Int) -> Bool {
        guard format != .table, columns.count == names.count,
              columns.allSatisfy({ $0.repetitionLevels.isEmpty && $0.descriptor.maxRepetitionLevel == 0
                  && $0.descriptor.path.count == 1 && $0.entryCount == rows
                  && ParquetColumnCells.announcedValues($0) == $0.valueCount }) else { return false }
        let style: ParquetCellStyle = format == .csv ? .csv : .json
        let cells = columns.map { ParquetColumnCells($0, style: style) }
        var out: [UInt8] = []
        out.reserveCapacity(Self.flushSize + 64 * 1024)
        if format == .csv && !headerWritten {
            var writer = CSVWriter()
            writer.append(names)
            out += writer.bytes
        }
        headerWritten = true
        // JSON: `{"name":` before the first value, `,"name":` before the others.
        let keys: [[UInt8]] = names.enumerated().map { position, name in
            var writer = JSONWriter(style: .compact)
            writer.string(name)
            return Array((position == 0 ? "{" : ",").utf8) + writer.bytes + [UInt8(ascii: ":")]
        }
        var next = [Int](repeating: 0, count: cells.count)  // next non-null value per column
        let lonelyColumn = cells.count == 1  // CSVWriter writes a record of one empty field as ""
        for row in 0..<rows {
            for column in cells.indices {
                let cell = cells[column]
                let present = cell.definitionLevels.isEmpty || cell.definitionLevels[row] >= cell.full
                if format == .json { out += keys[column] } else if column > 0 { out.append(UInt8(ascii: ",")) }
                if present {
                    let value = next[column]
                    next[column] = value + 1
                    let index = cell.indices.map { Int($0[value]) } ?? value
                    let range = cell.offsets[index]..<cell.offsets[index + 1]
                    if lonelyColumn && format == .csv && range.isEmpty {
                        out += [UInt8(ascii: "\""), UInt8(ascii: "\"")]
                    } else {
                        out.append(contentsOf: cell.text[range])
                    }
                } else if format == .json {
                    out += "null".utf8
                } else if lonelyColumn {
                    out += [UInt8(ascii: "\""), UInt8(ascii: "\"")]
                }
            }
            if format == .json { out.append(UInt8(ascii: "}")) }
            out.append(UInt8(ascii: "\n"))
            if out.count >= Self.flushSize {
                Self.writeStandardOutput(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        Self.writeStandardOutput(out)
        return true
    }

    /// Output is written out whenever this much has collected.
    static let flushSize = 4 << 20

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
