// What `lakemake parquet meta` shows for one column chunk, taken from its ColumnMetaData.

import LakeFormats
import Parquet

/// One column chunk of one row group, ready to print.
struct ParquetChunkSummary {
    let path: String
    let physicalType: String
    let codec: String
    let encodings: [String]
    let compressedSize: Int64
    let uncompressedSize: Int64
    let valueCount: Int64
    let nullCount: Int64?
    let distinctCount: Int64?
    let bounds: (min: String, max: String)?

    /// The chunks of every row group, in file order and schema order.
    static func all(_ reader: ParquetFileReader) -> [[ParquetChunkSummary]] {
        reader.rowGroups.map { group in
            zip(reader.schema.columns, group.columns).map { column, chunk in
                ParquetChunkSummary(column: column, chunk: chunk)
            }
        }
    }

    init(column: ColumnDescriptor, chunk: ColumnChunk) {
        path = column.dottedPath
        let meta = chunk.metaData
        physicalType = (meta?.type ?? column.physicalType).description
        codec = meta.map { $0.codec.description } ?? "?"
        encodings = meta?.encodings.map(\.description) ?? []
        compressedSize = meta?.totalCompressedSize ?? 0
        uncompressedSize = meta?.totalUncompressedSize ?? 0
        valueCount = meta?.numValues ?? 0
        nullCount = meta?.statistics?.nullCount
        distinctCount = meta?.statistics?.distinctCount
        bounds = meta?.statistics.flatMap { ParquetStatisticsText.bounds($0, field: column.field) }
    }

    func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("path", path)
        w.field("physical_type", physicalType)
        w.field("codec", codec)
        w.stringArray("encodings", encodings)
        w.field("total_compressed_size", compressedSize)
        w.field("total_uncompressed_size", uncompressedSize)
        w.field("num_values", valueCount)
        w.key("statistics")
        w.beginObject()
        w.field("null_count", nullCount)
        w.field("distinct_count", distinctCount)
        w.field("min", bounds?.min)
        w.field("max", bounds?.max)
        w.endObject()
        w.endObject()
    }
}
