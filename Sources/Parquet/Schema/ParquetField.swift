/// One named node of a Parquet schema: a leaf with a physical type, or a group with children.
///
/// This is the public value model shared by the reader (built from the footer's
/// `SchemaElement`s) and the writer (turned back into them). Type annotations are kept both as
/// the modern `LogicalType` and the legacy `ConvertedType` because files carry either or both.
public struct ParquetField: Sendable, Equatable {
    public var name: String
    /// Nil for groups.
    public var physicalType: PhysicalType?
    public var repetition: Repetition
    public var logicalType: LogicalType?
    public var convertedType: ConvertedType?
    /// Byte width of FIXED_LEN_BYTE_ARRAY leaves.
    public var typeLength: Int32?
    public var precision: Int32?
    public var scale: Int32?
    public var fieldId: Int32?
    public var children: [ParquetField]

    /// True for group nodes (structs, lists, maps).
    public var isGroup: Bool { physicalType == nil }

    /// A leaf column. When `convertedType` is nil it is derived from `logicalType` where the
    /// format pairs them, so writers emit both annotations.
    public init(
        name: String, type: PhysicalType, repetition: Repetition, logicalType: LogicalType? = nil,
        convertedType: ConvertedType? = nil, typeLength: Int32? = nil, precision: Int32? = nil,
        scale: Int32? = nil, fieldId: Int32? = nil
    ) {
        self.name = name
        self.physicalType = type
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType ?? logicalType.flatMap(ConvertedType.init(pairedWith:))
        self.typeLength = typeLength
        if case let .decimal(decimalScale, decimalPrecision)? = logicalType {
            self.precision = precision ?? decimalPrecision
            self.scale = scale ?? decimalScale
        } else {
            self.precision = precision
            self.scale = scale
        }
        self.fieldId = fieldId
        self.children = []
    }

    /// A group node (struct, or the LIST/MAP wrappers when `logicalType` says so).
    public init(
        name: String, repetition: Repetition, logicalType: LogicalType? = nil,
        convertedType: ConvertedType? = nil, fieldId: Int32? = nil, children: [ParquetField]
    ) {
        self.name = name
        self.physicalType = nil
        self.repetition = repetition
        self.logicalType = logicalType
        self.convertedType = convertedType ?? logicalType.flatMap(ConvertedType.init(pairedWith:))
        self.typeLength = nil
        self.precision = nil
        self.scale = nil
        self.fieldId = fieldId
        self.children = children
    }
}

extension ConvertedType {
    /// The legacy annotation that the format pairs with `logicalType`, if any (parquet-notes §1.3).
    public init?(pairedWith logicalType: LogicalType) {
        switch logicalType {
        case .string: self = .utf8
        case .map: self = .map
        case .list: self = .list
        case .enumeration: self = .enumeration
        case .decimal: self = .decimal
        case .date: self = .date
        case .json: self = .json
        case .bson: self = .bson
        case let .time(_, unit):
            switch unit {
            case .millis: self = .timeMillis
            case .micros: self = .timeMicros
            case .nanos: return nil
            }
        case let .timestamp(_, unit):
            switch unit {
            case .millis: self = .timestampMillis
            case .micros: self = .timestampMicros
            case .nanos: return nil
            }
        case let .integer(bitWidth, isSigned):
            switch (bitWidth, isSigned) {
            case (8, true): self = .int8
            case (16, true): self = .int16
            case (32, true): self = .int32
            case (64, true): self = .int64
            case (8, false): self = .uint8
            case (16, false): self = .uint16
            case (32, false): self = .uint32
            case (64, false): self = .uint64
            default: return nil
            }
        case .null, .uuid, .float16, .unrecognized:
            return nil
        }
    }
}
