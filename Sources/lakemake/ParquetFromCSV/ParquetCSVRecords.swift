// Reading RFC 4180 CSV records from a file in blocks, so a CSV far larger than memory can be
// converted: fields come back as bytes (quotes removed, doubled quotes undone), one record at
// a time. A record may span lines inside quotes; CRLF and LF both end a record.

import Glibc

/// Streams the records of a CSV file.
struct ParquetCSVRecords {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Where each read lands before joining `buffer`.
    private var block = [UInt8](repeating: 0, count: ParquetCSVRecords.blockSize)
    private var position = 0
    private var atEnd = false
    /// The line the next record starts on (1-based).
    private(set) var line = 1

    static let blockSize = 4 << 20

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ParquetCommandError.missingFile(path) }
    }

    /// Closes the file; the records are not readable afterwards.
    func close() { _ = Glibc.close(descriptor) }

    /// The next record's fields, or nil at the end of the file.
    mutating func next() throws -> [[UInt8]]? {
        while true {
            if let record = try parse() { return record.isEmpty ? nil : record }
            try refill()
        }
    }

    /// Parses one record at `position`; nil when the buffer ends before the record does and
    /// more bytes may follow. At the end of the file, an empty field list means no more records.
    private mutating func parse() throws -> [[UInt8]]? {
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var i = position
        var lines = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        if i >= buffer.count { return atEnd ? [] : nil }
        while true {
            guard i < buffer.count else {
                guard atEnd else { return nil }
                fields.append(field)
                break
            }
            let byte = buffer[i]
            if byte == quote && field.isEmpty {
                // A quoted field: up to the closing quote, "" standing for one quote.
                i += 1
                while true {
                    guard i < buffer.count else {
                        if atEnd { throw ParquetCommandError.malformedCSV(file: path, line: line, reason: "a quoted field is not closed") }
                        return nil
                    }
                    let b = buffer[i]
                    if b == quote {
                        if i + 1 < buffer.count, buffer[i + 1] == quote { field.append(quote); i += 2; continue }
                        if i + 1 >= buffer.count && !atEnd { return nil }
                        i += 1
                        break
                    }
                    if b == lf { lines += 1 }
                    field.append(b)
                    i += 1
                }
                continue
            }
            if byte == comma { fields.append(field); field = []; i += 1; continue }
            if byte == lf || byte == cr {
                if byte == cr {
                    if i + 1 >= buffer.count && !atEnd { return nil }
                    if i + 1 < buffer.count, buffer[i + 1] == lf { i += 1 }
                }
                i += 1
                fields.append(field)
                break
            }
            field.append(byte)
            i += 1
        }
        position = i
        line += 1 + lines
        return fields
    }

    private mutating func refill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let n = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if n <= 0 {
            atEnd = true
        } else {
            buffer.append(contentsOf: block[0..<n])
        }
    }
}
