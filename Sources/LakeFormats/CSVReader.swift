// RFC 4180 CSV for the small reference tables (stores, airports, aircraft, airlines).
//
// Accepted: quoted fields with doubled quotes and embedded line breaks, CRLF or LF line ends,
// a final line with or without a line break. Leniencies, chosen because spreadsheet exports
// produce them: a leading UTF-8 byte-order mark is skipped, and completely empty lines are
// ignored. Everything else that RFC 4180 forbids is an error with its line and column.

/// One data row of a CSV table.
public struct CSVRecord: Equatable, Sendable {
    /// The fields, one per header column.
    public var fields: [String]
    /// The 1-based line on which the record starts.
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// A CSV file: its header row and the records below it, every record as wide as the header.
public struct CSVTable: Equatable, Sendable {
    public var header: [String]
    public var rows: [CSVRecord]

    public init(header: [String], rows: [CSVRecord]) {
        self.header = header
        self.rows = rows
    }

    /// The index of the column called `name`, or nil if there is none.
    public func column(named name: String) -> Int? {
        header.firstIndex(of: name)
    }
}

/// Parses CSV text with a header row (RFC 4180).
public enum CSVReader {
    /// Parses `bytes` into a table, checking that every record has as many fields as the header
    /// and that header names are unique.
    public static func parse(_ bytes: [UInt8]) throws(CSVError) -> CSVTable {
        var scanner = CSVScanner(bytes)
        guard let (header, headerLine) = try scanner.nextRecord() else {
            throw CSVError(.missingHeader, line: scanner.line, column: 1)
        }
        var seen: Set<String> = []
        for (index, name) in header.fields.enumerated() where !seen.insert(name).inserted {
            throw CSVError(.duplicateColumnName(name), line: headerLine, column: header.fieldColumns[index])
        }
        var rows: [CSVRecord] = []
        while let (record, line) = try scanner.nextRecord() {
            let expected = header.fields.count
            guard record.fields.count == expected else {
                // Point at the first extra field, or at the end where a field is missing.
                let column = record.fields.count > expected ? record.fieldColumns[expected] : record.endColumn
                let errorLine = record.fields.count > expected ? record.fieldLines[expected] : record.endLine
                throw CSVError(.wrongFieldCount(expected: expected, found: record.fields.count), line: errorLine, column: column)
            }
            rows.append(CSVRecord(fields: record.fields, line: line))
        }
        return CSVTable(header: header.fields, rows: rows)
    }
}
