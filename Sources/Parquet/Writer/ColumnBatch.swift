// The writer's input for one column of one batch: the non-null values in row order, plus which
// rows hold a value. This mirrors how Parquet stores a flat column (values without nulls, and
// definition levels), so the writer never has to unpack optionals.

/// One column's rows for `ParquetWriter.write(batch:)`.
public struct ColumnBatch: Sendable, Equatable {
    /// The non-null values, in row order.
    public var values: ColumnValues
    /// One flag per row, true where the row has a value; nil when every row has one.
    public var validity: [Bool]?

    /// A column whose rows all hold a value (required columns, or optional ones without nulls).
    public init(_ values: ColumnValues) {
        self.values = values
        self.validity = nil
    }

    /// A column with nulls: `validity[row]` is true where `values` has the row's value.
    public init(_ values: ColumnValues, validity: [Bool]) {
        self.values = values
        self.validity = validity
    }

    /// Number of rows, nulls included.
    public var rowCount: Int { validity?.count ?? values.count }

    /// Number of null rows.
    public var nullCount: Int { rowCount - values.count }

    /// Rows `range` of this column (a row group's share of a batch).
    func rows(_ range: Range<Int>) -> ColumnBatch {
        guard let validity else { return ColumnBatch(values.slice(range)) }
        let firstValue = validity[..<range.lowerBound].lazy.filter { $0 }.count
        let rowFlags = Array(validity[range])
        let valueCount = rowFlags.lazy.filter { $0 }.count
        return ColumnBatch(values.slice(firstValue..<(firstValue + valueCount)), validity: rowFlags)
    }
}
