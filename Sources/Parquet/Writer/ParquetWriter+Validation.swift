// Checks that turn writer misuse into `ParquetError.invalidWriterUse` before any byte of a row
// group is written, so a rejected batch leaves the file consistent.

extension ParquetWriter {
    static func validate(schema: ParquetSchema, options: ParquetWriterOptions) throws(ParquetError) {
        for column in schema.columns {
            guard column.path.count == 1, column.maxRepetitionLevel == 0 else {
                throw ParquetError.invalidWriterUse(
                    reason: "column '\(column.dottedPath)' is nested; the writer supports flat schemas only")
            }
            if column.physicalType == .fixedLenByteArray, (column.field.typeLength ?? 0) <= 0 {
                throw ParquetError.invalidWriterUse(
                    reason: "FIXED_LEN_BYTE_ARRAY column '\(column.dottedPath)' needs a positive type length")
            }
            let codec = ColumnSettings(options: options, column: column).codec
            guard PageCompression.supportedCodecs.contains(codec) else {
                throw ParquetError.unsupportedCodec(codec.description)
            }
        }
        for key in options.columnOverrides.keys.sorted() where schema.columnIndex(named: key) == nil {
            throw ParquetError.columnNotFound(key)
        }
    }

    /// Validates a batch against the schema and returns its row count.
    func validate(batch: [ColumnBatch]) throws(ParquetError) -> Int {
        guard batch.count == schema.columns.count else {
            throw ParquetError.invalidWriterUse(
                reason: "batch has \(batch.count) columns, the schema has \(schema.columns.count)")
        }
        let rows = batch.first?.rowCount ?? 0
        for (column, columnBatch) in zip(schema.columns, batch) {
            let name = column.dottedPath
            guard columnBatch.buffer.physicalType == column.physicalType else {
                throw ParquetError.invalidWriterUse(
                    reason: "column '\(name)' is \(column.physicalType) but got \(columnBatch.buffer.physicalType) values")
            }
            guard columnBatch.rowCount == rows else {
                throw ParquetError.invalidWriterUse(
                    reason: "column '\(name)' has \(columnBatch.rowCount) rows, the first column has \(rows)")
            }
            if let validity = columnBatch.validity {
                let present = validity.lazy.filter { $0 }.count
                guard present == columnBatch.buffer.count else {
                    throw ParquetError.invalidWriterUse(
                        reason: "column '\(name)' marks \(present) rows valid but has \(columnBatch.buffer.count) values")
                }
                if column.field.repetition == .required, present != validity.count {
                    throw ParquetError.invalidWriterUse(reason: "required column '\(name)' has null rows")
                }
            }
            try validateValueSizes(columnBatch.buffer, column: column)
        }
        return rows
    }

    private func validateValueSizes(_ values: ColumnBuffer, column: ColumnDescriptor) throws(ParquetError) {
        switch values {
        case let .fixedLenByteArray(arrays):
            let width = Int(column.field.typeLength ?? 0)
            if let bad = (0..<arrays.count).first(where: { arrays.length(at: $0) != width }) {
                throw ParquetError.invalidWriterUse(
                    reason: "column '\(column.dottedPath)' holds a \(arrays.length(at: bad))-byte value, its width is \(width)")
            }
        case let .byteArray(arrays):
            if (0..<arrays.count).contains(where: { arrays.length(at: $0) > Int(Int32.max) }) {
                throw ParquetError.invalidWriterUse(reason: "column '\(column.dottedPath)' holds a value above 2 GiB")
            }
        default:
            break
        }
    }
}
