// Splits CSV bytes into records and fields, tracking where each field starts.

/// The record-by-record tokenizer behind `CSVReader`.
struct CSVScanner {
    /// The fields of one record and where they are, for error messages.
    struct RawRecord {
        var fields: [String] = []
        var fieldLines: [Int] = []
        var fieldColumns: [Int] = []
        var endLine = 0
        var endColumn = 0
    }

    private let bytes: [UInt8]
    private var index: Int
    private(set) var line = 1
    private var lineStart: Int
    private var fieldBytes: [UInt8] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineStart = index
    }

    private var column: Int { index - lineStart + 1 }

    /// The next record and the line it starts on, or nil at the end of the input.
    mutating func nextRecord() throws(CSVError) -> (RawRecord, Int)? {
        while true {
            guard index < bytes.count else { return nil }
            if !skipLineBreak() { break }
        }
        let recordLine = line
        var record = RawRecord()
        while true {
            record.fieldLines.append(line)
            record.fieldColumns.append(column)
            record.fields.append(try readField())
            if index < bytes.count && bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            record.endLine = line
            record.endColumn = column
            _ = skipLineBreak()
            return (record, recordLine)
        }
    }

    /// Consumes an LF or CRLF at `index`; false if there is none.
    private mutating func skipLineBreak() -> Bool {
        if index < bytes.count && bytes[index] == UInt8(ascii: "\n") {
            index += 1
        } else if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "\r") && bytes[index + 1] == UInt8(ascii: "\n") {
            index += 2
        } else {
            return false
        }
        line += 1
        lineStart = index
        return true
    }

    private func isFieldEnd(_ at: Int) -> Bool {
        at >= bytes.count || bytes[at] == UInt8(ascii: ",") || bytes[at] == UInt8(ascii: "\n")
            || (bytes[at] == UInt8(ascii: "\r") && at + 1 < bytes.count && bytes[at + 1] == UInt8(ascii: "\n"))
    }

    private mutating func readField() throws(CSVError) -> String {
        let startLine = line, startColumn = column
        fieldBytes.removeAll(keepingCapacity: true)
        if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
            index += 1
            while true {
                guard index < bytes.count else { throw CSVError(.unterminatedQuote, line: startLine, column: startColumn) }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    guard index < bytes.count && bytes[index] == UInt8(ascii: "\"") else { break }
                    index += 1
                } else if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index
                }
                fieldBytes.append(byte)
            }
            guard isFieldEnd(index) else { throw CSVError(.textAfterClosingQuote, line: line, column: column) }
        } else {
            while !isFieldEnd(index) {
                if bytes[index] == UInt8(ascii: "\"") { throw CSVError(.quoteInUnquotedField, line: line, column: column) }
                fieldBytes.append(bytes[index])
                index += 1
            }
        }
        guard let text = String(validating: fieldBytes, as: UTF8.self) else {
            throw CSVError(.invalidUTF8, line: startLine, column: startColumn)
        }
        return text
    }
}
