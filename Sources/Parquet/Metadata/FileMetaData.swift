/// The footer of a Parquet file (`FileMetaData` in parquet.thrift): the flattened schema, the row
/// groups with their column chunk locations, and file-level key-value metadata.
public struct FileMetaData: Sendable, Equatable {
    public var version: Int32
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    public var createdBy: String?
    public var columnOrders: [ColumnOrder]?

    public init(
        version: Int32 = 1, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }
}

extension FileMetaData: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var version: Int32 = 1, schema: [SchemaElement]?, numRows: Int64?, rowGroups: [RowGroup]?
        var keyValues: [KeyValue]?, createdBy: String?, columnOrders: [ColumnOrder]?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list): schema = try reader.readStructList(SchemaElement.self)
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): rowGroups = try reader.readStructList(RowGroup.self)
            case (5, .list): keyValues = try reader.readStructList(KeyValue.self)
            case (6, .binary): createdBy = try reader.readString()
            case (7, .list): columnOrders = try reader.readStructList(ColumnOrder.self)
            default: try reader.skip(field)
            }
        }
        self.init(
            version: version, schema: try schema.required("FileMetaData", "schema"),
            numRows: try numRows.required("FileMetaData", "num_rows"),
            rowGroups: try rowGroups.required("FileMetaData", "row_groups"),
            keyValueMetadata: keyValues, createdBy: createdBy, columnOrders: columnOrders)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: version)
        writer.writeField(2, structList: schema)
        writer.writeField(3, i64: numRows)
        writer.writeField(4, structList: rowGroups)
        writer.writeField(5, structList: keyValueMetadata)
        writer.writeField(6, string: createdBy)
        writer.writeField(7, structList: columnOrders)
        writer.endStruct()
    }
}
