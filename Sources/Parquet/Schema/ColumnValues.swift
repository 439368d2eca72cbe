/// A legacy 96-bit timestamp as stored: nanoseconds within the day, then the Julian day number.
public struct Int96: Sendable, Hashable {
    public var nanosOfDay: Int64
    public var julianDay: Int32

    public init(nanosOfDay: Int64, julianDay: Int32) {
        self.nanosOfDay = nanosOfDay
        self.julianDay = julianDay
    }

    /// Microseconds since 1970-01-01 with the wrapping arithmetic Spark uses.
    public var microsSinceEpoch: Int64 {
        (Int64(julianDay) &- 2_440_588) &* 86_400_000_000 &+ nanosOfDay / 1000
    }
}

/// The non-null values of one column, as a typed array per physical type.
///
/// Nulls and list boundaries are not in here: they are described by definition and repetition
/// levels next to it (`ColumnData`), exactly as Parquet stores them.
public enum ColumnValues: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([Int96])
    case float([Float])
    case double([Double])
    case byteArray([[UInt8]])
    case fixedLenByteArray([[UInt8]])

    /// Number of values.
    public var count: Int {
        switch self {
        case let .boolean(values): return values.count
        case let .int32(values): return values.count
        case let .int64(values): return values.count
        case let .int96(values): return values.count
        case let .float(values): return values.count
        case let .double(values): return values.count
        case let .byteArray(values): return values.count
        case let .fixedLenByteArray(values): return values.count
        }
    }

    /// An empty array of the case matching `type`.
    public static func empty(_ type: PhysicalType) -> ColumnValues {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64: return .int64([])
        case .int96: return .int96([])
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray: return .byteArray([])
        case .fixedLenByteArray: return .fixedLenByteArray([])
        }
    }
}

/// One column chunk read back: the non-null values plus the levels that place them in rows.
///
/// `definitionLevels` is empty when the column's max definition level is 0 (every slot holds a
/// value) and `repetitionLevels` is empty when its max repetition level is 0 (one slot per row).
public struct ColumnData: Sendable, Equatable {
    public let descriptor: ColumnDescriptor
    public var values: ColumnValues
    public var definitionLevels: [Int16]
    public var repetitionLevels: [Int16]

    public init(descriptor: ColumnDescriptor, values: ColumnValues, definitionLevels: [Int16], repetitionLevels: [Int16]) {
        self.descriptor = descriptor
        self.values = values
        self.definitionLevels = definitionLevels
        self.repetitionLevels = repetitionLevels
    }
}

extension ColumnValues {
    /// The physical type whose values this case holds.
    var physicalType: PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .int96: return .int96
        case .float: return .float
        case .double: return .double
        case .byteArray: return .byteArray
        case .fixedLenByteArray: return .fixedLenByteArray
        }
    }
}
