// One column of a CSV being converted to Parquet: it parses each field's bytes into its
// declared type and collects values and validity until a row group is written. An empty
// field is null, except in a string column, where it is the empty string.

import Parquet

/// The values of one CSV column, collected for the next row group.
struct ParquetCSVColumn {
    let name: String
    let type: ParquetCSVColumnType
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var doubles: [Double] = []
    private var strings: [[UInt8]] = []
    private var validity: [Bool] = []
    private var hasNull = false

    init(name: String, type: ParquetCSVColumnType) {
        self.name = name
        self.type = type
    }

    /// Parses and appends one field; `line` is for the error message.
    mutating func append(_ bytes: [UInt8], line: Int, file: String) throws {
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
            if let v = Double(String(decoding: bytes, as: UTF8.self)) { doubles.append(v); parsed = true } else { parsed = false }
        case .date:
            if let d = ParquetCSVParsing.date(bytes[...]), let n = Int32(exactly: d) { int32s.append(n); parsed = true } else { parsed = false }
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
                                                  value: String(decoding: bytes.prefix(80), as: UTF8.self), type: type.name)
        }
        validity.append(true)
    }

    /// The collected values as a batch, and the column emptied for the next row group.
    mutating func takeBatch() -> ColumnBatch {
        let values: ColumnValues
        switch type {
        case .string: values = .byteArray(strings)
        case .int32, .date: values = .int32(int32s)
        case .int64, .timestampMillis: values = .int64(int64s)
        case .double: values = .double(doubles)
        case let .decimal(precision, _): values = precision <= 9 ? .int32(int32s) : .int64(int64s)
        }
        let batch = hasNull ? ColumnBatch(values, validity: validity) : ColumnBatch(values)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        strings.removeAll(keepingCapacity: true)
        validity.removeAll(keepingCapacity: true)
        hasNull = false
        return batch
    }
}
