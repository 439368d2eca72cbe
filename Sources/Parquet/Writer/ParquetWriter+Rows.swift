// The row convenience on top of the columnar API: rows of `ParquetValue`s (the same values the
// reader returns) are turned into one `ColumnBatch` per column and written as one batch. Each
// value must match its column: DATE columns take `.date`, DECIMAL columns `.decimal` text,
// TIMESTAMP columns `.timestamp` in the column's unit, STRING columns `.string`, and so on.

extension ParquetWriter {
    /// Writes `rows`, each holding one value per column in schema order (`.null` for nulls).
    /// - Returns: the metadata of the row groups written.
    /// - Throws: `ParquetError.invalidWriterUse` naming the row and column of a value that does
    ///   not fit its column.
    @discardableResult
    public func write(rows: [[ParquetValue]]) throws(ParquetError) -> [RowGroup] {
        for (index, row) in rows.enumerated() where row.count != schema.columns.count {
            throw ParquetError.invalidWriterUse(
                reason: "row \(index) has \(row.count) values, the schema has \(schema.columns.count) columns")
        }
        let batch = try schema.columns.indices.map { (column: Int) throws(ParquetError) -> ColumnBatch in
            try RowColumnConverter(column: schema.columns[column]).batch(rows.map { $0[column] })
        }
        return try write(batch: batch)
    }
}

/// Converts one column's `ParquetValue`s to the physical values the column stores.
struct RowColumnConverter {
    let column: ColumnDescriptor

    func batch(_ values: [ParquetValue]) throws(ParquetError) -> ColumnBatch {
        let field = column.field
        let scale = Int(field.scale ?? 0)
        switch column.physicalType {
        case .boolean:
            return try collect(values) { if case let .bool(flag) = $0 { return flag } else { return nil } }.map { .boolean($0) }
        case .int32:
            return try collect(values) { value -> Int32? in
                switch value {
                case let .int32(number): return number
                case let .int64(number): return Int32(exactly: number)
                case let .uint64(number): return UInt32(exactly: number).map { Int32(bitPattern: $0) }
                case let .date(days): return days
                case let .time(amount, .millis): return Int32(exactly: amount)
                case let .decimal(text): return DecimalEncoding.integer(text, scale: scale, width: 4).flatMap { Int32(exactly: $0) }
                default: return nil
                }
            }.map { .int32($0) }
        case .int64:
            return try collect(values) { value -> Int64? in
                switch value {
                case let .int64(number): return number
                case let .int32(number): return Int64(number)
                case let .uint64(number): return Int64(bitPattern: number)
                case let .timestamp(amount, unit, _): return unit == timestampUnit ? amount : nil
                case let .time(amount, unit): return unit == .millis ? nil : amount
                case let .decimal(text): return DecimalEncoding.integer(text, scale: scale, width: 8)
                default: return nil
                }
            }.map { .int64($0) }
        case .float:
            return try collect(values) { if case let .float(number) = $0 { return number } else { return nil } }.map { .float($0) }
        case .double:
            return try collect(values) { value -> Double? in
                switch value {
                case let .double(number): return number
                case let .float(number): return Double(number)
                default: return nil
                }
            }.map { .double($0) }
        case .byteArray:
            return try collect(values) { value -> [UInt8]? in
                switch value {
                case let .string(text): return Array(text.utf8)
                case let .bytes(bytes): return bytes
                default: return nil
                }
            }.map { .byteArray($0) }
        case .fixedLenByteArray:
            let width = Int(field.typeLength ?? 0)
            return try collect(values) { value -> [UInt8]? in
                switch value {
                case let .bytes(bytes): return bytes
                case let .decimal(text): return DecimalEncoding.bigEndian(text, scale: scale, width: width)
                default: return nil
                }
            }.map { .fixedLenByteArray($0) }
        case .int96:
            throw ParquetError.invalidWriterUse(reason: "column '\(column.dottedPath)' is INT96, which rows cannot write")
        }
    }

    private var timestampUnit: TimeUnit? {
        if case let .timestamp(_, unit)? = column.field.logicalType { return unit }
        return nil
    }

    /// Non-null values converted by `convert`, and the validity of every row.
    private func collect<Value>(_ values: [ParquetValue], _ convert: (ParquetValue) -> Value?) throws(ParquetError) -> Collected<Value> {
        var converted: [Value] = []
        var validity: [Bool] = []
        converted.reserveCapacity(values.count)
        for (row, value) in values.enumerated() {
            if case .null = value {
                validity.append(false)
                continue
            }
            guard let physical = convert(value) else {
                throw ParquetError.invalidWriterUse(
                    reason: "row \(row): \(value) does not fit column '\(column.dottedPath)' (\(column.physicalType))")
            }
            converted.append(physical)
            validity.append(true)
        }
        return Collected(values: converted, validity: validity)
    }

    private struct Collected<Value> {
        var values: [Value]
        var validity: [Bool]

        func map(_ wrap: ([Value]) -> ColumnValues) -> ColumnBatch {
            validity.allSatisfy { $0 } ? ColumnBatch(wrap(values)) : ColumnBatch(wrap(values), validity: validity)
        }
    }
}
