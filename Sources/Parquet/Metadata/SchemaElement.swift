/// One node of the flattened schema (`SchemaElement` in parquet.thrift): element 0 is the root,
/// groups carry `numChildren`, leaves carry a physical `type`.
public struct SchemaElement: Sendable, Equatable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetitionType: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldId: Int32?
    public var logicalType: LogicalType?

    public init(
        type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: Repetition? = nil,
        name: String, numChildren: Int32? = nil, convertedType: ConvertedType? = nil,
        scale: Int32? = nil, precision: Int32? = nil, fieldId: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }
}

extension SchemaElement: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var name: String?
        var element = SchemaElement(name: "")
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): element.type = try reader.readClosedEnum(PhysicalType.self, "physical type")
            case (2, .i32): element.typeLength = try reader.readI32()
            case (3, .i32): element.repetitionType = try reader.readClosedEnum(Repetition.self, "repetition type")
            case (4, .binary): name = try reader.readString()
            case (5, .i32): element.numChildren = try reader.readI32()
            case (6, .i32): element.convertedType = ConvertedType(rawValue: try reader.readI32())
            case (7, .i32): element.scale = try reader.readI32()
            case (8, .i32): element.precision = try reader.readI32()
            case (9, .i32): element.fieldId = try reader.readI32()
            case (10, .structure): element.logicalType = try LogicalType(from: &reader)
            default: try reader.skip(field)
            }
        }
        element.name = try name.required("SchemaElement", "name")
        self = element
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type?.rawValue)
        writer.writeField(2, i32: typeLength)
        writer.writeField(3, i32: repetitionType?.rawValue)
        writer.writeField(4, string: name)
        writer.writeField(5, i32: numChildren)
        writer.writeField(6, i32: convertedType?.rawValue)
        writer.writeField(7, i32: scale)
        writer.writeField(8, i32: precision)
        writer.writeField(9, i32: fieldId)
        writer.writeField(10, struct: logicalType)
        writer.endStruct()
    }
}
