// Column batches from Swift optionals, for the rejected-rows table (written column by column
// from arrays of optional values; the writer wants non-null values plus validity flags), and
// the field constructors of the flight schemas.

import Parquet

extension ColumnBatch {
    static func strings(_ values: [String?]) -> ColumnBatch {
        optional(values) { .byteArray($0.map { Array($0.utf8) }) }
    }

    static func int32s(_ values: [Int32?]) -> ColumnBatch { optional(values) { .int32($0) } }

    /// Unix seconds written as TIMESTAMP(MILLIS) values.
    static func timestamps(_ seconds: [Int64?]) -> ColumnBatch {
        optional(seconds) { .int64($0.map { $0 &* 1000 }) }
    }

    private static func optional<T>(_ values: [T?], _ make: ([T]) -> ColumnValues) -> ColumnBatch {
        let present = values.compactMap { $0 }
        if present.count == values.count { return ColumnBatch(make(present)) }
        return ColumnBatch(make(present), validity: values.map { $0 != nil })
    }
}

extension ParquetField {
    static func string(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, type: .byteArray, repetition: optional ? .optional : .required, logicalType: .string)
    }

    static func double(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, type: .double, repetition: optional ? .optional : .required)
    }

    static func int32(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, type: .int32, repetition: optional ? .optional : .required)
    }

    static func timestamp(_ name: String, optional: Bool = true) -> ParquetField {
        ParquetField(name: name, type: .int64, repetition: optional ? .optional : .required,
                     logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis))
    }

    static func boolean(_ name: String) -> ParquetField {
        ParquetField(name: name, type: .boolean, repetition: .required)
    }
}
