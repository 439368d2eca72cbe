// Writes one row group: each column chunk in schema order, straight after the previous one, and
// returns the `RowGroup` metadata (sizes summed from the chunks: `total_byte_size` is the
// uncompressed size, as readers expect — PARQUET-2008).

/// Encodes and writes the column chunks of one row group.
struct RowGroupWriter {
    let columns: [ColumnDescriptor]
    let options: ParquetWriterOptions

    /// Writes `batch` (already validated: one entry per column, equal row counts) to `output`
    /// and returns the row group's metadata; `ordinal` is its position in the file.
    func write(_ batch: [ColumnBatch], ordinal: Int, to output: ParquetOutput) throws -> RowGroup {
        let firstOffset = output.offset
        var chunks: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        var compressed: Int64 = 0
        for (column, columnBatch) in zip(columns, batch) {
            let writer = ColumnChunkWriter(column: column, settings: ColumnSettings(options: options, column: column))
            let chunk = try writer.write(columnBatch, startOffset: output.offset)
            try output.write(chunk.bytes)
            chunks.append(ColumnChunk(fileOffset: 0, metaData: chunk.metadata))
            uncompressed += chunk.metadata.totalUncompressedSize
            compressed += chunk.metadata.totalCompressedSize
        }
        return RowGroup(
            columns: chunks, totalByteSize: uncompressed, numRows: Int64(batch.first?.rowCount ?? 0),
            fileOffset: Int64(firstOffset), totalCompressedSize: compressed, ordinal: Int16(exactly: ordinal))
    }
}
