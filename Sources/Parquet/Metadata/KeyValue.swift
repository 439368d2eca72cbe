/// One entry of file or column key-value metadata (`KeyValue` in parquet.thrift).
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var key: String?
        var value: String?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field)
            }
        }
        guard let key else { throw ParquetError.missingField(structName: "KeyValue", field: "key") }
        self.init(key: key, value: value)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, string: key)
        writer.writeField(2, string: value)
        writer.endStruct()
    }
}
