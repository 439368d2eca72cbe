// The hourly Parquet of flights.md §3: one row per kept observation, timestamps as INT64
// TIMESTAMP(MILLIS, UTC), in the column order of the spec. It is written from `HourlyColumns`
// (the hourly action's buffers, or hand-built observations put into them); reading it back
// gives the same `FlightObservation` values.

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

    /// The file of `rows` (row numbers of `columns`), in that order, `rowGroupRows` to a row
    /// group: each group is gathered from the columns, written and let go before the next.
    static func encode(_ columns: HourlyColumns, rows: [Int32]) throws -> [UInt8] {
        let writer = try ParquetWriter(schema: schema, options: options)
        try write(columns, rows: rows, with: writer)
        return writer.bytes
    }

    /// The same file, handed to `sink` a column chunk at a time.
    static func write(_ columns: HourlyColumns, rows: [Int32], to sink: ParquetSink) throws {
        try write(columns, rows: rows, with: try ParquetWriter(sink: sink, schema: schema, options: options))
    }

    private static func write(_ columns: HourlyColumns, rows: [Int32], with writer: ParquetWriter) throws {
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + rowGroupRows)
            try writer.write(batch: columns.batches(rows[start..<end]))
            start = end
        }
        try writer.finish()
    }

    /// The file of hand-built observations, in their order.
    public static func encode(_ observations: [FlightObservation]) throws -> [UInt8] {
        try encode(HourlyColumns(observations), rows: (0..<Int32(observations.count)).map { $0 })
    }
}
