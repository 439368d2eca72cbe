// Writes one row group: each column chunk in schema order, straight after the previous one, and
// returns the `RowGroup` metadata (sizes summed from the chunks: `total_byte_size` is the
// uncompressed size, as readers expect — PARQUET-2008) with the chunks' page indexes, which
// the file writer places after the last row group.

/// A written row group: its metadata and, per column, the page index still to be written.
struct WrittenRowGroup {
    var rowGroup: RowGroup
    var offsetIndexes: [OffsetIndex]
    var columnIndexes: [ColumnIndex?]
}

/// Encodes and writes the column chunks of one row group.
struct RowGroupWriter {
    let columns: [ColumnDescriptor]
    let options: ParquetWriterOptions

    /// Writes `batch` (already validated: one entry per column, equal row counts) to `output`
    /// and returns the row group's metadata; `ordinal` is its position in the file.
    func write(_ batch: [ColumnBatch], ordinal: Int, to output: ParquetOutput) throws(ParquetError) -> WrittenRowGroup {
        let firstOffset = output.offset
        var chunks: [ColumnChunk] = []
        var offsetIndexes: [OffsetIndex] = []
        var columnIndexes: [ColumnIndex?] = []
        var uncompressed: Int64 = 0
        var compressed: Int64 = 0
        for (column, columnBatch) in zip(columns, batch) {
            let writer = ColumnChunkWriter(column: column, settings: ColumnSettings(options: options, column: column))
            let chunk = try writer.write(columnBatch, to: output)
            chunks.append(ColumnChunk(fileOffset: 0, metaData: chunk.metadata))
            offsetIndexes.append(chunk.offsetIndex)
            columnIndexes.append(chunk.columnIndex)
            uncompressed += chunk.metadata.totalUncompressedSize
            compressed += chunk.metadata.totalCompressedSize
        }
        let rowGroup = RowGroup(
            columns: chunks, totalByteSize: uncompressed, numRows: Int64(batch.first?.rowCount ?? 0),
            fileOffset: Int64(firstOffset), totalCompressedSize: compressed, ordinal: Int16(exactly: ordinal))
        return WrittenRowGroup(rowGroup: rowGroup, offsetIndexes: offsetIndexes, columnIndexes: columnIndexes)
    }
}
