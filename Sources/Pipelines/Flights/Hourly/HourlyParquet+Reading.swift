// Reading the hourly Parquet back into observations. Only files this pipeline wrote are read
// here; a file without the expected columns is an unreadable input, not a crash.

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

    /// The observations of the given row groups of an open file.
    public static func decode(_ reader: ParquetFileReader, rowGroups: [Int], path: String) throws -> [FlightObservation] {
        let names = schema.fields.map(\.name)
        guard reader.schema.fields.map(\.name) == names else {
            throw FlightsError.unreadableInput(path: path, reason: "not an hourly flights Parquet file (unexpected columns)")
        }
        var result: [FlightObservation] = []
        for group in rowGroups {
            for row in try reader.rows(rowGroup: group) {
                guard let observation = observation(row) else {
                    throw FlightsError.unreadableInput(path: path, reason: "a row has a missing required value")
                }
                result.append(observation)
            }
        }
        return result
    }

    private static func observation(_ v: [ParquetValue]) -> FlightObservation? {
        guard v.count == 34, let snapshot = seconds(v[0]), let icao24 = string(v[1]), let lastContact = seconds(v[5]),
              let lon = double(v[6]), let lat = double(v[7]), let phaseText = string(v[23]),
              let phase = FlightPhase(rawValue: phaseText), let score = double(v[31]), let grade = string(v[32])
        else { return nil }
        let airline = string(v[24]).map { Airline(icao: $0, iata: nil, name: string(v[25]) ?? $0, callsign: nil, country: nil) }
        let aircraftFields = (26...30).map { string(v[$0]) }
        let aircraft = aircraftFields.allSatisfy({ $0 == nil }) ? nil : AircraftRecord(
            registration: aircraftFields[0], typecode: aircraftFields[1], model: aircraftFields[2],
            manufacturer: aircraftFields[3], operatorName: aircraftFields[4])
        let flags = (string(v[33]) ?? "").split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) }
        return FlightObservation(
            snapshotTime: snapshot, icao24: icao24, callsign: string(v[2]), originCountry: string(v[3]),
            timePosition: seconds(v[4]), lastContact: lastContact, longitude: lon, latitude: lat,
            baroAltitudeMetres: double(v[8]), geoAltitudeMetres: double(v[9]), onGround: bool(v[10]),
            velocityMetresPerSecond: double(v[11]), trueTrack: double(v[12]), verticalRateMetresPerSecond: double(v[13]),
            squawk: string(v[14]), spi: bool(v[15]), positionSource: int32(v[16]), category: int32(v[17]),
            altitudeFeet: double(v[18]), velocityKnots: double(v[19]), verticalRateFPM: double(v[20]),
            altitudeBand: string(v[21]).flatMap(AltitudeBand.init(rawValue:)),
            speedBand: string(v[22]).flatMap(SpeedBand.init(rawValue:)), phase: phase,
            airline: airline, aircraft: aircraft, qualityScore: score, qualityGrade: grade, qualityFlags: flags)
    }

    private static func seconds(_ value: ParquetValue) -> Int64? {
        if case let .timestamp(ms, .millis, _) = value { return ms / 1000 }
        return nil
    }

    private static func string(_ value: ParquetValue) -> String? {
        if case let .string(text) = value { return text }
        return nil
    }

    private static func double(_ value: ParquetValue) -> Double? {
        if case let .double(x) = value { return x }
        return nil
    }

    private static func int32(_ value: ParquetValue) -> Int32? {
        if case let .int32(x) = value { return x }
        return nil
    }

    private static func bool(_ value: ParquetValue) -> Bool {
        if case let .bool(x) = value { return x }
        return false
    }
}
