// The kept rows of one hour as column buffers, in the order they were read: what the hourly
// action fills while it judges rows, and what `HourlyParquet` writes from, a row group at a
// time, in the sorted order of the hour (flights.md §3). No String and no boxed value per row:
// numbers in plain arrays, the text fields as `ByteArrayBuffer`s, the icao24 as its 24-bit
// number, bands, phase and flags as small codes, and the airline and aircraft as numbers of
// rows in `references`, whose strings are held once.
//
// Optional columns keep a slot for every row (a placeholder where the row has no value) and a
// presence flag, so row i is at index i in every column and a row group is gathered in one
// pass. The last snapshot's rows can be dropped again (`removeLast`): a file is rejected
// whole when its end turns out broken or its time belongs to another hour.

import Parquet

/// Values of an optional column, one slot per row.
struct OptionalColumn<Value> {
    var values: [Value] = []
    var isPresent: [Bool] = []
    let placeholder: Value

    init(placeholder: Value) { self.placeholder = placeholder }

    mutating func append(_ value: Value?) {
        values.append(value ?? placeholder)
        isPresent.append(value != nil)
    }

    mutating func removeLast(_ count: Int) {
        values.removeLast(count)
        isPresent.removeLast(count)
    }

}

/// Byte strings of an optional text column, one (empty) value per row without one.
struct OptionalStrings {
    var values = ByteArrayBuffer()
    var isPresent: [Bool] = []

    /// Appends bytes `range` of `text`, or a null for nil.
    mutating func append(_ range: Range<Int>?, of text: [UInt8]) {
        values.append(text.span.extracting(range ?? 0..<0))
        isPresent.append(range != nil)
    }

    mutating func append(_ text: String?) {
        values.append(Array((text ?? "").utf8))
        isPresent.append(text != nil)
    }

    mutating func removeLast(_ count: Int) {
        values.removeLast(count)
        isPresent.removeLast(count)
    }

    /// Makes room for `rows` more rows of about `bytes` bytes in all.
    mutating func reserveCapacity(_ rows: Int, bytes: Int) {
        values.reserveCapacity(count: rows, bytes: bytes)
        let total = isPresent.count + rows
        if total > isPresent.capacity { isPresent.reserveCapacity(Swift.max(total, 2 * isPresent.capacity)) }
    }
}

/// Rows of strings stored once and referred to by number: the airlines (code and name) and the
/// aircraft (registration, type code, model, manufacturer, operator) kept rows are enriched with.
struct ReferenceStrings {
    /// One column per field, one row per entry.
    private(set) var fields: [OptionalStrings]

    init(fields count: Int) { fields = Array(repeating: OptionalStrings(), count: count) }

    var count: Int { fields.first?.isPresent.count ?? 0 }

    /// Adds an entry and returns its number.
    @discardableResult
    mutating func append(_ values: [String?]) -> Int32 {
        for (i, value) in values.enumerated() { fields[i].append(value) }
        return Int32(count - 1)
    }
}

/// Codes of the derived text columns: an enum case's index, `none` for null.
enum ColumnCode {
    static let none: UInt8 = .max

    static func of<Case: CaseIterable & Equatable>(_ value: Case?) -> UInt8 {
        guard let value, let index = Case.allCases.firstIndex(of: value) else { return none }
        return UInt8(Case.allCases.distance(from: Case.allCases.startIndex, to: index))
    }
}

/// The kept rows of an hour, in reading order.
struct HourlyColumns {
    var snapshotTime: [Int64] = []
    var icao24: [ICAO24] = []
    var callsign = OptionalStrings()
    var originCountry = OptionalStrings()
    var timePosition = OptionalColumn<Int64>(placeholder: 0)
    var lastContact: [Int64] = []
    var longitude: [Double] = []
    var latitude: [Double] = []
    var baroAltitudeMetres = OptionalColumn<Double>(placeholder: 0)
    var geoAltitudeMetres = OptionalColumn<Double>(placeholder: 0)
    var onGround: [Bool] = []
    var velocityMetresPerSecond = OptionalColumn<Double>(placeholder: 0)
    var trueTrack = OptionalColumn<Double>(placeholder: 0)
    var verticalRateMetresPerSecond = OptionalColumn<Double>(placeholder: 0)
    var squawk = OptionalStrings()
    var spi: [Bool] = []
    var positionSource = OptionalColumn<Int32>(placeholder: 0)
    var category = OptionalColumn<Int32>(placeholder: 0)
    var altitudeFeet = OptionalColumn<Double>(placeholder: 0)
    var velocityKnots = OptionalColumn<Double>(placeholder: 0)
    var verticalRateFPM = OptionalColumn<Double>(placeholder: 0)
    /// `ColumnCode`s of `AltitudeBand`, `SpeedBand` and `FlightPhase`.
    var altitudeBand: [UInt8] = []
    var speedBand: [UInt8] = []
    var phase: [UInt8] = []
    /// Entry numbers in `airlines` and `aircraft`; -1 for none.
    var airline: [Int32] = []
    var aircraft: [Int32] = []
    var qualityScore: [Double] = []
    /// The grade's letter, as ASCII.
    var qualityGrade: [UInt8] = []
    var qualityFlags: [QualityFlags] = []

    /// Airline code and name.
    var airlines = ReferenceStrings(fields: 2)
    /// Registration, type code, model, manufacturer, operator.
    var aircraftRecords = ReferenceStrings(fields: 5)

    var count: Int { snapshotTime.count }

    init() {}

    /// Columns for rows enriched from `references`: their airlines and aircraft are numbered
    /// as the tables number them.
    init(references: FlightReferences) {
        for airline in references.airlines.airlines { airlines.append([airline.icao, airline.name]) }
        for record in references.aircraft.numberedRecords { aircraftRecords.append(Self.fields(of: record)) }
    }

    private static func fields(of record: AircraftRecord) -> [String?] {
        [record.registration, record.typecode, record.model, record.manufacturer, record.operatorName]
    }

    /// Makes room for about `rows` more rows, so that filling the columns does not copy them
    /// again and again as they grow.
    mutating func reserve(rows: Int) {
        let total = count + rows
        func grow<T>(_ array: inout [T]) { if total > array.capacity { array.reserveCapacity(Swift.max(total, 2 * array.capacity)) } }
        func grow<T>(_ column: inout OptionalColumn<T>) {
            grow(&column.values)
            grow(&column.isPresent)
        }
        grow(&snapshotTime)
        grow(&icao24)
        callsign.reserveCapacity(rows, bytes: rows * 8)
        originCountry.reserveCapacity(rows, bytes: rows * 12)
        squawk.reserveCapacity(rows, bytes: rows * 4)
        grow(&timePosition)
        grow(&lastContact)
        grow(&longitude)
        grow(&latitude)
        grow(&baroAltitudeMetres)
        grow(&geoAltitudeMetres)
        grow(&onGround)
        grow(&velocityMetresPerSecond)
        grow(&trueTrack)
        grow(&verticalRateMetresPerSecond)
        grow(&spi)
        grow(&positionSource)
        grow(&category)
        grow(&altitudeFeet)
        grow(&velocityKnots)
        grow(&verticalRateFPM)
        grow(&altitudeBand)
        grow(&speedBand)
        grow(&phase)
        grow(&airline)
        grow(&aircraft)
        grow(&qualityScore)
        grow(&qualityGrade)
        grow(&qualityFlags)
    }

    /// Appends a kept row of a snapshot taken at `snapshotTime`: `row` as read, `kept` as judged.
    mutating func append(_ row: StateRow, _ kept: KeptRow, snapshotTime time: Int64) {
        let m = kept.measurements
        snapshotTime.append(time)
        icao24.append(kept.icao24)
        callsign.append(kept.callsign, of: row.text)
        originCountry.append(row.originCountry, of: row.text)
        timePosition.append(row.timePosition)
        lastContact.append(kept.lastContact)
        longitude.append(kept.longitude)
        latitude.append(kept.latitude)
        baroAltitudeMetres.append(m.baroAltitudeMetres)
        geoAltitudeMetres.append(row.geoAltitude)
        onGround.append(row.onGround)
        velocityMetresPerSecond.append(m.velocityMetresPerSecond)
        trueTrack.append(row.trueTrack)
        verticalRateMetresPerSecond.append(m.verticalRateMetresPerSecond)
        squawk.append(row.squawk, of: row.text)
        spi.append(row.spi)
        positionSource.append(row.positionSource)
        category.append(row.category)
        altitudeFeet.append(m.altitudeFeet)
        velocityKnots.append(m.velocityKnots)
        verticalRateFPM.append(m.verticalRateFPM)
        altitudeBand.append(ColumnCode.of(kept.altitudeBand))
        speedBand.append(ColumnCode.of(kept.speedBand))
        phase.append(ColumnCode.of(kept.phase))
        airline.append(kept.airline.map { Int32($0) } ?? -1)
        aircraft.append(kept.aircraft.map { Int32($0) } ?? -1)
        qualityScore.append(kept.score)
        qualityGrade.append(QualityScore.gradeLetter(kept.score))
        qualityFlags.append(m.flags)
    }

    /// Removes the last `rows` rows.
    mutating func removeLast(_ rows: Int) {
        guard rows > 0 else { return }
        snapshotTime.removeLast(rows)
        icao24.removeLast(rows)
        callsign.removeLast(rows)
        originCountry.removeLast(rows)
        timePosition.removeLast(rows)
        lastContact.removeLast(rows)
        longitude.removeLast(rows)
        latitude.removeLast(rows)
        baroAltitudeMetres.removeLast(rows)
        geoAltitudeMetres.removeLast(rows)
        onGround.removeLast(rows)
        velocityMetresPerSecond.removeLast(rows)
        trueTrack.removeLast(rows)
        verticalRateMetresPerSecond.removeLast(rows)
        squawk.removeLast(rows)
        spi.removeLast(rows)
        positionSource.removeLast(rows)
        category.removeLast(rows)
        altitudeFeet.removeLast(rows)
        velocityKnots.removeLast(rows)
        verticalRateFPM.removeLast(rows)
        altitudeBand.removeLast(rows)
        speedBand.removeLast(rows)
        phase.removeLast(rows)
        airline.removeLast(rows)
        aircraft.removeLast(rows)
        qualityScore.removeLast(rows)
        qualityGrade.removeLast(rows)
        qualityFlags.removeLast(rows)
    }
}

extension HourlyColumns {
    /// Columns holding `observations` in order (hand-built rows, such as tests write): their
    /// airlines and aircraft become entries of their own.
    init(_ observations: [FlightObservation]) {
        self.init()
        var airlineNumbers: [[String?]: Int32] = [:], aircraftNumbers: [[String?]: Int32] = [:]
        for o in observations {
            snapshotTime.append(o.snapshotTime)
            guard let address = ICAO24(o.icao24) else { preconditionFailure("an observation's icao24 is six hex digits: \(o.icao24)") }
            icao24.append(address)
            callsign.append(o.callsign)
            originCountry.append(o.originCountry)
            timePosition.append(o.timePosition)
            lastContact.append(o.lastContact)
            longitude.append(o.longitude)
            latitude.append(o.latitude)
            baroAltitudeMetres.append(o.baroAltitudeMetres)
            geoAltitudeMetres.append(o.geoAltitudeMetres)
            onGround.append(o.onGround)
            velocityMetresPerSecond.append(o.velocityMetresPerSecond)
            trueTrack.append(o.trueTrack)
            verticalRateMetresPerSecond.append(o.verticalRateMetresPerSecond)
            squawk.append(o.squawk)
            spi.append(o.spi)
            positionSource.append(o.positionSource)
            category.append(o.category)
            altitudeFeet.append(o.altitudeFeet)
            velocityKnots.append(o.velocityKnots)
            verticalRateFPM.append(o.verticalRateFPM)
            altitudeBand.append(ColumnCode.of(o.altitudeBand))
            speedBand.append(ColumnCode.of(o.speedBand))
            phase.append(ColumnCode.of(o.phase))
            func number(_ fields: [String?]?, _ table: inout ReferenceStrings, _ numbers: inout [[String?]: Int32]) -> Int32 {
                guard let fields else { return -1 }
                if let known = numbers[fields] { return known }
                let made = table.append(fields)
                numbers[fields] = made
                return made
            }
            airline.append(number(o.airline.map { [$0.icao, $0.name] }, &airlines, &airlineNumbers))
            aircraft.append(number(o.aircraft.map(Self.fields(of:)), &aircraftRecords, &aircraftNumbers))
            qualityScore.append(o.qualityScore)
            guard let grade = o.qualityGrade.utf8.first, o.qualityGrade.utf8.count == 1 else {
                preconditionFailure("a quality grade is one letter: \(o.qualityGrade)")
            }
            qualityGrade.append(grade)
            qualityFlags.append(QualityFlags(o.qualityFlags))
        }
    }
}
