// Errors of the flight pipeline that stop an action from running at all (a reference table
// without the columns it needs, an input that is not the Parquet the pipeline wrote). Data
// problems inside snapshots are not errors: they become rejected rows or rejected files.

import LakeBuild
import LakeFormats

/// Why a flights action or tool could not run.
public enum FlightsError: Error, Sendable, Equatable {
    /// A reference CSV could not be parsed.
    case unreadableReference(path: String, reason: String)
    /// A reference CSV lacks a column the pipeline needs.
    case missingReferenceColumn(path: String, column: String)
    /// An intermediate file (Parquet or JSON written by an earlier rule) could not be read.
    case unreadableInput(path: String, reason: String)
    /// A rule parameter has a value the action cannot use.
    case invalidParameter(name: String, value: String, expected: String)
    /// A snapshot offered to `ingest` that cannot be read, with where in the file.
    case snapshotRejected(file: String, detail: RejectionDetail)

    public var message: String {
        switch self {
        case let .unreadableReference(path, reason): return "\(path): cannot read the reference table: \(reason)"
        case let .missingReferenceColumn(path, column): return "\(path): the reference table has no '\(column)' column"
        case let .unreadableInput(path, reason): return "\(path): \(reason)"
        case let .invalidParameter(name, value, expected): return "parameter \(name)=\(value): expected \(expected)"
        case let .snapshotRejected(file, detail):
            // As `build` reports a rejected file: FILE:LINE:COLUMN: MESSAGE.
            let location = detail.line.map { line in ":\(line)" + (detail.column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(location): \(detail.message)" + (detail.path.map { " (at \($0))" } ?? "")
        }
    }

    public var hint: String? {
        switch self {
        case .unreadableReference, .missingReferenceColumn:
            return "see flights.md §3 for the accepted reference formats"
        case .unreadableInput: return "rebuild it with 'lakemake build'"
        case .invalidParameter: return "fix the run line in rules/flights.rules"
        case .snapshotRejected:
            return "a flight snapshot is OpenSky's {\"time\": …, \"states\": […] | null}, named flight_data_[test_]YYYYMMDD_HHMMSS[_HEX].json"
        }
    }

    /// The engine's view: the action could not run.
    var actionError: ActionError { .failed(message) }
}
