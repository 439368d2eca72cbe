// The top of the writer: `ParquetWriter` → `RowGroupWriter` → `ColumnChunkWriter` → `PageWriter`.
// Each level returns the metadata it wrote and its parent collects it; `finish()` writes the
// footer from what was collected. The file streams: "PAR1", then row groups as they are
// written, then the page indexes (every column index, then every offset index, as parquet-java
// and arrow place them), then FileMetaData, its length and "PAR1".
//
// The columnar batch API (`write(batch:)`) is the primitive; `write(rows:)` in
// `ParquetWriter+Rows.swift` converts rows of `ParquetValue`s into a batch.
//
// Scope: flat schemas (top-level required and optional leaves). Nested schemas, and any misuse
// that could not produce a valid file (wrong column count, mismatched lengths, a value of the
// wrong physical type, writing after finish), throw `ParquetError.invalidWriterUse`.

/// Writes a Parquet file from columnar batches, one or more row groups per batch.
///
/// ```swift
/// let writer = try ParquetWriter(path: "out.parquet", schema: schema)
/// try writer.write(batch: [ColumnBatch(.int32([1, 2])), ColumnBatch(.byteArray([[0x61]]), validity: [true, false])])
/// try writer.finish()
/// ```
/// The same schema, options and batches always give the same bytes.
public final class ParquetWriter {
    public let schema: ParquetSchema
    public let options: ParquetWriterOptions
    private let output: ParquetOutput
    private var rowGroups: [RowGroup] = []
    /// Page indexes of the row groups written, placed before the footer by `finish()`.
    private var pageIndexes: [(offsets: [OffsetIndex], columns: [ColumnIndex?])] = []
    private var rowCount: Int64 = 0
    private var isFinished = false

    /// A writer that creates (or truncates) the file at `path` and streams into it.
    public convenience init(path: String, schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        try Self.validate(schema: schema, options: options)
        try self.init(schema: schema, options: options, output: ParquetOutput(path: path))
    }

    /// A writer that hands the file's bytes to `sink` as they are made (a column chunk at a
    /// time), so the file is never whole in memory.
    public convenience init(sink: ParquetSink, schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        try Self.validate(schema: schema, options: options)
        try self.init(schema: schema, options: options, output: ParquetOutput(sink: sink))
    }

    /// A writer that builds the file in memory; read it from `bytes` after `finish()`.
    public convenience init(schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        try Self.validate(schema: schema, options: options)
        try self.init(schema: schema, options: options, output: ParquetOutput())
    }

    private init(schema: ParquetSchema, options: ParquetWriterOptions, output: ParquetOutput) throws(ParquetError) {
        self.schema = schema
        self.options = options
        self.output = output
        try output.write(Self.magic)
    }

    /// The file's bytes so far when writing in memory (the whole file after `finish()`); empty
    /// when writing to a path.
    public var bytes: [UInt8] { output.buffer }

    /// Writes one batch: one `ColumnBatch` per leaf column, in schema order, all with the same
    /// number of rows. A batch becomes one row group, or several when its estimated size is above
    /// `rowGroupSizeLimit`. An empty batch writes nothing.
    /// - Returns: the metadata of the row groups written (without the page index locations,
    ///   which `finish()` adds).
    @discardableResult
    public func write(batch: [ColumnBatch]) throws(ParquetError) -> [RowGroup] {
        guard !isFinished else { throw ParquetError.invalidWriterUse(reason: "write after finish()") }
        let rows = try validate(batch: batch)
        guard rows > 0 else { return [] }
        let writer = RowGroupWriter(columns: schema.columns, options: options)
        var written: [RowGroup] = []
        for range in rowGroupRanges(batch, rows: rows) {
            let slice = range.count == rows ? batch : batch.map { $0.rows(range) }
            let group = try writer.write(slice, ordinal: rowGroups.count, to: output)
            rowGroups.append(group.rowGroup)
            pageIndexes.append((group.offsetIndexes, group.columnIndexes))
            written.append(group.rowGroup)
            rowCount += Int64(range.count)
        }
        return written
    }

    /// Writes the footer and closes the file. The writer accepts no more batches afterwards.
    /// - Returns: the footer that was written.
    @discardableResult
    public func finish() throws(ParquetError) -> FileMetaData {
        guard !isFinished else { throw ParquetError.invalidWriterUse(reason: "finish() called twice") }
        isFinished = true
        if options.writePageIndex { try writePageIndexes() }
        let metadata = FileMetaData(
            version: 1, schema: schema.schemaElements(), numRows: rowCount, rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty ? nil : options.keyValueMetadata,
            createdBy: options.createdBy,
            columnOrders: Array(repeating: .typeDefinedOrder, count: schema.columns.count))
        let footer = metadata.thriftBytes()
        var tail = ByteWriter(reservingCapacity: footer.count + 8)
        tail.writeBytes(footer)
        tail.writeUInt32LE(UInt32(footer.count))
        tail.writeBytes(Self.magic)
        try output.write(tail.bytes)
        try output.close()
        return metadata
    }

    /// Writes every column index, then every offset index, and points the column chunks at them.
    private func writePageIndexes() throws(ParquetError) {
        for (group, indexes) in pageIndexes.enumerated() {
            for (column, index) in indexes.columns.enumerated() {
                guard let index else { continue }
                let bytes = index.thriftBytes()
                rowGroups[group].columns[column].columnIndexOffset = Int64(output.offset)
                rowGroups[group].columns[column].columnIndexLength = Int32(clamping: bytes.count)
                try output.write(bytes)
            }
        }
        for (group, indexes) in pageIndexes.enumerated() {
            for (column, index) in indexes.offsets.enumerated() {
                let bytes = index.thriftBytes()
                rowGroups[group].columns[column].offsetIndexOffset = Int64(output.offset)
                rowGroups[group].columns[column].offsetIndexLength = Int32(clamping: bytes.count)
                try output.write(bytes)
            }
        }
        pageIndexes = []
    }

    private static let magic: [UInt8] = Array("PAR1".utf8)

    /// Row ranges of the row groups a batch is cut into, of about equal estimated size.
    private func rowGroupRanges(_ batch: [ColumnBatch], rows: Int) -> [Range<Int>] {
        let estimate = batch.reduce(0) { $0 + $1.buffer.plainSize(0..<$1.buffer.count) + $1.rowCount / 8 }
        let limit = max(1, options.rowGroupSizeLimit)
        let groups = min(rows, max(1, (estimate + limit - 1) / limit))
        let rowsPerGroup = (rows + groups - 1) / groups
        return stride(from: 0, to: rows, by: rowsPerGroup).map { $0..<min(rows, $0 + rowsPerGroup) }
    }
}
