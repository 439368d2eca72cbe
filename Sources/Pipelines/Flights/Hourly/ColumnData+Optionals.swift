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

    /// The values of the selected rows (all rows when `selection` is nil), nil where a row has
    /// none; nil overall when the levels and values disagree.
    private func spread<T>(_ values: [T], rows: Int, selection: [Int]?) -> [T?]? {
        let present = presence(rows: rows)
        guard present.lazy.filter({ $0 }).count == values.count else { return nil }
        var result: [T?] = []
        result.reserveCapacity(selection?.count ?? rows)
        var next = 0
        if let selection {
            var cursor = 0
            for row in selection where row < rows {
                while cursor < row { if present[cursor] { next += 1 }; cursor += 1 }
                result.append(present[row] ? values[next] : nil)
            }
            return result
        }
        for flag in present {
            if flag { result.append(values[next]); next += 1 } else { result.append(nil) }
        }
        return result
    }

    /// Strings of the selected rows (ascending row numbers; nil means every row).
    func optionalStrings(rows: Int, selection: [Int]? = nil) -> [String?]? {
        guard case .byteArray(let v) = values else { return nil }
        return spread(v, rows: rows, selection: selection)?.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    func optionalDoubles(rows: Int, selection: [Int]? = nil) -> [Double?]? {
        guard case .double(let v) = values else { return nil }
        return spread(v, rows: rows, selection: selection)
    }

    func optionalInt64s(rows: Int, selection: [Int]? = nil) -> [Int64?]? {
        guard case .int64(let v) = values else { return nil }
        return spread(v, rows: rows, selection: selection)
    }

    func optionalInt32s(rows: Int, selection: [Int]? = nil) -> [Int32?]? {
        guard case .int32(let v) = values else { return nil }
        return spread(v, rows: rows, selection: selection)
    }

    func booleans(rows: Int, selection: [Int]? = nil) -> [Bool]? {
        guard case .boolean(let v) = values, v.count == rows else { return nil }
        guard let selection else { return v }
        return selection.filter { $0 < rows }.map { v[$0] }
    }
}
