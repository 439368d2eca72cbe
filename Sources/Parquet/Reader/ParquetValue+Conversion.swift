// Turning the physical values of one leaf column into ParquetValues, using the leaf's
// LogicalType when present and its ConvertedType otherwise (files carry either or both).

extension ParquetValue {
    /// Converts every value of a column chunk according to the leaf `field`'s annotations.
    static func converting(_ values: ColumnValues, field: ParquetField) -> [ParquetValue] {
        converting(buffer: ColumnBuffer(values), field: field)
    }

    /// The values of a chunk read back: a dictionary-encoded chunk converts each distinct value
    /// once and shares it between rows (one `String` per dictionary entry, not per row).
    static func converting(storage: ColumnVector.Storage, field: ParquetField) -> [ParquetValue] {
        switch storage {
        case let .buffer(buffer):
            return converting(buffer: buffer, field: field)
        case let .dictionary(entries, indices):
            let distinct = converting(buffer: entries, field: field)
            return indices.map { distinct[Int($0)] }  // indices were checked when decoded
        }
    }

    /// Converts every value of a buffer according to the leaf `field`'s annotations (the
    /// values `rows(rowGroup:)` would hold, for callers rendering `readColumns` results).
    public static func converting(buffer values: ColumnBuffer, field: ParquetField) -> [ParquetValue] {
        let logical = field.logicalType
        let converted = field.convertedType
        let scale = Int(field.scale ?? 0)
        switch values {
        case let .boolean(items):
            return items.map { .bool($0) }
        case let .int32(items):
            return items.map { convertInt32($0, logical: logical, converted: converted, scale: scale) }
        case let .int64(items):
            return items.map { convertInt64($0, logical: logical, converted: converted, scale: scale) }
        case let .int96(items):
            return items.map { .timestamp($0.microsSinceEpoch, unit: .micros, isAdjustedToUTC: true) }
        case let .float(items):
            return items.map { .float($0) }
        case let .double(items):
            return items.map { .double($0) }
        case let .byteArray(items), let .fixedLenByteArray(items):
            return (0..<items.count).map { convertBytes(items[$0], logical: logical, converted: converted, scale: scale) }
        }
    }

    private static func convertInt32(_ value: Int32, logical: LogicalType?, converted: ConvertedType?, scale: Int) -> ParquetValue {
        switch (logical, converted) {
        case (.date?, _), (nil, .date?):
            return .date(value)
        case (.decimal?, _), (nil, .decimal?):
            return .decimal(DecimalText.text(unscaled: Int64(value), scale: scale))
        case let (.time(_, unit)?, _):
            return .time(Int64(value), unit: unit)
        case (nil, .timeMillis?):
            return .time(Int64(value), unit: .millis)
        case (.integer(_, false)?, _), (nil, .uint8?), (nil, .uint16?), (nil, .uint32?):
            return .int64(Int64(UInt32(bitPattern: value)))
        default:
            return .int32(value)
        }
    }

    private static func convertInt64(_ value: Int64, logical: LogicalType?, converted: ConvertedType?, scale: Int) -> ParquetValue {
        switch (logical, converted) {
        case let (.timestamp(utc, unit)?, _):
            return .timestamp(value, unit: unit, isAdjustedToUTC: utc)
        case (nil, .timestampMillis?):
            return .timestamp(value, unit: .millis, isAdjustedToUTC: true)
        case (nil, .timestampMicros?):
            return .timestamp(value, unit: .micros, isAdjustedToUTC: true)
        case let (.time(_, unit)?, _):
            return .time(value, unit: unit)
        case (nil, .timeMicros?):
            return .time(value, unit: .micros)
        case (.decimal?, _), (nil, .decimal?):
            return .decimal(DecimalText.text(unscaled: value, scale: scale))
        case (.integer(_, false)?, _), (nil, .uint64?):
            return .uint64(UInt64(bitPattern: value))
        default:
            return .int64(value)
        }
    }

    private static func convertBytes(_ value: ArraySlice<UInt8>, logical: LogicalType?, converted: ConvertedType?, scale: Int) -> ParquetValue {
        switch (logical, converted) {
        case (.string?, _), (.enumeration?, _), (.json?, _), (nil, .utf8?), (nil, .enumeration?), (nil, .json?):
            return .string(String(decoding: value, as: UTF8.self))
        case (.decimal?, _), (nil, .decimal?):
            return .decimal(DecimalText.text(bigEndianTwosComplement: Array(value), scale: scale))
        case (.float16?, _) where value.count == 2:
            return .float(halfToFloat(UInt16(value[value.startIndex]) | UInt16(value[value.startIndex + 1]) << 8))
        default:
            return .bytes(Array(value))
        }
    }

    /// IEEE 754 binary16 bits to Float, including subnormals, infinities and NaN.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * Float(sign: .plus, exponent: -24, significand: 1)
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
