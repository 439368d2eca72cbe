/// A horizontal slice of the table: one column chunk per leaf, in schema order (`RowGroup`).
/// `totalByteSize` is the uncompressed size; `ordinal` is an i16 on the wire.
public struct RowGroup: Sendable, Equatable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

extension RowGroup: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var columns: [ColumnChunk]?, numRows: Int64?
        var group = RowGroup(columns: [], totalByteSize: 0, numRows: 0)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list): columns = try reader.readStructList(ColumnChunk.self)
            case (2, .i64): group.totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): group.sortingColumns = try reader.readStructList(SortingColumn.self)
            case (5, .i64): group.fileOffset = try reader.readI64()
            case (6, .i64): group.totalCompressedSize = try reader.readI64()
            case (7, .i16): group.ordinal = try reader.readI16()
            default: try reader.skip(field)
            }
        }
        group.columns = try columns.required("RowGroup", "columns")
        group.numRows = try numRows.required("RowGroup", "num_rows")
        self = group
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, structList: columns)
        writer.writeField(2, i64: totalByteSize)
        writer.writeField(3, i64: numRows)
        writer.writeField(4, structList: sortingColumns)
        writer.writeField(5, i64: fileOffset)
        writer.writeField(6, i64: totalCompressedSize)
        writer.writeField(7, i16: ordinal)
        writer.endStruct()
    }
}

/// A column the rows of a row group are sorted by (`SortingColumn`).
public struct SortingColumn: Sendable, Equatable {
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var index: Int32?, descending = false, nullsFirst = false
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): index = try reader.readI32()
            case (2, .bool): descending = field.boolValue
            case (3, .bool): nullsFirst = field.boolValue
            default: try reader.skip(field)
            }
        }
        self.init(columnIndex: try index.required("SortingColumn", "column_idx"), descending: descending, nullsFirst: nullsFirst)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: columnIndex)
        writer.writeField(2, bool: descending)
        writer.writeField(3, bool: nullsFirst)
        writer.endStruct()
    }
}
