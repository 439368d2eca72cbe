// Reading RFC 4180 CSV records from a file in blocks, so a CSV far larger than memory can be
// converted: fields come back as bytes (quotes removed, doubled quotes undone), one record at
// a time, in a `ParquetCSVRecord` the caller reuses. A record may span lines inside quotes;
// CRLF and LF both end a record.

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

    /// Reads the next record into `record` (replacing what it held); false at the end of the file.
    mutating func next(into record: inout ParquetCSVRecord) throws -> Bool {
        while true {
            if let more = try parse(into: &record) { return more }
            try refill()
        }
    }

    /// Parses one record at `position` into `record`: nil when the buffer ends before the record
    /// does and more bytes may follow, false when there are no more records. Runs of plain bytes
    /// are copied with one append each; only quoted fields go byte by byte.
    private mutating func parse(into record: inout ParquetCSVRecord) throws -> Bool? {
        record.removeAll()
        var i = position
        var lines = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let count = buffer.count
        if i >= count { return atEnd ? false : nil }
        while true {
            guard i < count else {
                guard atEnd else { return nil }
                record.endField()
                break
            }
            let byte = buffer[i]
            if byte == quote && record.openFieldLength == 0 {
                // A quoted field: up to the closing quote, "" standing for one quote.
                i += 1
                while true {
                    guard i < count else {
                        if atEnd { throw ParquetCommandError.malformedCSV(file: path, line: line, reason: "a quoted field is not closed") }
                        return nil
                    }
                    let b = buffer[i]
                    if b == quote {
                        if i + 1 < count, buffer[i + 1] == quote { record.append(quote); i += 2; continue }
                        if i + 1 >= count && !atEnd { return nil }
                        i += 1
                        break
                    }
                    if b == lf { lines += 1 }
                    record.append(b)
                    i += 1
                }
                continue
            }
            if byte == comma { record.endField(); i += 1; continue }
            if byte == lf || byte == cr {
                if byte == cr {
                    if i + 1 >= count && !atEnd { return nil }
                    if i + 1 < count, buffer[i + 1] == lf { i += 1 }
                }
                i += 1
                record.endField()
                break
            }
            // Plain bytes up to the next delimiter (a quote inside a field is kept as it is).
            var j = i + 1
            while j < count {
                let b = buffer[j]
                if b == comma || b == lf || b == cr || b == quote { break }
                j += 1
            }
            record.append(buffer[i..<j])
            i = j
        }
        position = i
        line += 1 + lines
        return true
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
