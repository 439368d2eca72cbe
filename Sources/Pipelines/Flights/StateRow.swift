// One state row as read (flights.md §1), in the form the hot path fills: numbers as numbers,
// the four string fields as ranges of one reused byte buffer, and nothing allocated per row
// unless the row has a problem. `SnapshotScanner` fills it token by token and judging reads it
// in place; `StateVector` (one String per text field) converts to and from it for tests and
// small callers, so the rules exist once.
//
// Types are checked per field: a value of the wrong type (a string where a number belongs, a
// number no Double can hold) leaves the field nil and is noted as a `bad_type` problem naming
// the field and quoting the value, so the row is rejected with every other reason that
// applies. `sensors` is neither validated nor output, so any value of it is accepted.
//
// The archive layout is keyed by the served names; when the SI keys are absent, the fetcher's
// `baro_altitude_m`, `geo_altitude_m`, `velocity_ms` and `vertical_rate_ms` stand in (an SI key
// wins whatever the order). Other keys (`baro_altitude_ft`, …) are ignored: units are converted
// once, from SI, never re-read.

import LakeFormats
import Parquet

/// The fields of a state row, in the served column order (flights.md §1).
enum StateField: Int, CaseIterable {
    case icao24, callsign, originCountry, timePosition, lastContact, longitude, latitude, baroAltitude
    case onGround, velocity, trueTrack, verticalRate, sensors, geoAltitude, squawk, spi, positionSource, category

    /// The served name.
    var name: String { Self.names[rawValue] }

    private static let names = [
        "icao24", "callsign", "origin_country", "time_position", "last_contact", "longitude", "latitude",
        "baro_altitude", "on_ground", "velocity", "true_track", "vertical_rate", "sensors", "geo_altitude",
        "squawk", "spi", "position_source", "category",
    ]

    /// The archive layout's keys: the served names, then the four fallbacks for SI keys.
    private static let archiveKeys = ByteArrayBuffer(
        (names + ["baro_altitude_m", "geo_altitude_m", "velocity_ms", "vertical_rate_ms"]).map { Array($0.utf8) })
    private static let fallbackFields: [StateField] = [.baroAltitude, .geoAltitude, .velocity, .verticalRate]

    /// The archive key at `key` number (as `archiveField` numbers them).
    static func archiveKey(_ key: Int) -> String {
        String(decoding: archiveKeys[key], as: UTF8.self)
    }

    /// The field an archive-layout key fills, whether the key is a fallback for an SI key, and
    /// the key's number (a distinct number per accepted key); nil for keys the pipeline ignores.
    static func archiveField(_ key: Span<UInt8>) -> (field: StateField, isFallback: Bool, key: Int)? {
        for index in 0..<archiveKeys.count where archiveKeys.elementsEqual(at: index, key) {
            if index < names.count { return (StateField(rawValue: index) ?? .sensors, false, index) }
            return (fallbackFields[index - names.count], true, index)
        }
        return nil
    }

    /// This field's bit in `StateRow.wrongTypes` and `filledBySI`.
    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// Fields whose SI key wins over an archive fallback.
    static let siFields: UInt32 = StateField.baroAltitude.bit | StateField.geoAltitude.bit | StateField.velocity.bit | StateField.verticalRate.bit
}

/// The values of one row, reused from row to row.
struct StateRow {
    var timePosition: Int64?
    var lastContact: Int64?
    var longitude: Double?
    var latitude: Double?
    var baroAltitude: Double?
    var onGround = false
    var velocity: Double?
    var trueTrack: Double?
    var verticalRate: Double?
    var geoAltitude: Double?
    var spi = false
    var positionSource: Int32?
    var category: Int32?
    /// The string fields as received (escapes decoded): ranges of `text`, nil when null or absent.
    var icao24: Range<Int>?
    var callsign: Range<Int>?
    var originCountry: Range<Int>?
    var squawk: Range<Int>?
    /// The bytes of the string fields, back to back.
    var text: [UInt8] = []
    /// What reading found wrong: `bad_shape` for the row, `bad_type` for a field.
    var problems: [RowProblem] = []
    /// One bit per field (`StateField.bit`) noted as `bad_type`.
    var wrongTypes: UInt32 = 0

    /// Values in an array row (nil for object rows).
    var valueCount: Int?
    /// Whether the row gave `last_contact` at all (possibly null).
    var lastContactGiven = false
    /// Fields given by their SI key, which a fallback key must not overwrite.
    var filledBySI: UInt32 = 0

    /// Empties the row for the next one, keeping the text buffer's storage.
    mutating func reset() {
        var text = self.text
        self.text = []
        text.removeAll(keepingCapacity: true)
        self = StateRow(text: text)
    }

    /// A string field as a String.
    func string(_ range: Range<Int>?) -> String? {
        range.map { String(decoding: text[$0], as: UTF8.self) }
    }

    /// Appends `bytes` to `text` and returns their range.
    mutating func store(_ bytes: Span<UInt8>) -> Range<Int> {
        let start = text.count
        bytes.withUnsafeBufferPointer { text.append(contentsOf: $0) }
        return start..<text.count
    }

    /// Whether reading found `field` present with a value of the wrong type.
    func hasWrongType(_ field: StateField) -> Bool { wrongTypes & field.bit != 0 }

    /// Notes that `field` holds `text`, JSON of the wrong type for it.
    mutating func wrongType(_ field: StateField, text: String) {
        problems.append(RowProblem(.badType, field: field.name, value: RowProblem.shortened(text)))
        wrongTypes |= field.bit
    }

    /// The checks that need the whole row: too few values, and `last_contact`, the one used
    /// field that may not be null (flights.md §1). Called once, after the row's last value.
    mutating func finish() {
        if let count = valueCount, count < 17 { problems.append(RowProblem(.badShape, value: "\(count) values, 17 expected")) }
        let lastContactName = StateField.lastContact.name
        if lastContact == nil, !problems.contains(where: { $0.field == lastContactName }) {
            if lastContactGiven {
                problems.append(RowProblem(.badType, field: lastContactName, value: "null"))
                wrongTypes |= StateField.lastContact.bit
            } else if valueCount == nil {
                problems.append(RowProblem(.badShape, field: lastContactName))
            }
        }
    }
}

extension StateRow {
    /// A row holding the values of `state` (for judging a `StateVector` by the same rules).
    init(_ state: StateVector) {
        self.init()
        func stored(_ value: String?) -> Range<Int>? {
            guard let value else { return nil }
            let start = text.count
            text.append(contentsOf: value.utf8)
            return start..<text.count
        }
        icao24 = stored(state.icao24)
        callsign = stored(state.callsign)
        originCountry = stored(state.originCountry)
        squawk = stored(state.squawk)
        timePosition = state.timePosition
        lastContact = state.lastContact
        longitude = state.longitude
        latitude = state.latitude
        baroAltitude = state.baroAltitude
        onGround = state.onGround
        velocity = state.velocity
        trueTrack = state.trueTrack
        verticalRate = state.verticalRate
        geoAltitude = state.geoAltitude
        spi = state.spi
        positionSource = state.positionSource
        category = state.category
        problems = state.readProblems
        for problem in problems where problem.reason == .badType {
            if let field = StateField.allCases.first(where: { $0.name == problem.field }) { wrongTypes |= field.bit }
        }
    }
}

extension StateVector {
    /// The row's values with one String per text field.
    init(_ row: StateRow) {
        self.init(
            icao24: row.string(row.icao24), callsign: row.string(row.callsign), originCountry: row.string(row.originCountry),
            timePosition: row.timePosition, lastContact: row.lastContact, longitude: row.longitude, latitude: row.latitude,
            baroAltitude: row.baroAltitude, onGround: row.onGround, velocity: row.velocity, trueTrack: row.trueTrack,
            verticalRate: row.verticalRate, geoAltitude: row.geoAltitude, squawk: row.string(row.squawk), spi: row.spi,
            positionSource: row.positionSource, category: row.category, readProblems: row.problems)
    }
}
