// The hourly Parquet of flights.md §3: one row per kept observation, timestamps as INT64
// TIMESTAMP(MILLIS, UTC), in the column order of the spec. Reading it back gives the same
// `FlightObservation` values, which is what the daily rules and `flights query` work from.

import Parquet

/// Writing and reading `processed/flights/date=…/hour=…/data.parquet`.
public enum HourlyParquet {
    public static let schema = ParquetSchema(fields: [
        .timestamp("snapshot_time", optional: false), .string("icao24", optional: false), .string("callsign"),
        .string("origin_country"), .timestamp("time_position"), .timestamp("last_contact", optional: false),
        .double("longitude", optional: false), .double("latitude", optional: false),
        .double("baro_altitude_m"), .double("geo_altitude_m"), .boolean("on_ground"), .double("velocity_ms"),
        .double("true_track"), .double("vertical_rate_ms"), .string("squawk"), .boolean("spi"),
        .int32("position_source"), .int32("category"),
        .double("baro_altitude_ft"), .double("velocity_kt"), .double("vertical_rate_fpm"),
        .string("altitude_band"), .string("speed_band"), .string("flight_phase", optional: false),
        .string("airline_icao"), .string("airline_name"),
        .string("registration"), .string("typecode"), .string("model"), .string("manufacturer"), .string("operator"),
        .double("quality_score", optional: false), .string("quality_grade", optional: false),
        .string("quality_flags", optional: false),
    ])

    /// Rows per row group: small enough that `flights query` can skip groups by their
    /// latitude and longitude statistics.
    public static let rowGroupRows = 16_384

    /// Positions and measurements are nearly all distinct: a dictionary would only cost time.
    static let options: ParquetWriterOptions = {
        var options = ParquetWriterOptions()
        for column in ["time_position", "last_contact", "longitude", "latitude", "baro_altitude_m", "geo_altitude_m",
                       "velocity_ms", "true_track", "vertical_rate_ms", "baro_altitude_ft", "velocity_kt", "vertical_rate_fpm"] {
            options.columnOverrides[column] = ColumnWriteOptions(useDictionary: false)
        }
        return options
    }()

    public static func encode(_ rows: [FlightObservation]) throws -> [UInt8] {
        let writer = try ParquetWriter(schema: schema, options: options)
        var start = 0
        repeat {
            let slice = Array(rows[start..<min(rows.count, start + rowGroupRows)])
            try writer.write(batch: columns(slice))
            start += rowGroupRows
        } while start < rows.count
        try writer.finish()
        return writer.bytes
    }

    static func columns(_ r: [FlightObservation]) -> [ColumnBatch] {
        [
            .timestamps(r.map(\.snapshotTime)), .strings(r.map(\.icao24)), .strings(r.map(\.callsign)),
            .strings(r.map(\.originCountry)), .timestamps(r.map(\.timePosition)), .timestamps(r.map(\.lastContact)),
            .doubles(r.map(\.longitude)), .doubles(r.map(\.latitude)),
            .doubles(r.map(\.baroAltitudeMetres)), .doubles(r.map(\.geoAltitudeMetres)), .booleans(r.map(\.onGround)),
            .doubles(r.map(\.velocityMetresPerSecond)), .doubles(r.map(\.trueTrack)),
            .doubles(r.map(\.verticalRateMetresPerSecond)), .strings(r.map(\.squawk)), .booleans(r.map(\.spi)),
            .int32s(r.map(\.positionSource)), .int32s(r.map(\.category)),
            .doubles(r.map(\.altitudeFeet)), .doubles(r.map(\.velocityKnots)), .doubles(r.map(\.verticalRateFPM)),
            .strings(r.map { $0.altitudeBand?.rawValue }), .strings(r.map { $0.speedBand?.rawValue }),
            .strings(r.map { $0.phase.rawValue }),
            .strings(r.map { $0.airline?.icao }), .strings(r.map { $0.airline?.name }),
            .strings(r.map { $0.aircraft?.registration }), .strings(r.map { $0.aircraft?.typecode }),
            .strings(r.map { $0.aircraft?.model }), .strings(r.map { $0.aircraft?.manufacturer }),
            .strings(r.map { $0.aircraft?.operatorName }),
            .doubles(r.map(\.qualityScore)), .strings(r.map(\.qualityGrade)),
            .strings(r.map { $0.qualityFlags.map(\.rawValue).joined(separator: ",") }),
        ]
    }
}
