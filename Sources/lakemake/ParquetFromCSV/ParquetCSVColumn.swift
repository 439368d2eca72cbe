// One column of a CSV being converted to Parquet: it parses each field's bytes into its
// declared type and appends the value straight into the column buffer the writer encodes from
// (numbers into one contiguous array, strings' bytes into one `ByteArrayBuffer`), so no value
// becomes an array or a String of its own. An empty field is null, except in a string column,
// where it is the empty string.
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
    /// Rows appended to this group.
    private var rows = 0
    /// One flag per row, true where it holds a value; kept only once the group has a null
    /// (filled in for the rows before it then), so columns without nulls skip it per field.
    private var validity: [Bool] = []
    private var hasNull = false

    init(name: String, type: ParquetCSVColumnType) {
        self.name = name
        self.type = type
    }

    /// Parses and appends one field, borrowed from the reader's buffer; `line` is for the
    /// error message.
    mutating func append(_ bytes: Span<UInt8>, line: Int, file: String) throws {
        if bytes.isEmpty && type != .string {
            if !hasNull {
                validity = Array(repeating: true, count: rows)
                hasNull = true
            }
            validity.append(false)
            rows += 1
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
        guard parsed else {
            throw ParquetCommandError.badCSVValue(file: file, line: line, column: name,
                                                  value: ParquetCSVParsing.text(bytes, limit: 80), type: type.name)
        }
        if hasNull { validity.append(true) }
        rows += 1
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
        return hasNull ? ColumnBatch(buffer: buffer, validity: validity) : ColumnBatch(buffer: buffer)
    }

    /// Empties the column for the next row group, keeping its buffers' memory. Called once
    /// the writer has let go of `batch`, so the storage is not shared and is reused in place.
    mutating func startNextGroup() {
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        strings.removeAll(keepingCapacity: true)
        validity.removeAll(keepingCapacity: true)
        rows = 0
        hasNull = false
    }
}
