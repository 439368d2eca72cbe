// One column of a CSV being converted to Parquet: it parses each field's bytes into its
// declared type and appends the value straight into the column buffer the writer encodes from
// (numbers into one contiguous array, strings' bytes into one `ByteArrayBuffer`), so no value
// becomes an array or a String of its own. An empty field is null, except in a string column,
// where it is the empty string.
//
// Fields arrive a block of records at a time (`append(_:column:count:file:)`): one loop per
// column and type over the block, so the type is looked at once per block rather than once per
// field, and the loop appends to one array with nothing else in between. `append(_:line:file:)`
// takes a single field, for finding the first bad value of a block in row order.
//
// The buffers outlive row groups: the writer borrows them for a group (`batch` shares their
// storage), and once it is done `startNextGroup()` empties them in place, so every group after
// the first fills memory that is already allocated and mapped instead of faulting in fresh pages.

import Parquet

/// The values of one CSV column, collected for the next row group.
struct ParquetCSVColumn {
    let name: String
    let type: ParquetCSVColumnType
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var doubles: [Double] = []
    private var strings = ByteArrayBuffer()
    private var validity = Validity()

    init(name: String, type: ParquetCSVColumnType) {
        self.name = name
        self.type = type
    }

    /// Which rows of the group hold a value.
    private struct Validity {
        /// Rows appended to this group.
        var rows = 0
        /// One flag per row, true where it holds a value; kept only once the group has a null
        /// (filled in for the rows before it then), so columns without nulls skip it per field.
        var flags: [Bool] = []
        var hasNull = false

        @inline(__always)
        mutating func appendValue() {
            if hasNull { flags.append(true) }
            rows += 1
        }

        mutating func appendNull() {
            if !hasNull {
                flags = Array(repeating: true, count: rows)
                hasNull = true
            }
            flags.append(false)
            rows += 1
        }

        mutating func removeAll() {
            flags.removeAll(keepingCapacity: true)
            rows = 0
            hasNull = false
        }
    }

    /// Parses and appends field `column` of the `count` records of `records`' last block.
    /// - Throws: `badCSVValue` for a field that is not a value of the column's type (the values
    ///   before it in the block are appended, the rest are not).
    mutating func append(_ records: ParquetCSVRecords, column: Int, count: Int, file: String) throws {
        let bad: Int?
        switch type {
        case .string:
            for record in 0..<count {
                records.withField(record: record, column: column) { strings.append($0) }
                validity.appendValue()
            }
            bad = nil
        case .int32:
            bad = Self.fill(&int32s, &validity, records, column, count) { ParquetCSVParsing.integer($0).flatMap { Int32(exactly: $0) } }
        case .int64:
            bad = Self.fill(&int64s, &validity, records, column, count) { ParquetCSVParsing.integer($0) }
        case .double:
            bad = Self.fill(&doubles, &validity, records, column, count) { ParquetCSVParsing.double($0) }
        case .date:
            bad = Self.fill(&int32s, &validity, records, column, count) { ParquetCSVParsing.date($0).flatMap { Int32(exactly: $0) } }
        case .timestampMillis:
            bad = Self.fill(&int64s, &validity, records, column, count) { ParquetCSVParsing.timestampMillis($0) }
        case let .decimal(precision, scale) where precision <= 9:
            bad = Self.fill(&int32s, &validity, records, column, count) {
                ParquetCSVParsing.decimal($0, precision: precision, scale: scale).map { Int32(truncatingIfNeeded: $0) }
            }
        case let .decimal(precision, scale):
            bad = Self.fill(&int64s, &validity, records, column, count) {
                ParquetCSVParsing.decimal($0, precision: precision, scale: scale)
            }
        }
        if let bad {
            throw records.withField(record: bad, column: column) { bytes in
                badValue(bytes, line: records.line(ofRecord: bad), file: file)
            }
        }
    }

    /// Appends the parsed field `column` of records `0..<count` to `values` (an empty field as
    /// a null); returns the first record whose field `parse` rejects, nil when there is none.
    @inline(__always)
    private static func fill<Value>(
        _ values: inout [Value], _ validity: inout Validity, _ records: ParquetCSVRecords, _ column: Int, _ count: Int,
        parse: (Span<UInt8>) -> Value?
    ) -> Int? {
        for record in 0..<count {
            let parsed = records.withField(record: record, column: column) { bytes -> Bool in
                if bytes.isEmpty {
                    validity.appendNull()
                    return true
                }
                guard let value = parse(bytes) else { return false }
                values.append(value)
                validity.appendValue()
                return true
            }
            if !parsed { return record }
        }
        return nil
    }

    /// The bytes of this column's strings so far (0 for numbers).
    var stringBytes: Int { strings.values.count }

    /// Makes room for `rows` rows at the size per row of the `blockRows` rows appended so far
    /// (and an eighth more for strings), so that filling the first row group does not grow
    /// its buffers by doubling: each doubling copies everything so far into fresh memory,
    /// which the kernel must fault in. Only the capacity changes, never the values.
    mutating func reserve(rows: Int, blockRows: Int) {
        switch type {
        case .string:
            let perRow = (strings.values.count + blockRows - 1) / max(1, blockRows)
            strings.reserveCapacity(count: rows, bytes: rows * perRow + rows * perRow / 8)
        case .int32, .date: int32s.reserveCapacity(rows)
        case .int64, .timestampMillis: int64s.reserveCapacity(rows)
        case .double: doubles.reserveCapacity(rows)
        case let .decimal(precision, _):
            if precision <= 9 { int32s.reserveCapacity(rows) } else { int64s.reserveCapacity(rows) }
        }
    }

    /// Parses and appends one field, borrowed from the reader's buffer; `line` is for the
    /// error message.
    mutating func append(_ bytes: Span<UInt8>, line: Int, file: String) throws {
        if bytes.isEmpty && type != .string {
            validity.appendNull()
            return
        }
        let parsed: Bool
        switch type {
        case .string: strings.append(bytes); parsed = true
        case .int32:
            if let v = ParquetCSVParsing.integer(bytes), let n = Int32(exactly: v) { int32s.append(n); parsed = true } else { parsed = false }
        case .int64:
            if let v = ParquetCSVParsing.integer(bytes) { int64s.append(v); parsed = true } else { parsed = false }
        case .double:
            if let v = ParquetCSVParsing.double(bytes) { doubles.append(v); parsed = true } else { parsed = false }
        case .date:
            if let d = ParquetCSVParsing.date(bytes), let n = Int32(exactly: d) { int32s.append(n); parsed = true } else { parsed = false }
        case .timestampMillis:
            if let t = ParquetCSVParsing.timestampMillis(bytes) { int64s.append(t); parsed = true } else { parsed = false }
        case let .decimal(precision, scale):
            if let v = ParquetCSVParsing.decimal(bytes, precision: precision, scale: scale) {
                if precision <= 9 { int32s.append(Int32(truncatingIfNeeded: v)) } else { int64s.append(v) }
                parsed = true
            } else { parsed = false }
        }
        guard parsed else { throw badValue(bytes, line: line, file: file) }
        validity.appendValue()
    }

    /// The error for a field that is not a value of this column's type.
    private func badValue(_ bytes: Span<UInt8>, line: Int, file: String) -> ParquetCommandError {
        .badCSVValue(file: file, line: line, column: name, value: ParquetCSVParsing.text(bytes, limit: 80), type: type.name)
    }

    /// The collected values as a batch for the writer, sharing this column's storage.
    var batch: ColumnBatch {
        let buffer: ColumnBuffer
        switch type {
        case .string: buffer = .byteArray(strings)
        case .int32, .date: buffer = .int32(int32s)
        case .int64, .timestampMillis: buffer = .int64(int64s)
        case .double: buffer = .double(doubles)
        case let .decimal(precision, _): buffer = precision <= 9 ? .int32(int32s) : .int64(int64s)
        }
        return validity.hasNull ? ColumnBatch(buffer: buffer, validity: validity.flags) : ColumnBatch(buffer: buffer)
    }

    /// Empties the column for the next row group, keeping its buffers' memory. Called once
    /// the writer has let go of `batch`, so the storage is not shared and is reused in place.
    mutating func startNextGroup() {
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        strings.removeAll(keepingCapacity: true)
        validity.removeAll()
    }
}
