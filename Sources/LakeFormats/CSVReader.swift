// RFC 4180 CSV for the small reference tables (stores, airports, aircraft, airlines): the
// whole file as a header and String records. What is accepted and what is an error is
// `CSVTokenizer`'s; here every field must also be UTF-8 and every header name unique.

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

/// Parses CSV text with a header row (RFC 4180, as `CSVTokenizer` reads it).
public enum CSVReader {
    /// Parses `bytes` into a table, checking that every record has as many fields as the header
    /// and that header names are unique.
    public static func parse(_ bytes: [UInt8]) throws(CSVError) -> CSVTable {
        var tokenizer = CSVTokenizer(bytes)
        guard try tokenizer.nextRecord() == .record else {
            throw CSVError(.missingHeader, line: tokenizer.line, column: 1)
        }
        let header = try strings(tokenizer)
        var seen: Set<String> = []
        for (index, name) in header.enumerated() where !seen.insert(name).inserted {
            let (line, column) = tokenizer.location(ofField: index)
            throw CSVError(.duplicateColumnName(name), line: line, column: column)
        }
        tokenizer.expectedFieldCount = header.count
        var rows: [CSVRecord] = []
        // The whole input is there, so a step is a record or the end, never `.needsInput`.
        while try tokenizer.nextRecord() == .record {
            rows.append(CSVRecord(fields: try strings(tokenizer), line: tokenizer.line))
        }
        return CSVTable(header: header, rows: rows)
    }

    /// The fields of the tokenizer's current record as Strings.
    private static func strings(_ tokenizer: CSVTokenizer) throws(CSVError) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(tokenizer.fieldCount)
        for index in 0..<tokenizer.fieldCount {
            guard let text = String(validating: tokenizer[index], as: UTF8.self) else {
                let (line, column) = tokenizer.location(ofField: index)
                throw CSVError(.invalidUTF8, line: line, column: column)
            }
            fields.append(text)
        }
        return fields
    }
}
