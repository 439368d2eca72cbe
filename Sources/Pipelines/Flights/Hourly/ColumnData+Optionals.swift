// Typed columns read back as one optional per row: the hourly files are flat (definition level
// 0 or 1), so a row holds a value exactly where its level is the column's maximum. Reading
// columns this way avoids assembling a row of `ParquetValue`s per observation.

import Parquet

extension ColumnData {
    /// One flag per row: true where the row has a value.
    private func presence(rows: Int) -> [Bool] {
        guard descriptor.maxDefinitionLevel > 0, definitionLevels.count == rows else { return Array(repeating: true, count: rows) }
        let full = Int16(descriptor.maxDefinitionLevel)
        return definitionLevels.map { $0 == full }
    }

    private func spread<T>(_ values: [T], rows: Int) -> [T?]? {
        let present = presence(rows: rows)
        guard present.lazy.filter({ $0 }).count == values.count else { return nil }
        var result: [T?] = []
        result.reserveCapacity(rows)
        var next = 0
        for flag in present {
            if flag { result.append(values[next]); next += 1 } else { result.append(nil) }
        }
        return result
    }

    func optionalStrings(rows: Int) -> [String?]? {
        guard case .byteArray(let v) = values else { return nil }
        return spread(v, rows: rows)?.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    func optionalDoubles(rows: Int) -> [Double?]? {
        guard case .double(let v) = values else { return nil }
        return spread(v, rows: rows)
    }

    func optionalInt64s(rows: Int) -> [Int64?]? {
        guard case .int64(let v) = values else { return nil }
        return spread(v, rows: rows)
    }

    func optionalInt32s(rows: Int) -> [Int32?]? {
        guard case .int32(let v) = values else { return nil }
        return spread(v, rows: rows)
    }

    func booleans(rows: Int) -> [Bool]? {
        guard case .boolean(let v) = values, v.count == rows else { return nil }
        return v
    }
}
