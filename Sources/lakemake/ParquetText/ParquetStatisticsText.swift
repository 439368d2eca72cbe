// Column chunk statistics as text for `lakemake parquet meta`. Min and max are PLAIN-encoded
// single values; they are decoded by physical type and rendered with the column's logical type,
// like row values. `min_value`/`max_value` are preferred; the deprecated `min`/`max` are shown
// only for signed-order columns, where their byte-wise signed ordering is still correct.

import Parquet

/// Decodes and renders the min and max of a column chunk's statistics.
enum ParquetStatisticsText {
    /// The (min, max) text of `statistics` for the leaf `field`, or nil when absent or not
    /// trustworthy.
    static func bounds(_ statistics: Statistics, field: ParquetField) -> (min: String, max: String)? {
        if let low = statistics.minValue, let high = statistics.maxValue,
           let min = text(low, field: field), let max = text(high, field: field) {
            return (min, max)
        }
        guard let low = statistics.min, let high = statistics.max, isSignedOrder(field),
              let min = text(low, field: field), let max = text(high, field: field) else { return nil }
        return (min, max)
    }

    /// One PLAIN-encoded value rendered with the field's logical type; nil when the bytes do
    /// not fit the physical type.
    static func text(_ bytes: [UInt8], field: ParquetField) -> String? {
        switch field.physicalType {
        case .boolean?:
            guard bytes.count == 1 else { return nil }
            return bytes[0] & 1 == 1 ? "true" : "false"
        case .int32?:
            guard bytes.count == 4 else { return nil }
            return int32Text(Int32(truncatingIfNeeded: littleEndian(bytes)), field: field)
        case .int64?:
            guard bytes.count == 8 else { return nil }
            return int64Text(Int64(bitPattern: littleEndian(bytes)), field: field)
        case .float?:
            guard bytes.count == 4 else { return nil }
            return Float(bitPattern: UInt32(truncatingIfNeeded: littleEndian(bytes))).description
        case .double?:
            guard bytes.count == 8 else { return nil }
            return Double(bitPattern: littleEndian(bytes)).description
        case .byteArray?, .fixedLenByteArray?:
            if isDecimal(field) {
                return DecimalText.text(bigEndianTwosComplement: bytes, scale: Int(field.scale ?? 0))
            }
            if isText(field) { return String(decoding: bytes, as: UTF8.self) }
            return ParquetValueText.scalarText(.bytes(bytes))
        case .int96?, nil:
            return nil
        }
    }

    private static func int32Text(_ v: Int32, field: ParquetField) -> String {
        switch (field.logicalType, field.convertedType) {
        case (.date?, _), (nil, .date?): return ParquetCalendarText.date(daysSinceEpoch: Int64(v))
        case (.decimal?, _), (nil, .decimal?): return DecimalText.text(unscaled: Int64(v), scale: Int(field.scale ?? 0))
        case let (.time(_, unit)?, _): return ParquetCalendarText.time(Int64(v), unit: unit)
        case (nil, .timeMillis?): return ParquetCalendarText.time(Int64(v), unit: .millis)
        case (.integer(_, false)?, _), (nil, .uint8?), (nil, .uint16?), (nil, .uint32?): return String(UInt32(bitPattern: v))
        default: return String(v)
        }
    }

    private static func int64Text(_ v: Int64, field: ParquetField) -> String {
        switch (field.logicalType, field.convertedType) {
        case let (.timestamp(utc, unit)?, _): return ParquetCalendarText.timestamp(v, unit: unit, utc: utc)
        case (nil, .timestampMillis?): return ParquetCalendarText.timestamp(v, unit: .millis, utc: true)
        case (nil, .timestampMicros?): return ParquetCalendarText.timestamp(v, unit: .micros, utc: true)
        case let (.time(_, unit)?, _): return ParquetCalendarText.time(v, unit: unit)
        case (nil, .timeMicros?): return ParquetCalendarText.time(v, unit: .micros)
        case (.decimal?, _), (nil, .decimal?): return DecimalText.text(unscaled: v, scale: Int(field.scale ?? 0))
        case (.integer(_, false)?, _), (nil, .uint64?): return String(UInt64(bitPattern: v))
        default: return String(v)
        }
    }

    private static func littleEndian(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for (i, b) in bytes.enumerated() { value |= UInt64(b) << (8 * UInt64(i)) }
        return value
    }

    private static func isDecimal(_ field: ParquetField) -> Bool {
        if case .decimal? = field.logicalType { return true }
        return field.convertedType == .decimal
    }

    private static func isText(_ field: ParquetField) -> Bool {
        switch (field.logicalType, field.convertedType) {
        case (.string?, _), (.enumeration?, _), (.json?, _), (nil, .utf8?), (nil, .enumeration?), (nil, .json?): return true
        default: return false
        }
    }

    private static func isSignedOrder(_ field: ParquetField) -> Bool {
        switch field.physicalType {
        case .int32?, .int64?:
            if case .integer(_, false)? = field.logicalType { return false }
            switch field.convertedType {
            case .uint8?, .uint16?, .uint32?, .uint64?: return false
            default: return true
            }
        case .float?, .double?, .boolean?: return true
        default: return false
        }
    }
}
