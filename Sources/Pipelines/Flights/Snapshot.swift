// A snapshot file as accepted by flights.md §1, read whole: its time and every row as a
// `StateVector`. This is the form for tests and for callers that look at one file (`ingest`,
// `fetch`); the hourly action reads the same files through `SnapshotScanner` row by row,
// straight into column buffers. Both go through the scanner, so the rules are the same.

import LakeBuild
import LakeFormats

/// One parsed snapshot: its own time and its rows.
public struct Snapshot: Sendable {
    /// The snapshot's `time`, unix seconds.
    public var time: Int64
    public var rows: [SnapshotRow]

    public init(time: Int64, rows: [SnapshotRow]) {
        self.time = time
        self.rows = rows
    }
}

/// One row of a snapshot: what was read, and the row's bytes as they arrived.
public struct SnapshotRow: Sendable {
    public var state: StateVector
    /// The row's JSON text, a slice of the snapshot file (shared, not copied).
    public var raw: ArraySlice<UInt8>

    /// The row as it arrived, for the rejected-rows table.
    public var rawText: String { String(decoding: raw, as: UTF8.self) }
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
    /// Reads a snapshot file in either layout. The whole document must be valid JSON; its
    /// shape is judged after that, so a broken file is always reported as broken JSON.
    public static func parse(_ bytes: [UInt8]) throws(SnapshotError) -> Snapshot {
        var scanner = SnapshotScanner(bytes)
        var rows: [SnapshotRow] = []
        while try scanner.nextRow() {
            rows.append(SnapshotRow(state: StateVector(scanner.row), raw: scanner.rowBytes))
        }
        return Snapshot(time: try scanner.finish(), rows: rows)
    }

    /// The `time` of a snapshot file that stands as a whole (`parse` without keeping the rows).
    public static func time(of bytes: [UInt8]) throws(SnapshotError) -> Int64 {
        var scanner = SnapshotScanner(bytes)
        while try scanner.nextRow() {}
        return try scanner.finish()
    }
}
