// `processed/flights_rejected/date=…/hour=…/data.parquet`: every row that failed a critical
// check, with its source file, its index in that file's `states`, the raw values as JSON text,
// every reason code (`reasons`, comma-separated, distinct, in spec order: easy to filter and
// group on) and every problem with the field it names and that field's value as received
// (`reason_details`, a JSON array of `{"reason", "field", "value"}`).

import Parquet

/// Writing the rejected-rows table.
public enum RejectedRowsParquet {
    public static let schema = ParquetSchema(fields: [
        .string("source_file", optional: false), .int32("row_index", optional: false),
        .timestamp("snapshot_time", optional: false), .string("raw_values", optional: false),
        .string("reasons", optional: false), .string("reason_details", optional: false),
    ])

    /// The table of `rows`, handed to `sink` a column chunk at a time.
    static func write(_ rows: [RejectedRow], to sink: ParquetSink) throws {
        let writer = try ParquetWriter(sink: sink, schema: schema, options: ParquetWriterOptions())
        try writer.write(batch: [
            .strings(rows.map(\.sourceFile)), .int32s(rows.map { Int32(clamping: $0.rowIndex) }),
            .timestamps(rows.map(\.snapshotTime)), .strings(rows.map(\.rawText)),
            .strings(rows.map { $0.reasons.map(\.rawValue).joined(separator: ",") }),
            .strings(rows.map { RowProblem.json($0.problems) }),
        ])
        try writer.finish()
    }
}
