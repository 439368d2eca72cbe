// `processed/flights_rejected/date=…/hour=…/data.parquet`: every row that failed a critical
// check, with its source file, its index in that file's `states`, the raw values as JSON text
// and every reason code (comma-separated, in spec order).

import Parquet

/// Writing the rejected-rows table.
public enum RejectedRowsParquet {
    public static let schema = ParquetSchema(fields: [
        .string("source_file", optional: false), .int32("row_index", optional: false),
        .timestamp("snapshot_time", optional: false), .string("raw_values", optional: false),
        .string("reasons", optional: false),
    ])

    public static func encode(_ rows: [RejectedRow]) throws -> [UInt8] {
        let writer = try ParquetWriter(schema: schema, options: ParquetWriterOptions())
        try writer.write(batch: [
            .strings(rows.map(\.sourceFile)), .int32s(rows.map { Int32(clamping: $0.rowIndex) }),
            .timestamps(rows.map(\.snapshotTime)), .strings(rows.map(\.rawText)),
            .strings(rows.map { $0.reasons.map(\.rawValue).joined(separator: ",") }),
        ])
        try writer.finish()
        return writer.bytes
    }
}
