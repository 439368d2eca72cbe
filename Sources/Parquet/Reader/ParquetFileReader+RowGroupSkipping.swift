// Row-group skipping by chunk statistics. `min_value`/`max_value` are ordered by the column's
// type-defined order and used when present; the deprecated `min`/`max` were written with signed
// comparison, so they are used only for signed-order columns (or when min == max, where order
// does not matter). Anything missing, undecodable or of an unknown order keeps the row group:
// skipping is an optimisation and must never drop matching rows.

extension ParquetFileReader {
    /// Indices of the row groups that may contain rows matching `predicate`, in file order.
    public func rowGroups(matching predicate: ColumnPredicate) throws(ParquetError) -> [Int] {
        guard let column = schema.columnIndex(named: predicate.column) else {
            throw ParquetError.columnNotFound(predicate.column)
        }
        let descriptor = schema.columns[column]
        let order = metadata.columnOrders.flatMap { column < $0.count ? $0[column] : nil }
        return rowGroups.indices.filter { index in
            guard let meta = rowGroups[index].columns[column].metaData, let statistics = meta.statistics else { return true }
            return Self.mayMatch(predicate, statistics: statistics, numValues: meta.numValues, descriptor: descriptor, order: order)
        }
    }

    static func mayMatch(
        _ predicate: ColumnPredicate, statistics: Statistics, numValues: Int64,
        descriptor: ColumnDescriptor, order: ColumnOrder?
    ) -> Bool {
        let bounds = statisticBounds(statistics, descriptor: descriptor, order: order)
        guard let (minimum, maximum) = bounds else {
            // No usable min/max; a chunk made only of nulls still cannot match a range.
            if let nulls = statistics.nullCount, numValues > 0, nulls == numValues,
               statistics.minValue == nil, statistics.min == nil { return false }
            return true
        }
        if let low = predicate.lowerBound.flatMap({ key(for: $0, descriptor: descriptor) }),
           let comparison = maximum.compare(to: low), comparison < 0 {
            return false
        }
        if let high = predicate.upperBound.flatMap({ key(for: $0, descriptor: descriptor) }),
           let comparison = minimum.compare(to: high), comparison > 0 {
            return false
        }
        return true
    }

    /// The chunk's (min, max) as keys, or nil when the statistics cannot be trusted or decoded.
    private static func statisticBounds(
        _ statistics: Statistics, descriptor: ColumnDescriptor, order: ColumnOrder?
    ) -> (StatisticKey, StatisticKey)? {
        if case .unrecognized? = order { return nil }
        if let low = statistics.minValue, let high = statistics.maxValue,
           let minimum = decode(low, descriptor: descriptor), let maximum = decode(high, descriptor: descriptor) {
            return (minimum, maximum)
        }
        guard let low = statistics.min, let high = statistics.max else { return nil }
        guard isSignedOrder(descriptor) || low == high else { return nil }
        guard let minimum = decode(low, descriptor: descriptor), let maximum = decode(high, descriptor: descriptor) else {
            return nil
        }
        return (minimum, maximum)
    }

    private static func isUnsigned(_ field: ParquetField) -> Bool {
        if case .integer(_, false)? = field.logicalType { return true }
        switch field.convertedType {
        case .uint8?, .uint16?, .uint32?, .uint64?: return true
        default: return false
        }
    }

    private static func isDecimal(_ field: ParquetField) -> Bool {
        if case .decimal? = field.logicalType { return true }
        return field.convertedType == .decimal
    }

    private static func isSignedOrder(_ descriptor: ColumnDescriptor) -> Bool {
        switch descriptor.physicalType {
        case .int32, .int64, .float, .double: return !isUnsigned(descriptor.field)
        default: return false
        }
    }

    /// A PLAIN-encoded statistics value in the column's comparison domain.
    private static func decode(_ bytes: [UInt8], descriptor: ColumnDescriptor) -> StatisticKey? {
        var reader = ByteReader(bytes)
        let field = descriptor.field
        switch descriptor.physicalType {
        case .int32:
            guard bytes.count == 4, let value = try? reader.readInt32LE() else { return nil }
            return isUnsigned(field) ? .unsigned(UInt64(UInt32(bitPattern: value))) : .signed(Int64(value))
        case .int64:
            guard bytes.count == 8, let value = try? reader.readInt64LE() else { return nil }
            return isUnsigned(field) ? .unsigned(UInt64(bitPattern: value)) : .signed(value)
        case .float:
            guard bytes.count == 4, let value = try? reader.readFloatLE(), !value.isNaN else { return nil }
            return .floating(Double(value))
        case .double:
            guard bytes.count == 8, let value = try? reader.readDoubleLE(), !value.isNaN else { return nil }
            return .floating(value)
        case .byteArray, .fixedLenByteArray:
            return isDecimal(field) ? nil : .bytes(bytes)
        case .boolean, .int96:
            return nil
        }
    }

    /// A predicate bound in the column's comparison domain, or nil when it does not apply.
    private static func key(for value: ParquetValue, descriptor: ColumnDescriptor) -> StatisticKey? {
        if isDecimal(descriptor.field) { return nil }
        switch descriptor.physicalType {
        case .int32, .int64:
            let unsigned = isUnsigned(descriptor.field)
            switch value {
            case let .int32(number): return integerKey(Int64(number), unsigned: unsigned)
            case let .int64(number), let .time(number, _), let .timestamp(number, _, _):
                return integerKey(number, unsigned: unsigned)
            case let .date(days): return integerKey(Int64(days), unsigned: unsigned)
            case let .uint64(number):
                if unsigned { return .unsigned(number) }
                return Int64(exactly: number).map { .signed($0) }
            default: return nil
            }
        case .float, .double:
            switch value {
            case let .float(number): return .floating(Double(number))
            case let .double(number): return .floating(number)
            case let .int32(number): return .floating(Double(number))
            case let .int64(number): return .floating(Double(number))
            default: return nil
            }
        case .byteArray, .fixedLenByteArray:
            switch value {
            case let .string(text): return .bytes(Array(text.utf8))
            case let .bytes(bytes): return .bytes(bytes)
            default: return nil
            }
        case .boolean, .int96:
            return nil
        }
    }

    private static func integerKey(_ number: Int64, unsigned: Bool) -> StatisticKey? {
        guard unsigned else { return .signed(number) }
        return number >= 0 ? .unsigned(UInt64(number)) : nil
    }
}
