// Reading the hourly Parquet back into observations, column by column. Only files this
// pipeline wrote are read here; a file without the expected columns or with a missing required
// value is an unreadable input, not a crash.

import Parquet

extension HourlyParquet {
    /// Every observation of one hourly file, in file order.
    public static func decode(_ bytes: [UInt8], path: String) throws(FlightsError) -> [FlightObservation] {
        do {
            let reader = try ParquetFileReader(bytes: bytes)
            return try decode(reader, rowGroups: Array(reader.rowGroups.indices), path: path)
        } catch let error as FlightsError {
            throw error
        } catch {
            throw .unreadableInput(path: path, reason: "\(error)")
        }
    }

    /// The observations of the given row groups of an open file; with `keep`, only the rows
    /// whose latitude and longitude pass it are materialised (positions are read first).
    public static func decode(_ reader: ParquetFileReader, rowGroups: [Int], path: String,
                              keep: ((_ latitude: Double, _ longitude: Double) -> Bool)? = nil) throws -> [FlightObservation] {
        guard reader.schema.columns.map(\.dottedPath) == schema.columns.map(\.dottedPath) else {
            throw FlightsError.unreadableInput(path: path, reason: "not an hourly flights Parquet file (unexpected columns)")
        }
        var result: [FlightObservation] = []
        for group in rowGroups {
            guard let rows = Int(exactly: reader.rowGroups[group].numRows) else {
                throw FlightsError.unreadableInput(path: path, reason: "row group \(group) is too large")
            }
            var selection: [Int]?
            if let keep {
                let position = try reader.readRowGroup(group, columns: ["latitude", "longitude"])
                guard let lat = position.first(where: { $0.descriptor.dottedPath == "latitude" })?.optionalDoubles(rows: rows),
                      let lon = position.first(where: { $0.descriptor.dottedPath == "longitude" })?.optionalDoubles(rows: rows) else {
                    throw FlightsError.unreadableInput(path: path, reason: "row group \(group) has unreadable positions")
                }
                let chosen = (0..<rows).filter { i in lat[i].flatMap { y in lon[i].map { x in keep(y, x) } } ?? false }
                if chosen.isEmpty { continue }
                selection = chosen
            }
            let columns = try reader.readRowGroup(group)
            guard let observations = observations(columns, rows: rows, selection: selection) else {
                throw FlightsError.unreadableInput(path: path, reason: "row group \(group) has a column of an unexpected type or a missing required value")
            }
            result += observations
        }
        return result
    }

    private static func observations(_ c: [ColumnData], rows n: Int, selection: [Int]?) -> [FlightObservation]? {
        guard c.count == 34,
              let snapshot = c[0].optionalInt64s(rows: n, selection: selection), let icao24 = c[1].optionalStrings(rows: n, selection: selection),
              let callsign = c[2].optionalStrings(rows: n, selection: selection), let country = c[3].optionalStrings(rows: n, selection: selection),
              let timePosition = c[4].optionalInt64s(rows: n, selection: selection), let lastContact = c[5].optionalInt64s(rows: n, selection: selection),
              let lon = c[6].optionalDoubles(rows: n, selection: selection), let lat = c[7].optionalDoubles(rows: n, selection: selection),
              let baro = c[8].optionalDoubles(rows: n, selection: selection), let geo = c[9].optionalDoubles(rows: n, selection: selection),
              let onGround = c[10].booleans(rows: n, selection: selection), let velocity = c[11].optionalDoubles(rows: n, selection: selection),
              let track = c[12].optionalDoubles(rows: n, selection: selection), let rate = c[13].optionalDoubles(rows: n, selection: selection),
              let squawk = c[14].optionalStrings(rows: n, selection: selection), let spi = c[15].booleans(rows: n, selection: selection),
              let source = c[16].optionalInt32s(rows: n, selection: selection), let category = c[17].optionalInt32s(rows: n, selection: selection),
              let feet = c[18].optionalDoubles(rows: n, selection: selection), let knots = c[19].optionalDoubles(rows: n, selection: selection),
              let fpm = c[20].optionalDoubles(rows: n, selection: selection), let altitudeBand = c[21].optionalStrings(rows: n, selection: selection),
              let speedBand = c[22].optionalStrings(rows: n, selection: selection), let phase = c[23].optionalStrings(rows: n, selection: selection),
              let airlineCode = c[24].optionalStrings(rows: n, selection: selection), let airlineName = c[25].optionalStrings(rows: n, selection: selection),
              let registration = c[26].optionalStrings(rows: n, selection: selection), let typecode = c[27].optionalStrings(rows: n, selection: selection),
              let model = c[28].optionalStrings(rows: n, selection: selection), let manufacturer = c[29].optionalStrings(rows: n, selection: selection),
              let operatorName = c[30].optionalStrings(rows: n, selection: selection), let score = c[31].optionalDoubles(rows: n, selection: selection),
              let grade = c[32].optionalStrings(rows: n, selection: selection), let flags = c[33].optionalStrings(rows: n, selection: selection)
        else { return nil }
        let count = selection?.count ?? n
        var result: [FlightObservation] = []
        result.reserveCapacity(count)
        // Airline and aircraft values repeat across rows: share one copy of each.
        var airlines: [String: Airline] = [:]
        for i in 0..<count {
            guard let t = snapshot[i], let icao = icao24[i], let contact = lastContact[i], let x = lon[i], let y = lat[i],
                  let phaseText = phase[i], let flightPhase = FlightPhase(rawValue: phaseText), let s = score[i], let g = grade[i]
            else { return nil }
            var airline: Airline?
            if let code = airlineCode[i] {
                if let known = airlines[code] { airline = known } else {
                    let made = Airline(icao: code, iata: nil, name: airlineName[i] ?? code, callsign: nil, country: nil)
                    airlines[code] = made
                    airline = made
                }
            }
            let aircraft: AircraftRecord? = registration[i] == nil && typecode[i] == nil && model[i] == nil
                && manufacturer[i] == nil && operatorName[i] == nil ? nil
                : AircraftRecord(registration: registration[i], typecode: typecode[i], model: model[i],
                                 manufacturer: manufacturer[i], operatorName: operatorName[i])
            let flagList = (flags[i] ?? "").split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) }
            result.append(FlightObservation(
                snapshotTime: t / 1000, icao24: icao, callsign: callsign[i], originCountry: country[i],
                timePosition: timePosition[i].map { $0 / 1000 }, lastContact: contact / 1000, longitude: x, latitude: y,
                baroAltitudeMetres: baro[i], geoAltitudeMetres: geo[i], onGround: onGround[i],
                velocityMetresPerSecond: velocity[i], trueTrack: track[i], verticalRateMetresPerSecond: rate[i],
                squawk: squawk[i], spi: spi[i], positionSource: source[i], category: category[i],
                altitudeFeet: feet[i], velocityKnots: knots[i], verticalRateFPM: fpm[i],
                altitudeBand: altitudeBand[i].flatMap(AltitudeBand.init(rawValue:)),
                speedBand: speedBand[i].flatMap(SpeedBand.init(rawValue:)), phase: flightPhase,
                airline: airline, aircraft: aircraft, qualityScore: s, qualityGrade: g, qualityFlags: flagList))
        }
        return result
    }
}
