/// One column's data within a row group (`ColumnChunk` in parquet.thrift). `fileOffset` is
/// deprecated (write 0); `metaData` is optional in the IDL but every real file carries it.
public struct ColumnChunk: Sendable, Equatable {
    public var filePath: String?
    public var fileOffset: Int64
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?

    public init(
        filePath: String? = nil, fileOffset: Int64 = 0, metaData: ColumnMetaData?,
        offsetIndexOffset: Int64? = nil, offsetIndexLength: Int32? = nil,
        columnIndexOffset: Int64? = nil, columnIndexLength: Int32? = nil
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
    }
}

extension ColumnChunk: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var chunk = ColumnChunk(metaData: nil)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): chunk.filePath = try reader.readString()
            case (2, .i64): chunk.fileOffset = try reader.readI64()
            case (3, .structure): chunk.metaData = try ColumnMetaData(from: &reader)
            case (4, .i64): chunk.offsetIndexOffset = try reader.readI64()
            case (5, .i32): chunk.offsetIndexLength = try reader.readI32()
            case (6, .i64): chunk.columnIndexOffset = try reader.readI64()
            case (7, .i32): chunk.columnIndexLength = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        self = chunk
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, string: filePath)
        writer.writeField(2, i64: fileOffset)
        writer.writeField(3, struct: metaData)
        writer.writeField(4, i64: offsetIndexOffset)
        writer.writeField(5, i32: offsetIndexLength)
        writer.writeField(6, i64: columnIndexOffset)
        writer.writeField(7, i32: columnIndexLength)
        writer.endStruct()
    }
}
