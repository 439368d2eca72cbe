// The writer's input for one column of one batch: the non-null values in row order, plus which
// rows hold a value. This mirrors how Parquet stores a flat column (values without nulls, and
// definition levels), so the writer never has to unpack optionals.
//
// The values are held as a `ColumnBuffer` (contiguous arrays; byte strings in one buffer plus
// offsets), which is what the encoders read. The `ColumnValues` initialisers and property are
// the boxed convenience form and convert once, at the boundary.

/// One column's rows for `ParquetWriter.write(batch:)`.
public struct ColumnBatch: Sendable, Equatable {
    /// The non-null values, in row order.
    public var buffer: ColumnBuffer
    /// One flag per row, true where the row has a value; nil when every row has one.
    public var validity: [Bool]?

    /// A column whose rows all hold a value (required columns, or optional ones without nulls).
    public init(buffer: ColumnBuffer) {
        self.buffer = buffer
        self.validity = nil
    }

    /// A column with nulls: `validity[row]` is true where `buffer` has the row's value.
    public init(buffer: ColumnBuffer, validity: [Bool]) {
        self.buffer = buffer
        self.validity = validity
    }

    /// A column whose rows all hold a value, from the boxed form.
    public init(_ values: ColumnValues) {
        self.init(buffer: ColumnBuffer(values))
    }

    /// A column with nulls, from the boxed form.
    public init(_ values: ColumnValues, validity: [Bool]) {
        self.init(buffer: ColumnBuffer(values), validity: validity)
    }

    /// The non-null values in the boxed form (converted on each access).
    public var values: ColumnValues {
        get { buffer.columnValues }
        set { buffer = ColumnBuffer(newValue) }
    }

    /// Number of rows, nulls included.
    public var rowCount: Int { validity?.count ?? buffer.count }

    /// Number of null rows.
    public var nullCount: Int { rowCount - buffer.count }

    /// Rows `range` of this column (a row group's share of a batch).
    func rows(_ range: Range<Int>) -> ColumnBatch {
        guard let validity else { return ColumnBatch(buffer: buffer.slice(range)) }
        let firstValue = validity[..<range.lowerBound].lazy.filter { $0 }.count
        let rowFlags = Array(validity[range])
        let valueCount = rowFlags.lazy.filter { $0 }.count
        return ColumnBatch(buffer: buffer.slice(firstValue..<(firstValue + valueCount)), validity: rowFlags)
    }
}
