// Names for Parquet schema annotations as the format documents spell them (parquet.thrift and
// LogicalTypes.md), so `lakemake parquet schema|meta` reads like other Parquet tools.

import Parquet

/// Text for physical, logical and legacy converted types and repetitions.
enum ParquetTypeText {
    /// `STRING`, `DECIMAL(10,2)`, `TIMESTAMP(MILLIS,UTC)`, `INT(8,signed)`, …
    static func logical(_ type: LogicalType) -> String {
        switch type {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enumeration: return "ENUM"
        case let .decimal(scale, precision): return "DECIMAL(\(precision),\(scale))"
        case .date: return "DATE"
        case let .time(utc, unit): return "TIME(\(self.unit(unit)),\(utc ? "UTC" : "local"))"
        case let .timestamp(utc, unit): return "TIMESTAMP(\(self.unit(unit)),\(utc ? "UTC" : "local"))"
        case let .integer(width, signed): return "INT(\(width),\(signed ? "signed" : "unsigned"))"
        case .null: return "NULL"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case let .unrecognized(id): return "UNKNOWN(\(id))"
        }
    }

    /// The legacy annotation's thrift name (`UTF8`, `TIMESTAMP_MILLIS`, …).
    static func converted(_ type: ConvertedType) -> String {
        let names = ["UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS",
                     "TIME_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32",
                     "UINT_64", "INT_8", "INT_16", "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"]
        let index = Int(type.rawValue)
        return names.indices.contains(index) ? names[index] : "CONVERTED_\(type.rawValue)"
    }

    static func unit(_ unit: TimeUnit) -> String {
        switch unit {
        case .millis: return "MILLIS"
        case .micros: return "MICROS"
        case .nanos: return "NANOS"
        }
    }

    /// `required`, `optional` or `repeated`.
    static func repetition(_ repetition: Repetition) -> String {
        switch repetition {
        case .required: return "required"
        case .optional: return "optional"
        case .repeated: return "repeated"
        }
    }

    /// The annotation shown after a field: the logical type, else the converted type, else nil.
    static func annotation(_ field: ParquetField) -> String? {
        if let type = field.logicalType { return Self.logical(type) }
        if let type = field.convertedType {
            if type == .decimal, let p = field.precision, let s = field.scale { return "DECIMAL(\(p),\(s))" }
            return Self.converted(type)
        }
        return nil
    }

    /// The physical type as the schema language writes it: `binary`, `int64`,
    /// `fixed_len_byte_array(16)`, …
    static func physical(_ field: ParquetField) -> String {
        switch field.physicalType {
        case .boolean?: return "boolean"
        case .int32?: return "int32"
        case .int64?: return "int64"
        case .int96?: return "int96"
        case .float?: return "float"
        case .double?: return "double"
        case .byteArray?: return "binary"
        case .fixedLenByteArray?: return "fixed_len_byte_array(\(field.typeLength ?? 0))"
        case nil: return "group"
        }
    }
}
