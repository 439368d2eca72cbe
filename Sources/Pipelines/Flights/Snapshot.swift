// A snapshot file as accepted by flights.md §1: `{"time": …, "states": [...] | null}`, where the
// states are either arrays of 17–18 values (the OpenSky response as served) or objects keyed by
// field name (a fetcher's archive layout). A file that is not JSON, has no numeric `time`, or
// whose `states` is neither an array nor null, or that gives `time` or `states` twice, is
// rejected whole; otherwise each row is read on its own and judged later (a row giving a field
// twice is a bad shape, a used field of the wrong type a bad type, each naming the field).
//
// The file is read as a stream of tokens straight into `StateVector`s: no tree is built, and a
// row's raw text is a slice of the file's own bytes, kept for the rejected-rows table. A day of
// 10 000 aircraft is 2.9 million rows, so this path matters.

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
        var reader = JSONReader(bytes)
        var time: Int64?
        var rows: [SnapshotRow] = []
        var isObject = false, statesValid = false
        do throws(JSONError) {
            if try reader.next() == .beginObject {
                isObject = true
                var seen: Set<String> = []
                while let token = try reader.next(), token != .endObject {
                    guard case .key(let key) = token else { continue }
                    if key == "time" || key == "states", !seen.insert(key).inserted {
                        throw JSONError(.duplicateKey(key), at: reader.location, path: reader.path)
                    }
                    switch key {
                    case "time":
                        let value = try reader.next()
                        if case .number(let n)? = value { time = StateFieldReader.integer(n) } else { try SnapshotStream.skipRest(value, &reader) }
                    case "states":
                        switch try reader.next() {
                        case .null?: statesValid = true
                        case .beginArray?:
                            statesValid = true
                            rows = try SnapshotStream.rows(&reader, bytes)
                        case let other: try SnapshotStream.skipRest(other, &reader)
                        }
                    default:
                        try reader.skipValue()
                    }
                }
            }
            while try reader.next() != nil {}
        } catch {
            throw .notJSON(error)
        }
        guard isObject else { throw .notAnObject }
        guard let time else { throw .missingTime }
        guard statesValid else { throw .badStates }
        return Snapshot(time: time, rows: rows)
    }
}

/// The token-level reading of the `states` array.
enum SnapshotStream {
    /// Every row of `states`, after its `[` has been read; consumes the closing `]`.
    static func rows(_ reader: inout JSONReader, _ bytes: [UInt8]) throws(JSONError) -> [SnapshotRow] {
        var rows: [SnapshotRow] = []
        while let token = try reader.next(), token != .endArray {
            let start = reader.location.offset
            var state = StateAssembler()
            switch token {
            case .beginArray:
                var index = 0
                while let value = try reader.next(), value != .endArray {
                    let field = index < StateField.allCases.count ? StateField(rawValue: index) : nil
                    try read(value, into: field, fallback: false, &state, &reader, bytes)
                    index += 1
                }
                state.valueCount = index
                rows.append(SnapshotRow(state: state.finish(), raw: bytes[start...reader.location.offset]))
            case .beginObject:
                var seenKeys: UInt64 = 0
                while let key = try reader.next(), key != .endObject {
                    guard case .key(let name) = key, let value = try reader.next() else { continue }
                    let target = StateField.archiveField(name)
                    if let target {
                        // One bit per accepted key: an SI key and its fallback are different keys.
                        let bit: UInt64 = 1 << UInt64(target.field.rawValue + (target.isFallback ? 32 : 0))
                        if seenKeys & bit != 0 { state.problems.append(RowProblem(.badShape, field: name)) }
                        seenKeys |= bit
                    }
                    try read(value, into: target?.field, fallback: target?.isFallback ?? false, &state, &reader, bytes)
                }
                rows.append(SnapshotRow(state: state.finish(), raw: bytes[start...reader.location.offset]))
            default:
                let text = StateAssembler.text(of: token)
                state.problems.append(RowProblem(.badShape, value: RowProblem.shortened(text)))
                rows.append(SnapshotRow(state: state.finish(), raw: ArraySlice(text.utf8)))
            }
        }
        return rows
    }

    private static func read(_ value: JSONToken, into field: StateField?, fallback: Bool,
                             _ state: inout StateAssembler, _ reader: inout JSONReader, _ bytes: [UInt8]) throws(JSONError) {
        switch value {
        case .beginArray, .beginObject:
            let start = reader.location.offset
            try skipRest(value, &reader)
            if let field, field != .sensors {
                state.wrongType(field, text: String(decoding: bytes[start...reader.location.offset], as: UTF8.self))
            }
        default:
            if let field { state.accept(field, value, fallback: fallback) }
        }
    }

    /// Skips what is left of a value whose first token was `first` (a whole container).
    static func skipRest(_ first: JSONToken?, _ reader: inout JSONReader) throws(JSONError) {
        guard first == .beginArray || first == .beginObject else { return }
        var depth = 1
        while depth > 0, let token = try reader.next() {
            switch token {
            case .beginArray, .beginObject: depth += 1
            case .endArray, .endObject: depth -= 1
            default: break
            }
        }
    }
}
