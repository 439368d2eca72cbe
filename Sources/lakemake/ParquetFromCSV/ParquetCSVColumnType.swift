// The column types `lakemake parquet from-csv --types` accepts, and the Parquet field each
// becomes: int32, int64, double, string (BYTE_ARRAY STRING), date (INT32 DATE), timestamp-ms
// (INT64 TIMESTAMP(MILLIS, UTC)) and decimal(p,s) (INT32 up to 9 digits, INT64 up to 18).

import Parquet

/// A CSV column's declared type.
enum ParquetCSVColumnType: Equatable {
    case int32, int64, double, string, date, timestampMillis
    case decimal(precision: Int, scale: Int)

    /// Reads one type name as written in `--types`.
    init(parsing text: String) throws {
        switch text {
        case "int32": self = .int32
        case "int64": self = .int64
        case "double": self = .double
        case "string": self = .string
        case "date": self = .date
        case "timestamp-ms": self = .timestampMillis
        default:
            guard text.hasPrefix("decimal("), text.hasSuffix(")") else {
                throw ParquetCommandError.invalidTypes("unknown type '\(text)'")
            }
            let inside = text.dropFirst("decimal(".count).dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard inside.count == 2, let p = Int(inside[0]), let s = Int(inside[1]), (1...18).contains(p), (0...p).contains(s) else {
                throw ParquetCommandError.invalidTypes("'\(text)' needs a precision of 1 to 18 and a scale of 0 to the precision")
            }
            self = .decimal(precision: p, scale: s)
        }
    }

    /// The name used in `--types` and in messages.
    var name: String {
        switch self {
        case .int32: return "int32"
        case .int64: return "int64"
        case .double: return "double"
        case .string: return "string"
        case .date: return "date"
        case .timestampMillis: return "timestamp-ms"
        case let .decimal(p, s): return "decimal(\(p),\(s))"
        }
    }

    /// The optional Parquet leaf this column is written as.
    func field(named name: String) -> ParquetField {
        switch self {
        case .int32: return ParquetField(name: name, type: .int32, repetition: .optional)
        case .int64: return ParquetField(name: name, type: .int64, repetition: .optional)
        case .double: return ParquetField(name: name, type: .double, repetition: .optional)
        case .string: return ParquetField(name: name, type: .byteArray, repetition: .optional, logicalType: .string)
        case .date: return ParquetField(name: name, type: .int32, repetition: .optional, logicalType: .date)
        case .timestampMillis:
            return ParquetField(name: name, type: .int64, repetition: .optional,
                                logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis))
        case let .decimal(p, s):
            return ParquetField(name: name, type: p <= 9 ? .int32 : .int64, repetition: .optional,
                                logicalType: .decimal(scale: Int32(s), precision: Int32(p)))
        }
    }

    /// The types of every header column: `spec` is `name:type,…`; unnamed columns are strings.
    static func types(from spec: String?, header: [String]) throws -> [ParquetCSVColumnType] {
        var types = Array(repeating: ParquetCSVColumnType.string, count: header.count)
        guard let spec, !spec.isEmpty else { return types }
        // Split on commas outside parentheses: decimal(10,2) holds one.
        var entries: [String] = [], current = "", depth = 0
        for ch in spec {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == "," && depth == 0 { entries.append(current); current = "" } else { current.append(ch) }
        }
        entries.append(current)
        for entry in entries {
            guard let colon = entry.firstIndex(of: ":") else {
                throw ParquetCommandError.invalidTypes("'\(entry)' is not name:type")
            }
            let name = String(entry[..<colon]), typeText = String(entry[entry.index(after: colon)...])
            guard let index = header.firstIndex(of: name) else {
                throw ParquetCommandError.invalidTypes("the CSV header has no column '\(name)'")
            }
            types[index] = try ParquetCSVColumnType(parsing: typeText)
        }
        return types
    }
}
