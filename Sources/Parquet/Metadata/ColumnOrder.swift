/// How min/max statistics of a column are ordered (`ColumnOrder` union in parquet.thrift).
/// Writers emit `.typeDefinedOrder` for every leaf so readers trust `min_value`/`max_value`.
public enum ColumnOrder: Sendable, Equatable {
    case typeDefinedOrder
    case ieee754TotalOrder
    case unrecognized(fieldId: Int16)
}

extension ColumnOrder: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: ColumnOrder?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            if result == nil {
                switch field.id {
                case 1: result = .typeDefinedOrder
                case 2: result = .ieee754TotalOrder
                default: result = .unrecognized(fieldId: field.id)
                }
            }
            try reader.skip(field)
        }
        self = result ?? .unrecognized(fieldId: 0)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .typeDefinedOrder: writer.writeEmptyStructField(1)
        case .ieee754TotalOrder: writer.writeEmptyStructField(2)
        case let .unrecognized(fieldId): if fieldId > 0 { writer.writeEmptyStructField(fieldId) }
        }
        writer.endStruct()
    }
}
