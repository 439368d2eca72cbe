/// The unit of a TIME or TIMESTAMP logical type.
public enum TimeUnit: Sendable, Equatable {
    case millis
    case micros
    case nanos
}

/// The modern type annotation of a schema node (`LogicalType` union in parquet.thrift).
///
/// Union members this library does not know (VARIANT, GEOMETRY, future ids) decode as
/// `.unrecognized(fieldId:)`, which the schema treats as "no logical type" so the physical type
/// and `ConvertedType` still apply.
public enum LogicalType: Sendable, Equatable {
    case string
    case map
    case list
    case enumeration
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// NullType: every value is null.
    case null
    case json
    case bson
    case uuid
    case float16
    case unrecognized(fieldId: Int16)
}

extension TimeUnit: ThriftStruct {
    /// Unknown unit ids decode as an error the caller turns into `.unrecognized`.
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var unit: TimeUnit?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .structure): unit = .millis
            case (2, .structure): unit = .micros
            case (3, .structure): unit = .nanos
            default: break
            }
            try reader.skip(field)
        }
        guard let unit else { throw ParquetError.missingField(structName: "TimeUnit", field: "MILLIS/MICROS/NANOS") }
        self = unit
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .millis: writer.writeEmptyStructField(1)
        case .micros: writer.writeEmptyStructField(2)
        case .nanos: writer.writeEmptyStructField(3)
        }
        writer.endStruct()
    }
}

extension LogicalType: ThriftStruct {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: LogicalType?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            guard result == nil, field.type == .structure else {
                try reader.skip(field)
                continue
            }
            switch field.id {
            case 5: result = try Self.decodeDecimal(&reader)
            case 7:
                let (utc, unit) = try Self.decodeTimeFields(&reader)
                result = unit.map { .time(isAdjustedToUTC: utc, unit: $0) } ?? .unrecognized(fieldId: 7)
            case 8:
                let (utc, unit) = try Self.decodeTimeFields(&reader)
                result = unit.map { .timestamp(isAdjustedToUTC: utc, unit: $0) } ?? .unrecognized(fieldId: 8)
            case 10: result = try Self.decodeInteger(&reader)
            default:
                let simple: [Int16: LogicalType] = [
                    1: .string, 2: .map, 3: .list, 4: .enumeration, 6: .date,
                    11: .null, 12: .json, 13: .bson, 14: .uuid, 15: .float16,
                ]
                result = simple[field.id] ?? .unrecognized(fieldId: field.id)
                try reader.skip(field)
            }
        }
        self = result ?? .unrecognized(fieldId: 0)
    }

    private static func decodeDecimal(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var scale: Int32?
        var precision: Int32?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): scale = try reader.readI32()
            case (2, .i32): precision = try reader.readI32()
            default: try reader.skip(field)
            }
        }
        guard let scale, let precision else {
            throw ParquetError.missingField(structName: "DecimalType", field: "scale/precision")
        }
        return .decimal(scale: scale, precision: precision)
    }

    private static func decodeTimeFields(_ reader: inout ThriftCompactReader) throws(ParquetError) -> (Bool, TimeUnit?) {
        var utc = false
        var unit: TimeUnit?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .bool): utc = field.boolValue
            case (2, .structure): unit = try? TimeUnit(from: &reader)
            default: try reader.skip(field)
            }
        }
        return (utc, unit)
    }

    private static func decodeInteger(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var width: Int8 = 0
        var signed = true
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i8): width = try reader.readI8()
            case (1, .i32): width = Int8(truncatingIfNeeded: try reader.readI32())  // tolerate wrong wire type
            case (2, .bool): signed = field.boolValue
            default: try reader.skip(field)
            }
        }
        return .integer(bitWidth: width, isSigned: signed)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .string: writer.writeEmptyStructField(1)
        case .map: writer.writeEmptyStructField(2)
        case .list: writer.writeEmptyStructField(3)
        case .enumeration: writer.writeEmptyStructField(4)
        case let .decimal(scale, precision):
            writer.writeFieldHeader(5, .structure)
            writer.beginStruct()
            writer.writeField(1, i32: scale)
            writer.writeField(2, i32: precision)
            writer.endStruct()
        case .date: writer.writeEmptyStructField(6)
        case let .time(utc, unit): Self.encodeTime(id: 7, utc: utc, unit: unit, to: &writer)
        case let .timestamp(utc, unit): Self.encodeTime(id: 8, utc: utc, unit: unit, to: &writer)
        case let .integer(bitWidth, isSigned):
            writer.writeFieldHeader(10, .structure)
            writer.beginStruct()
            writer.writeField(1, i8: bitWidth)
            writer.writeField(2, bool: isSigned)
            writer.endStruct()
        case .null: writer.writeEmptyStructField(11)
        case .json: writer.writeEmptyStructField(12)
        case .bson: writer.writeEmptyStructField(13)
        case .uuid: writer.writeEmptyStructField(14)
        case .float16: writer.writeEmptyStructField(15)
        case let .unrecognized(fieldId): if fieldId > 0 { writer.writeEmptyStructField(fieldId) }
        }
        writer.endStruct()
    }

    private static func encodeTime(id: Int16, utc: Bool, unit: TimeUnit, to writer: inout ThriftCompactWriter) {
        writer.writeFieldHeader(id, .structure)
        writer.beginStruct()
        writer.writeField(1, bool: utc)
        writer.writeField(2, struct: unit)
        writer.endStruct()
    }
}
