// How the `lakemake parquet` commands fail: a missing or unreadable file and bad options are
// usage problems (exit 2); a file that is not valid Parquet, or a CSV that does not fit the
// declared column types, is a data problem (exit 1).

import LakeFormats

/// Failures of the `lakemake parquet` commands that are not errors of the Parquet library.
enum ParquetCommandError: UserFacingError {
    /// The input file does not exist.
    case missingFile(String)
    /// `--types` could not be read.
    case invalidTypes(String)
    /// A CSV value does not fit its declared column type.
    case badCSVValue(file: String, line: Int, column: String, value: String, type: String)
    /// The CSV itself is malformed (unterminated quote, wrong field count, no header), at the
    /// line and column the error carries.
    case malformedCSV(file: String, CSVError)

    var message: String {
        switch self {
        case .missingFile(let path): return "\(path): no such file"
        case .invalidTypes(let reason): return "--types: \(reason)"
        case let .badCSVValue(file, line, column, value, type):
            return "\(file):\(line): column '\(column)': '\(value)' is not a valid \(type)"
        case let .malformedCSV(file, error): return "\(file):\(error.line):\(error.column): \(error.message)"
        }
    }

    var suggestion: String? {
        switch self {
        case .missingFile: return "check the path; it is read as given, not relative to the lake"
        case .invalidTypes: return "write --types name:type,… with types int32, int64, double, string, date, timestamp-ms or decimal(p,s)"
        case .badCSVValue: return "fix the value, or declare the column as string"
        case let .malformedCSV(_, error): return error.hint ?? "the input must be RFC 4180 CSV with a header line"
        }
    }

    var exitStatus: Int32 {
        switch self {
        case .missingFile, .invalidTypes: return 2
        case .badCSVValue, .malformedCSV: return 1
        }
    }
}
