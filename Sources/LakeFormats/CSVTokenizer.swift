// The one CSV tokenizer: `CSVReader` (small tables, whole input) and `lakemake parquet from-csv`
// (a file far larger than memory, fed in blocks) both read through it.
//
// RFC 4180, with the leniencies spreadsheet exports need and other readers (Python's csv,
// pyarrow, pandas) share:
//
// - Fields are separated by `,`; a field in double quotes may hold commas, line breaks and
//   quotes, a quote written twice (`""`).
// - A record ends with CRLF, LF or a lone CR (old Mac files), or at the end of the input.
// - A UTF-8 byte-order mark at the very start is skipped; empty lines are skipped.
// - Everything else RFC 4180 forbids is a `CSVError` with its line and column: a quote inside
//   an unquoted field, text after a closing quote, a quoted field never closed, and, once
//   `expectedFieldCount` is set, a record of another width.
//
// Fields are handed out as byte slices of the input buffer, never as Strings, so a caller can
// copy them straight into its own buffers; what the bytes mean (UTF-8, numbers) is the
// caller's business. The buffer is never modified: a quoted field holding `""` is the one
// case copied, with the quotes undone, into a scratch buffer the tokenizer reuses. Lines and
// columns are counted only when an error is reported, from the start of the record, so the
// scanning loop does nothing but look for the four bytes that matter.
//
// `nextRecords(limit:)` reads many records at once (as many as the buffer holds, up to a
// limit) and keeps all their fields, so that a caller converting a large file into columns
// (`parquet from-csv`) can go through a stretch of it column by column: one loop per column,
// with no per-field call, instead of every column's code in turn for every record.

/// Splits CSV bytes into records and fields, one record at a time.
///
/// Give it the whole input with `init(_:)`, or feed it blocks with `append(_:)` and call
/// `endInput()` after the last. `nextRecord()` then reads one record, whose fields are read
/// with `self[index]` until the next call.
public struct CSVTokenizer: Sendable {
    /// What `nextRecord()` found.
    public enum Step: Equatable, Sendable {
        /// A record: its fields are `self[0..<fieldCount]`, and it starts on `line`.
        case record
        /// The buffer ends inside a record (or before one starts): `append` more input, or
        /// call `endInput()`, then ask again.
        case needsInput
        /// There are no more records.
        case end
    }

    /// The input not yet consumed, and (from `recordStart`) the current record.
    @usableFromInline private(set) var bytes: [UInt8]
    /// Where the next record (or the blank lines before it) begins in `bytes`.
    private var position = 0
    /// The line at `position` (1-based).
    private var positionLine = 1
    private var inputEnded = false
    private var checkedByteOrderMark = false

    /// Where the current record begins in `bytes`.
    private var recordStart = 0
    /// The content of each field of the current record, in `bytes` (for a quoted field: inside
    /// the quotes, any `""` still doubled).
    @usableFromInline private(set) var fields: [Range<Int>] = []
    /// Where the current record's fields begin in `fields`: 0, except while `nextRecords`
    /// reads a record after others it keeps.
    private var fieldBase = 0
    /// The line on which each record read by `nextRecords` starts.
    private var recordLines: [Int] = []
    /// An error `nextRecords` met after reading records: thrown by the next call, so that the
    /// records before it are handed out first, as `nextRecord` would.
    private var deferredError: CSVError?
    /// Quoted fields holding `""`: their index in `fields` (ascending) and their bytes in
    /// `unescaped`, quotes undone.
    @usableFromInline private(set) var escapedFields: [(index: Int, range: Range<Int>)] = []
    private var unescaped: [UInt8] = []

    /// The 1-based line on which the current record starts; after `.end`, the line after the
    /// input's last line break.
    public private(set) var line = 1

    /// When set, a record with another number of fields is an error (`wrongFieldCount`),
    /// reported at its first extra field or where a field is missing. Set it to the header's
    /// width after reading the header.
    public var expectedFieldCount: Int?

    /// A tokenizer to be fed with `append(_:)` and `endInput()`.
    public init() {
        bytes = []
    }

    /// A tokenizer over the whole input.
    public init(_ input: [UInt8]) {
        bytes = input
        inputEnded = true
    }

    /// Adds the next block of input. The fields of the record read last are no longer
    /// readable afterwards.
    public mutating func append(_ block: ArraySlice<UInt8>) {
        precondition(!inputEnded, "CSVTokenizer: input appended after endInput()")
        if position > 0 {
            bytes.removeFirst(position)
            position = 0
            recordStart = 0
            fields.removeAll(keepingCapacity: true)
            fieldBase = 0
            escapedFields.removeAll(keepingCapacity: true)
            recordLines.removeAll(keepingCapacity: true)
        }
        bytes.append(contentsOf: block)
    }

    /// Says that no more input follows: the last record may end without a line break.
    public mutating func endInput() {
        inputEnded = true
    }

    /// The number of fields of the current record (after `nextRecord`).
    public var fieldCount: Int { fields.count - fieldBase }

    /// The bytes of field `index` of the current record, quotes removed and `""` undone.
    public subscript(index: Int) -> ArraySlice<UInt8> {
        if escapedFields.isEmpty { return bytes[fields[index]] }
        return field(index)
    }

    private func field(_ index: Int) -> ArraySlice<UInt8> {
        for escaped in escapedFields where escaped.index == index { return unescaped[escaped.range] }
        return bytes[fields[index]]
    }

    /// Calls `body` with the bytes of field `index` of the current record, as `self[index]`
    /// gives them, but borrowed: no slice is made and no buffer reference counted. For callers
    /// that read every field of a large file (`parquet from-csv`), where retaining and
    /// releasing the buffer for each field's slice cost about a quarter of the time. Inlinable
    /// so that `body` is inlined into the caller's loop.
    @inlinable
    public func withField<Result, Failure: Error>(
        _ index: Int, _ body: (Span<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        if escapedFields.isEmpty { return try body(bytes.span.extracting(fields[index])) }
        return try withEscapedField(index, body)
    }

    /// `withField` when some field read holds `""` (rare, so not inlined): `escapedFields` is
    /// in field order, so a binary search finds whether field `index` (of `fields`) is one.
    @usableFromInline
    func withEscapedField<Result, Failure: Error>(
        _ index: Int, _ body: (Span<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var low = 0, high = escapedFields.count
        while low < high {
            let middle = (low + high) / 2
            if escapedFields[middle].index < index { low = middle + 1 } else { high = middle }
        }
        if low < escapedFields.count, escapedFields[low].index == index {
            return try body(unescaped.span.extracting(escapedFields[low].range))
        }
        return try body(bytes.span.extracting(fields[index]))
    }

    /// Calls `body` with the bytes of field `column` of record `record` (counted from 0) of
    /// those the last `nextRecords` read, borrowed like `withField(_:_:)`.
    @inlinable
    public func withField<Result, Failure: Error>(
        record: Int, column: Int, _ body: (Span<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let index = record &* (expectedFieldCount ?? 0) &+ column
        if escapedFields.isEmpty { return try body(bytes.span.extracting(fields[index])) }
        return try withEscapedField(index, body)
    }

    /// The 1-based line on which record `record` of those the last `nextRecords` read starts.
    public func line(ofRecord record: Int) -> Int { recordLines[record] }

    /// The line and column (1-based, in bytes) where field `index` of the current record
    /// starts: its first byte, or its opening quote. For errors the caller finds in a field.
    public func location(ofField index: Int) -> (line: Int, column: Int) {
        location(of: rawStart(ofField: index))
    }

    /// Reads the next record.
    public mutating func nextRecord() throws(CSVError) -> Step {
        try readRecord(keepingEarlier: false)
    }

    /// Reads up to `limit` records at once and keeps all their fields, read with
    /// `withField(record:column:)` until the next call or `append`. `expectedFieldCount` must
    /// be set: every record has that many fields. Returns why it stopped (`.record` when it
    /// read `limit` records, else `.needsInput` or `.end`) and how many records it read, which
    /// may be fewer than `limit` (or none) when the buffer or the input ends first.
    public mutating func nextRecords(limit: Int) throws(CSVError) -> (step: Step, count: Int) {
        precondition(expectedFieldCount != nil, "CSVTokenizer: nextRecords needs expectedFieldCount")
        if let error = deferredError { throw error }
        fields.removeAll(keepingCapacity: true)
        fieldBase = 0
        escapedFields.removeAll(keepingCapacity: true)
        unescaped.removeAll(keepingCapacity: true)
        recordLines.removeAll(keepingCapacity: true)
        while recordLines.count < limit {
            let escapedBefore = escapedFields.count, unescapedBefore = unescaped.count
            let step: Step
            do {
                step = try readRecord(keepingEarlier: true)
            } catch {
                guard !recordLines.isEmpty else { throw error }
                // Hand out the records before the error; the failed one leaves nothing behind.
                deferredError = error
                fields.removeSubrange(fieldBase...)
                escapedFields.removeSubrange(escapedBefore...)
                unescaped.removeSubrange(unescapedBefore...)
                return (.record, recordLines.count)
            }
            guard step == .record else { return (step, recordLines.count) }
            recordLines.append(line)
        }
        return (.record, recordLines.count)
    }

    /// Reads the next record; with `keepingEarlier`, after the fields already read instead of
    /// in their place (and a record the buffer cuts off leaves nothing behind).
    private mutating func readRecord(keepingEarlier: Bool) throws(CSVError) -> Step {
        if !checkedByteOrderMark {
            guard bytes.count >= 3 || inputEnded else { return .needsInput }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            checkedByteOrderMark = true
        }
        guard let start = skipBlankLines() else { return .needsInput }
        guard start < bytes.count else {
            line = positionLine
            return .end
        }
        recordStart = start
        line = positionLine
        let escapedBefore = escapedFields.count, unescapedBefore = unescaped.count
        if keepingEarlier {
            fieldBase = fields.count
        } else {
            fieldBase = 0
            fields.removeAll(keepingCapacity: true)
            escapedFields.removeAll(keepingCapacity: true)
            unescaped.removeAll(keepingCapacity: true)
        }
        guard let (end, next, lines) = try scanRecord(from: start) else {
            if keepingEarlier {
                fields.removeSubrange(fieldBase...)
                escapedFields.removeSubrange(escapedBefore...)
                unescaped.removeSubrange(unescapedBefore...)
            }
            return .needsInput
        }
        let found = fields.count - fieldBase
        if let expected = expectedFieldCount, found != expected {
            let at = found > expected ? rawStart(ofField: expected) : end
            let (errorLine, column) = location(of: at)
            throw CSVError(.wrongFieldCount(expected: expected, found: found), line: errorLine, column: column)
        }
        position = next
        positionLine += lines
        return .record
    }

    // MARK: - Scanning

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                       lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Consumes empty lines at `position`; returns where the record starts (`bytes.count` at
    /// the end of the input), or nil when the buffer ends first and more input may follow.
    private mutating func skipBlankLines() -> Int? {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.lf {
                position += 1
            } else if byte == Self.cr {
                if position + 1 < bytes.count {
                    position += bytes[position + 1] == Self.lf ? 2 : 1
                } else if inputEnded {
                    position += 1
                } else {
                    return nil  // is the next byte an LF?
                }
            } else {
                return position
            }
            positionLine += 1
        }
        return inputEnded ? position : nil
    }

    /// Reads the fields of the record at `start` into `fields`. Returns where its content ends
    /// (before the line break), where the next record begins and the number of line breaks
    /// consumed; nil when the buffer ends first and more input may follow.
    private mutating func scanRecord(from start: Int) throws(CSVError) -> (end: Int, next: Int, lines: Int)? {
        let count = bytes.count
        var i = start
        var lines = 0
        while true {
            if i < count && bytes[i] == Self.quote {
                guard let (content, escapes, breaks) = try scanQuoted(from: i) else { return nil }
                if escapes { unescape(fieldIndex: fields.count, content) }
                fields.append(content)
                lines += breaks
                // scanQuoted saw the byte after the closing quote, or the end of the input.
                i = content.upperBound + 1
                if i < count {
                    let byte = bytes[i]
                    if byte != Self.comma && byte != Self.lf && byte != Self.cr {
                        let (line, column) = location(of: i)
                        throw CSVError(.textAfterClosingQuote, line: line, column: column)
                    }
                }
            } else {
                // Skip to the next of the four bytes that matter, eight bytes at a time: the
                // skip stops at every byte at or below `,` (the four are among them), and a
                // bit mask tells the four from the rest (a space, say) without a branch each.
                var j = i
                while true {
                    j = Self.firstByteAtOrBelowComma(bytes, from: j)
                    guard j < count, Self.specialBits >> UInt64(bytes[j]) & 1 == 0 else { break }
                    j += 1
                }
                if j < count && bytes[j] == Self.quote {
                    let (line, column) = location(of: j)
                    throw CSVError(.quoteInUnquotedField, line: line, column: column)
                }
                if j == count && !inputEnded { return nil }
                fields.append(i..<j)
                i = j
            }
            // At a comma, a line break or the end of the input.
            if i == count { return (i, i, lines) }
            let byte = bytes[i]
            if byte == Self.comma {
                i += 1
                continue
            }
            if byte == Self.lf { return (i, i + 1, lines + 1) }
            // CR: with the LF after it, or alone.
            if i + 1 < count { return (i, bytes[i + 1] == Self.lf ? i + 2 : i + 1, lines + 1) }
            if !inputEnded { return nil }
            return (i, i + 1, lines + 1)
        }
    }

    /// Bit `b` is set for the four bytes `b` that end or open a field: `,`, LF, CR and quote.
    private static let specialBits: UInt64 = 1 << UInt64(comma) | 1 << UInt64(lf) | 1 << UInt64(cr) | 1 << UInt64(quote)

    /// The offset of the first byte at or after `start` that is at or below `,` (the four
    /// bytes that matter are all below it, with a few that do not, such as space), or
    /// `bytes.count`. This loop is most of the tokenizer's time on large files, so it tests
    /// eight bytes at a time: a word is assembled from a borrowed eight-byte view (one bounds
    /// check; the loads combine), and `(word - 0x2D…) & ~word & 0x80…` flags bytes below 0x2D.
    /// A borrow comes only from a flagged byte and can flag bytes above it but never below, so
    /// the lowest flag (little-endian: the first byte) is exact. (Testing for exactly the four
    /// bytes measured slower: four times the work per word to skip the odd space.)
    @inline(__always)
    private static func firstByteAtOrBelowComma(_ bytes: [UInt8], from start: Int) -> Int {
        let view = bytes.span
        let count = view.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        var j = start
        while j + 8 <= count {
            let eight = view.extracting(j..<(j + 8))
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(eight[k]) << UInt64(8 * k) }
            let flags = (word &- ones &* UInt64(comma + 1)) & ~word & (ones &* 0x80)
            if flags != 0 { return j + flags.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < count, view[j] > comma { j += 1 }
        return j
    }

    /// The quoted field whose opening quote is at `open`: its content (inside the quotes),
    /// whether it holds `""`, and the line breaks inside it; nil when the buffer ends before
    /// the closing quote is certain and more input may follow.
    private func scanQuoted(from open: Int) throws(CSVError) -> (Range<Int>, Bool, Int)? {
        let count = bytes.count
        var j = open + 1
        var escapes = false
        var breaks = 0
        while j < count {
            let byte = bytes[j]
            if byte == Self.quote {
                if j + 1 < count {
                    guard bytes[j + 1] == Self.quote else { return (open + 1..<j, escapes, breaks) }
                    escapes = true
                    j += 2
                    continue
                }
                // The last byte of the buffer: a closing quote only if nothing follows.
                return inputEnded ? (open + 1..<j, escapes, breaks) : nil
            }
            if byte == Self.lf || (byte == Self.cr && (j + 1 == count || bytes[j + 1] != Self.lf)) { breaks += 1 }
            j += 1
        }
        guard inputEnded else { return nil }
        let (line, column) = location(of: open)
        throw CSVError(.unterminatedQuote, line: line, column: column)
    }

    /// Copies a quoted field's content into `unescaped`, each `""` as one quote.
    private mutating func unescape(fieldIndex: Int, _ content: Range<Int>) {
        let start = unescaped.count
        var i = content.lowerBound
        while i < content.upperBound {
            unescaped.append(bytes[i])
            i += bytes[i] == Self.quote ? 2 : 1
        }
        escapedFields.append((fieldIndex, start..<unescaped.count))
    }

    // MARK: - Positions, for errors

    /// Where field `index` starts in `bytes`: its opening quote when it is quoted. An
    /// unquoted field follows a comma or starts the record, so a quote before its content
    /// can only be its own.
    private func rawStart(ofField index: Int) -> Int {
        let content = fields[fieldBase + index].lowerBound
        return content > recordStart && bytes[content - 1] == Self.quote ? content - 1 : content
    }

    /// The line and column of `offset`, counted from the start of the current record.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = self.line, lineStart = recordStart
        var i = recordStart
        while i < offset {
            let byte = bytes[i]
            if byte == Self.lf || (byte == Self.cr && !(i + 1 < bytes.count && bytes[i + 1] == Self.lf)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }
}
