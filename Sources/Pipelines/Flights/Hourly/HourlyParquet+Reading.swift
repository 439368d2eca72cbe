// Reading the hourly Parquet back into observations: whole files (tests, small callers) or
// chosen rows of one row group (`flights query` materialises only the rows of the page it
// prints). Every column is read through `HourlyRowGroup`, so a text value becomes one String
// per distinct value of its chunk, shared by the rows that hold it.

import Parquet

extension HourlyParquet {
    /// Every observation of one hourly file, in file order.
    public static func decode(_ bytes: [UInt8], path: String) throws(FlightsError) -> [FlightObservation] {
        let reader: ParquetFileReader
        do { reader = try ParquetFileReader(bytes: bytes) } catch { throw .unreadableInput(path: path, reason: "\(error)") }
        return try decode(reader, rowGroups: Array(reader.rowGroups.indices), path: path)
    }

    /// The observations of the given row groups of an open file, in file order.
    public static func decode(_ reader: ParquetFileReader, rowGroups: [Int], path: String) throws(FlightsError) -> [FlightObservation] {
        try HourlyRowGroup.checkSchema(reader, path: path)
        var result: [FlightObservation] = []
        for group in rowGroups { result += try observations(reader, path: path, group: group, rows: nil) }
        return result
    }

    /// The observations of `rows` (sorted, disjoint; nil for all) of row group `group` of an
    /// hourly file whose schema has been checked, in row order.
    static func observations(_ reader: ParquetFileReader, path: String, group: Int, rows: [Range<Int>]?) throws(FlightsError) -> [FlightObservation] {
        let c = try HourlyRowGroup(reader, path: path, group: group, fields: HourlyField.allCases, rows: rows)
        let snapshot = try c.int64s(.snapshotTime), icao24 = try c.requiredTexts(.icao24), callsign = try c.texts(.callsign)
        let country = try c.texts(.originCountry), timePosition = try c.optionalInt64s(.timePosition), lastContact = try c.int64s(.lastContact)
        let lon = try c.doubles(.longitude), lat = try c.doubles(.latitude)
        let baro = try c.optionalDoubles(.baroAltitudeMetres), geo = try c.optionalDoubles(.geoAltitudeMetres)
        let onGround = try c.booleans(.onGround), velocity = try c.optionalDoubles(.velocityMetresPerSecond)
        let track = try c.optionalDoubles(.trueTrack), rate = try c.optionalDoubles(.verticalRateMetresPerSecond)
        let squawk = try c.texts(.squawk), spi = try c.booleans(.spi)
        let source = try c.optionalInt32s(.positionSource), category = try c.optionalInt32s(.category)
        let feet = try c.optionalDoubles(.altitudeFeet), knots = try c.optionalDoubles(.velocityKnots), fpm = try c.optionalDoubles(.verticalRateFPM)
        let altitudeBand = try c.codes(.altitudeBand, as: AltitudeBand.self, required: false)
        let speedBand = try c.codes(.speedBand, as: SpeedBand.self, required: false)
        let phase = try c.codes(.phase, as: FlightPhase.self, required: true)
        let airlineCode = try c.texts(.airlineICAO), airlineName = try c.texts(.airlineName)
        let registration = try c.texts(.registration), typecode = try c.texts(.typecode), model = try c.texts(.model)
        let manufacturer = try c.texts(.manufacturer), operatorName = try c.texts(.operatorName)
        let score = try c.doubles(.qualityScore), grade = try c.requiredTexts(.qualityGrade), flags = try c.requiredTexts(.qualityFlags)

        // Airline values repeat across rows: share one copy of each.
        var airlines: [String: Airline] = [:]
        let flagLists = flags.entries.map { $0.split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) } }
        func value<T>(_ column: OptionalColumn<T>, _ i: Int) -> T? { column.isPresent[i] ? column.values[i] : nil }
        var result: [FlightObservation] = []
        result.reserveCapacity(c.count)
        for i in 0..<c.count {
            var airline: Airline?
            if let code = airlineCode.value(i) {
                if let known = airlines[code] { airline = known } else {
                    let made = Airline(icao: code, iata: nil, name: airlineName.value(i) ?? code, callsign: nil, country: nil)
                    airlines[code] = made
                    airline = made
                }
            }
            let aircraft: AircraftRecord? = registration.value(i) == nil && typecode.value(i) == nil && model.value(i) == nil
                && manufacturer.value(i) == nil && operatorName.value(i) == nil ? nil
                : AircraftRecord(registration: registration.value(i), typecode: typecode.value(i), model: model.value(i),
                                 manufacturer: manufacturer.value(i), operatorName: operatorName.value(i))
            result.append(FlightObservation(
                snapshotTime: snapshot[i] / 1000, icao24: icao24.entries[Int(icao24.codes[i])], callsign: callsign.value(i),
                originCountry: country.value(i), timePosition: value(timePosition, i).map { $0 / 1000 }, lastContact: lastContact[i] / 1000,
                longitude: lon[i], latitude: lat[i], baroAltitudeMetres: value(baro, i), geoAltitudeMetres: value(geo, i),
                onGround: onGround[i], velocityMetresPerSecond: value(velocity, i), trueTrack: value(track, i),
                verticalRateMetresPerSecond: value(rate, i), squawk: squawk.value(i), spi: spi[i],
                positionSource: value(source, i), category: value(category, i),
                altitudeFeet: value(feet, i), velocityKnots: value(knots, i), verticalRateFPM: value(fpm, i),
                altitudeBand: AltitudeBand.allCases.element(at: altitudeBand[i]), speedBand: SpeedBand.allCases.element(at: speedBand[i]),
                phase: FlightPhase.allCases.element(at: phase[i]) ?? .unknown,
                airline: airline, aircraft: aircraft, qualityScore: score[i], qualityGrade: grade.entries[Int(grade.codes[i])],
                qualityFlags: flagLists[Int(flags.codes[i])]))
        }
        return result
    }
}

extension Array {
    /// The element a `ColumnCode` names; nil for `ColumnCode.none`.
    func element(at code: UInt8) -> Element? {
        code == ColumnCode.none ? nil : self[Int(code)]
    }
}
