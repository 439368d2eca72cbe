// A snapshot file as accepted by flights.md §1: `{"time": …, "states": [...] | null}`, where the
// states are either arrays of 17–18 values (the OpenSky response as served) or objects keyed by
// field name (a fetcher's archive layout). A file that is not JSON, has no numeric `time`, or
// whose `states` is neither an array nor null is rejected whole; otherwise each row is read on
// its own and judged later.

import LakeBuild
import LakeFormats

/// One parsed snapshot: its own time and its rows, each with its raw JSON text.
public struct Snapshot: Sendable {
    /// The snapshot's `time`, unix seconds.
    public var time: Int64
    public var rows: [SnapshotRow]

    public init(time: Int64, rows: [SnapshotRow]) {
        self.time = time
        self.rows = rows
    }
}

/// One row of a snapshot: what was read, and the row as parsed, for the rejected-rows table.
public struct SnapshotRow: Sendable {
    public var state: StateVector
    /// The row as parsed; turned into text only for rejected rows.
    public var raw: JSONValue

    /// The row as compact JSON text, number literals as they arrived.
    public var rawText: String { RawRowText.compact(raw) }
}

/// Why a whole snapshot file was rejected.
public enum SnapshotError: Error, Sendable, Equatable {
    case notJSON(JSONError)
    case notAnObject
    case missingTime
    case badStates

    /// The detail the engine writes into `rejected/….error.json`.
    public var detail: RejectionDetail {
        switch self {
        case .notJSON(let e):
            return RejectionDetail(line: e.location.line, column: e.location.column, path: e.path.description, message: e.message)
        case .notAnObject: return RejectionDetail(path: "$", message: "a snapshot must be a JSON object with 'time' and 'states'")
        case .missingTime: return RejectionDetail(path: "$.time", message: "'time' must be a number of unix seconds")
        case .badStates: return RejectionDetail(path: "$.states", message: "'states' must be an array or null")
        }
    }
}

extension Snapshot {
    /// Reads a snapshot file in either layout.
    public static func parse(_ bytes: [UInt8]) throws(SnapshotError) -> Snapshot {
        let document: JSONValue
        do { document = try JSONValue.parse(bytes) } catch { throw .notJSON(error) }
        guard case .object = document else { throw .notAnObject }
        guard case .number(let number)? = document["time"], let time = StateFieldReader.integer(number) else {
            throw .missingTime
        }
        switch document["states"] {
        case .null?:
            return Snapshot(time: time, rows: [])
        case .array(let elements)?:
            let rows = elements.map { SnapshotRow(state: StateFieldReader.state(from: $0), raw: $0) }
            return Snapshot(time: time, rows: rows)
        default:
            throw .badStates
        }
    }
}
