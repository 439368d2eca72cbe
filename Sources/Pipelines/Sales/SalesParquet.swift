// The Parquet layout of a store-day partition (sales.md §2): the ten input fields in input
// order, all required; strings as UTF-8 BYTE_ARRAY, the timestamp as INT64
// TIMESTAMP(MILLIS, UTC), quantity INT32, money DECIMAL(10,2) in INT64 (the unscaled value is
// the amount in cents, so no conversion is needed either way). The writer's defaults apply:
// dictionary encoding where it pays, Snappy, statistics. `created_by` is fixed so that the same
// upload always gives the same bytes.

import Parquet

/// Writes the Parquet form of an upload's `SalesColumns`, and reads it back as a `SalesBatch`.
public enum SalesParquet {
    /// `created_by` of every sales partition: deterministic, parseable by parquet-java.
    public static let createdBy = "lakemake version 0.1.0 (build sales-parquet-1)"

    /// The file schema.
    public static let schema: ParquetSchema = {
        func text(_ name: String) -> ParquetField {
            ParquetField(name: name, type: .byteArray, repetition: .required, logicalType: .string)
        }
        func money(_ name: String) -> ParquetField {
            ParquetField(name: name, type: .int64, repetition: .required, logicalType: .decimal(scale: 2, precision: 10))
        }
        return ParquetSchema(fields: [
            text("transaction_id"),
            ParquetField(name: "transaction_timestamp", type: .int64, repetition: .required,
                         logicalType: .timestamp(isAdjustedToUTC: true, unit: .millis)),
            text("item_sku"), text("item_name"),
            ParquetField(name: "quantity", type: .int32, repetition: .required),
            money("unit_price"), money("line_total"), money("discount_amount"),
            text("payment_method"), text("customer_id"),
        ])
    }()

    /// The bytes of a Parquet file holding `columns` as one row group (see `write`).
    public static func bytes(_ columns: SalesColumns) throws(SalesError) -> [UInt8] {
        do {
            let writer = try ParquetWriter(schema: schema, options: options)
            try write(columns, with: writer)
            return writer.bytes
        } catch {
            throw .parquet(String(describing: error))
        }
    }

    /// Writes a Parquet file holding `columns` as one row group into `sink`, a column chunk at
    /// a time. The column buffers are handed to the writer as they are: nothing is converted
    /// or copied on the way.
    public static func write(_ columns: SalesColumns, to sink: ParquetSink) throws(ParquetError) {
        try write(columns, with: try ParquetWriter(sink: sink, schema: schema, options: options))
    }

    private static var options: ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.createdBy = createdBy
        return options
    }

    private static func write(_ columns: SalesColumns, with writer: ParquetWriter) throws(ParquetError) {
        try writer.write(batch: [
            ColumnBatch(buffer: .byteArray(columns.transactionID)), ColumnBatch(buffer: .int64(columns.timestampMillis)),
            ColumnBatch(buffer: .byteArray(columns.sku)), ColumnBatch(buffer: .byteArray(columns.itemName)),
            ColumnBatch(buffer: .int32(columns.quantity)), ColumnBatch(buffer: .int64(columns.unitPriceCents)),
            ColumnBatch(buffer: .int64(columns.lineTotalCents)), ColumnBatch(buffer: .int64(columns.discountCents)),
            ColumnBatch(buffer: .byteArray(columns.paymentMethod)), ColumnBatch(buffer: .byteArray(columns.customerID)),
        ])
        try writer.finish()
    }

    /// Reads a partition written by `bytes(_:)` back into columns.
    public static func batch(from bytes: [UInt8], path: String) throws(SalesError) -> SalesBatch {
        var batch = SalesBatch()
        do {
            let reader = try ParquetFileReader(bytes: bytes)
            var indices: [Int] = []
            for name in SalesUploadParser.fieldNames {
                guard let i = reader.schema.columnIndex(named: name) else {
                    throw SalesError.unexpectedParquet(path: path, reason: "column \(name) is missing")
                }
                indices.append(i)
            }
            for group in reader.rowGroups.indices {
                let columns = try reader.readColumns(rowGroup: group, columnIndices: indices, keepDictionary: true)
                guard columns.count == 10 else { throw SalesError.unexpectedParquet(path: path, reason: "expected 10 columns") }
                try append(columns, to: &batch, path: path)
            }
        } catch let error as SalesError {
            throw error
        } catch {
            throw .unexpectedParquet(path: path, reason: String(describing: error))
        }
        return batch
    }

    /// Appends one row group's columns; strings are made from the buffers' bytes, and for a
    /// dictionary-encoded column once per distinct value.
    private static func append(_ c: [ColumnVector], to b: inout SalesBatch, path: String) throws(SalesError) {
        func texts(_ buffer: ByteArrayBuffer) -> [String] {
            (0..<buffer.count).map { String(decoding: buffer[$0], as: UTF8.self) }
        }
        func strings(_ i: Int) throws(SalesError) -> [String] {
            switch c[i].storage {
            case .buffer(.byteArray(let v)): return texts(v)
            case .dictionary(.byteArray(let entries), let indices):
                let distinct = texts(entries)
                return indices.map { distinct[Int($0)] }  // checked against the entries when decoded
            default: throw wrongType(i)
            }
        }
        func values(_ i: Int) -> ColumnBuffer { c[i].buffer }
        func int64(_ i: Int) throws(SalesError) -> [Int64] {
            guard case .int64(let v) = values(i) else { throw wrongType(i) }
            return v
        }
        func wrongType(_ i: Int) -> SalesError {
            .unexpectedParquet(path: path, reason: "column \(SalesUploadParser.fieldNames[i]) has an unexpected type")
        }
        guard case .int32(let quantity) = values(4) else { throw wrongType(4) }
        b.transactionID += try strings(0)
        b.timestampMillis += try int64(1)
        b.sku += try strings(2)
        b.itemName += try strings(3)
        b.quantity += quantity
        b.unitPriceCents += try int64(5)
        b.lineTotalCents += try int64(6)
        b.discountCents += try int64(7)
        b.paymentMethod += try strings(8)
        b.customerID += try strings(9)
        let n = b.transactionID.count
        guard [b.timestampMillis.count, b.sku.count, b.quantity.count, b.customerID.count].allSatisfy({ $0 == n }) else {
            throw .unexpectedParquet(path: path, reason: "columns have different lengths (nulls in a required column?)")
        }
    }
}
