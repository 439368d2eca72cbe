// Reads a snapshot file (flights.md §1) in one pass over its bytes: `{"time": …, "states":
// [...] | null}`, the states either arrays of 17–18 values (the OpenSky response as served) or
// objects keyed by field name (a fetcher's archive layout). No tree is built and no value
// becomes a String: `JSONReader.nextKind()` says what came, and each value goes from the
// reader's `withText` span into the reused `StateRow` (numbers parsed from their bytes, the
// four string fields copied once). A caller takes the rows one at a time, judging each while
// it is still in the row, and asks at the end whether the file as a whole stands.
//
// Whole-file rules: a file that is not JSON, is not an object, has no numeric `time`, whose
// `states` is neither an array nor null, or that gives `time` or `states` twice, is rejected;
// the whole document must be valid JSON, so a broken file is always reported as broken JSON.
// Rows come before the end of the file is seen, so a caller keeps what it made of them only
// once `finish()` accepts the file.
//
// Rows need the snapshot's time to be judged. OpenSky serves `time` first; when `states` comes
// first, a look-ahead pass over the top-level members finds `time` before the rows are read.

import LakeFormats

/// A pull reader of one snapshot's rows.
struct SnapshotScanner {
    /// The row most recently read by `nextRow()` (judging it in place may add to its text).
    var row = StateRow()
    /// The snapshot's `time` (unix seconds) once known: before the first row whenever the file
    /// has a numeric `time` at all.
    private(set) var time: Int64?

    private let bytes: [UInt8]
    private var reader: JSONReader
    private var stage = Stage.start
    private var isObject = false
    private var statesValid = false
    private var seenTime = false
    private var seenStates = false
    /// Where the current row's text is: its bytes in the file, or (a row that is neither an
    /// array nor an object) its JSON text.
    private var rowSpan: ClosedRange<Int> = 0...0
    private var scalarRowText: String?

    private enum Stage { case start, members, states, done }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        reader = JSONReader(bytes)
    }

    /// Reads the next row into `row`; false once there are no more rows (the rest of the file
    /// has then been read and checked as JSON).
    mutating func nextRow() throws(SnapshotError) -> Bool {
        do throws(JSONError) {
            while true {
                switch stage {
                case .start:
                    stage = .members
                    guard try reader.nextKind() == .beginObject else {
                        stage = .done
                        while try reader.nextKind() != nil {}
                        return false
                    }
                    isObject = true
                case .members:
                    guard let token = try reader.nextKind(), token != .endObject else {
                        stage = .done
                        while try reader.nextKind() != nil {}
                        return false
                    }
                    try member()  // `token` is a key: the grammar allows nothing else here
                case .states:
                    guard let token = try reader.nextKind(), token != .endArray else {
                        stage = .members
                        continue
                    }
                    try readRow(token)
                    return true
                case .done:
                    return false
                }
            }
        } catch {
            throw .notJSON(error)
        }
    }

    /// After `nextRow()` has returned false: the snapshot's time, or why the file is rejected.
    func finish() throws(SnapshotError) -> Int64 {
        guard isObject else { throw .notAnObject }
        guard let time else { throw .missingTime }
        guard statesValid else { throw .badStates }
        return time
    }

    /// The current row's bytes as they arrived (for a row that is not an array or object, its
    /// JSON text).
    var rowText: String {
        scalarRowText ?? String(decoding: bytes[rowSpan], as: UTF8.self)
    }

    /// The current row's bytes as they arrived, as a slice of the file where there is one.
    var rowBytes: ArraySlice<UInt8> {
        scalarRowText.map { ArraySlice($0.utf8) } ?? bytes[rowSpan]
    }

    // MARK: Top-level members

    /// Reads one member of the top-level object, whose key was just read. Stops at the `[` of
    /// `states`, leaving its rows to `nextRow()`.
    private mutating func member() throws(JSONError) {
        let key = reader.withText { Self.topLevelKey($0) }
        if key == .time || key == .states {
            if key == .time ? seenTime : seenStates {
                throw JSONError(.duplicateKey(key == .time ? "time" : "states"), at: reader.location, path: reader.path)
            }
            if key == .time { seenTime = true } else { seenStates = true }
        }
        switch key {
        case .time:
            let value = try reader.nextKind()
            if value == .number {
                time = reader.withText { Self.integer(literal: $0) }
            } else {
                try reader.skipRest(after: value)
            }
        case .states:
            switch try reader.nextKind() {
            case .null?:
                statesValid = true
            case .beginArray?:
                statesValid = true
                if !seenTime { time = Self.lookAheadTime(bytes) }
                stage = .states
            case let other:
                try reader.skipRest(after: other)
            }
        case .other:
            try reader.skipValue()
        }
    }

    private enum TopLevelKey { case time, states, other }

    private static let timeKey = Array("time".utf8), statesKey = Array("states".utf8)

    private static func topLevelKey(_ key: Span<UInt8>) -> TopLevelKey {
        func equals(_ name: [UInt8]) -> Bool {
            key.count == name.count && (0..<key.count).allSatisfy { key[$0] == name[$0] }
        }
        if equals(timeKey) { return .time }
        if equals(statesKey) { return .states }
        return .other
    }

    /// The value of the first top-level `time` member, when it is a number; nil otherwise or
    /// when the file breaks before it (the main pass reports that).
    private static func lookAheadTime(_ bytes: [UInt8]) -> Int64? {
        var reader = JSONReader(bytes)
        guard (try? reader.nextKind()) == .beginObject else { return nil }
        while let token = try? reader.nextKind(), token == .key {
            if reader.withText({ topLevelKey($0) }) == .time {
                guard (try? reader.nextKind()) == .number else { return nil }
                return reader.withText { integer(literal: $0) }
            }
            guard (try? reader.skipValue()) != nil else { return nil }
        }
        return nil
    }

    /// A number literal as whole unix seconds (or another integer); fractions are truncated.
    static func integer(literal: Span<UInt8>) -> Int64? {
        if let value = JSONNumber.int64(literal: literal) { return value }
        guard let value = JSONNumber.double(literal: literal), abs(value) < 9.0e15 else { return nil }
        return Int64(value.rounded(.towardZero))
    }

    // MARK: Rows

    /// Reads one element of `states`, whose first token is `first`, into `row`.
    private mutating func readRow(_ first: JSONTokenKind) throws(JSONError) {
        switch try row.read(first, &reader, bytes) {
        case .bytes(let span):
            rowSpan = span
            scalarRowText = nil
        case .text(let text):
            scalarRowText = text
        }
    }
}

extension JSONReader {
    /// Skips what is left of a value whose first token was `first`: the rest of a container,
    /// nothing after a scalar.
    mutating func skipRest(after first: JSONTokenKind?) throws(JSONError) {
        guard first == .beginArray || first == .beginObject else { return }
        var depth = 1
        while depth > 0, let token = try nextKind() {
            switch token {
            case .beginArray, .beginObject: depth += 1
            case .endArray, .endObject: depth -= 1
            default: break
            }
        }
    }
}
