// One column of a CSV being converted to Parquet: it parses each field's bytes into its
// declared type and appends the value straight into the column buffer the writer encodes from
// (numbers into one contiguous array, strings' bytes into one `ByteArrayBuffer`), so no value
// becomes an array or a String of its own. An empty field is null, except in a string column,
// where it is the empty string.

import Parquet

/// The values of one CSV column, collected for the next row group.
struct ParquetCSVColumn {
    let name: String
    let type: ParquetCSVColumnType
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var doubles: [Double] = []
    private var strings = ByteArrayBuffer()
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
            validity.append(false)
            hasNull = true
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
        validity.append(true)
    }

    /// The collected values as a batch, handed over without copying; the column starts the
    /// next row group with fresh buffers reserved at this group's sizes, so they do not regrow.
    mutating func takeBatch() -> ColumnBatch {
        let buffer: ColumnBuffer
        switch type {
        case .string: buffer = .byteArray(strings)
        case .int32, .date: buffer = .int32(int32s)
        case .int64, .timestampMillis: buffer = .int64(int64s)
        case .double: buffer = .double(doubles)
        case let .decimal(precision, _): buffer = precision <= 9 ? .int32(int32s) : .int64(int64s)
        }
        let batch = hasNull ? ColumnBatch(buffer: buffer, validity: validity) : ColumnBatch(buffer: buffer)
        let rows = validity.count
        switch buffer {
        case .int32: int32s = []; int32s.reserveCapacity(rows)
        case .int64: int64s = []; int64s.reserveCapacity(rows)
        case .double: doubles = []; doubles.reserveCapacity(rows)
        case .byteArray:
            let bytes = strings.values.count
            strings = ByteArrayBuffer()
            strings.reserveCapacity(count: rows, bytes: bytes)
        default: break
        }
        validity.removeAll(keepingCapacity: true)
        hasNull = false
        return batch
    }
}
