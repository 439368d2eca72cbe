// The row-oriented view: row groups are read column by column, then assembled into rows of
// ParquetValue with one entry per selected top-level field.

extension ParquetFileReader {
    /// Top-level fields selected by `names` (nil = all), in schema order.
    public func topLevelFields(_ names: [String]?) throws(ParquetError) -> [ParquetField] {
        guard let names else { return schema.fields }
        for name in names where !schema.fields.contains(where: { $0.name == name }) {
            throw ParquetError.columnNotFound(name)
        }
        return schema.fields.filter { names.contains($0.name) }
    }

    /// The rows of one row group, each holding the selected top-level fields' values in schema order.
    public func rows(rowGroup index: Int, columns names: [String]? = nil) throws(ParquetError) -> [[ParquetValue]] {
        let fields = try topLevelFields(names)
        let selected = Set(fields.map(\.name))
        let leafIndices = schema.columns.indices.filter { index in
            schema.columns[index].path.first.map(selected.contains) ?? false
        }
        let columns = try readColumns(rowGroup: index, columnIndices: leafIndices, keepDictionary: true)
        var assembler = try RecordAssembler(fields: fields, columns: columns)
        guard let count = Int(exactly: metadata.rowGroups[index].numRows) else {
            throw ParquetError.invalidMetadata(reason: "row group \(index) row count does not fit in memory")
        }
        return try assembler.assembleRows(count)
    }

    /// An iterator over all rows of the file, reading one row group at a time.
    public func makeRowIterator(columns names: [String]? = nil) -> ParquetRowIterator {
        ParquetRowIterator(reader: self, columns: names)
    }
}

/// Walks the rows of a file in order; memory holds one row group at a time.
public struct ParquetRowIterator {
    private let reader: ParquetFileReader
    private let columns: [String]?
    private var nextRowGroup = 0
    private var buffered: [[ParquetValue]] = []
    private var bufferedPosition = 0

    init(reader: ParquetFileReader, columns: [String]?) {
        self.reader = reader
        self.columns = columns
    }

    /// The next row, or nil after the last one.
    public mutating func next() throws(ParquetError) -> [ParquetValue]? {
        while bufferedPosition >= buffered.count {
            guard nextRowGroup < reader.rowGroups.count else { return nil }
            buffered = try reader.rows(rowGroup: nextRowGroup, columns: columns)
            bufferedPosition = 0
            nextRowGroup += 1
        }
        defer { bufferedPosition += 1 }
        return buffered[bufferedPosition]
    }
}
