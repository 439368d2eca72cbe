/// Column chunk or page statistics (`Statistics` in parquet.thrift).
///
/// `minValue`/`maxValue` are PLAIN-encoded single values (BYTE_ARRAY without its length prefix)
/// ordered by the column's `ColumnOrder`; the deprecated `min`/`max` are only trustworthy for
/// signed sort orders.
public struct Statistics: Sendable, Equatable {
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil, nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }
}

extension Statistics: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, .bool): isMaxValueExact = field.boolValue
            case (8, .bool): isMinValueExact = field.boolValue
            case (9, .i64): nanCount = try reader.readI64()
            default: try reader.skip(field)
            }
        }
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, binary: max)
        writer.writeField(2, binary: min)
        writer.writeField(3, i64: nullCount)
        writer.writeField(4, i64: distinctCount)
        writer.writeField(5, binary: maxValue)
        writer.writeField(6, binary: minValue)
        writer.writeField(7, bool: isMaxValueExact)
        writer.writeField(8, bool: isMinValueExact)
        writer.writeField(9, i64: nanCount)
        writer.endStruct()
    }
}
