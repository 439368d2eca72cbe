// `lakemake parquet meta FILE`: the footer — rows, row groups with their sizes, and per column
// chunk the codec, encodings, sizes and statistics (min/max rendered with the logical type).

import Arguments
import LakeFormats
import Parquet

/// Prints a Parquet file's metadata.
enum ParquetMetaCommand: ParquetSubcommand {
    static let spec = CommandSpec(
        name: "meta",
        abstract: "Print the file metadata: rows, row groups, codecs, encodings, statistics.",
        options: [ParquetCommandOptions.json.spec],
        arguments: [ParquetCommandOptions.file.spec],
        examples: [.init("lakemake parquet meta data.parquet")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let path = inv.parsed[ParquetCommandOptions.file]
        let reader = try ParquetFileReader.opening(path)
        let chunks = ParquetChunkSummary.all(reader)
        inv.output.print(inv.parsed[ParquetCommandOptions.json] ? json(reader, chunks: chunks) : text(reader, chunks: chunks))
        return 0
    }

    static func text(_ reader: ParquetFileReader, chunks: [[ParquetChunkSummary]]) -> String {
        let meta = reader.metadata
        var lines = [
            "created_by: \(meta.createdBy ?? "(not recorded)")",
            "version: \(meta.version)",
            "rows: \(meta.numRows)",
            "row_groups: \(meta.rowGroups.count)",
            "columns: \(reader.schema.columns.count)",
        ]
        if let pairs = meta.keyValueMetadata, !pairs.isEmpty {
            lines.append("key_value_metadata:")
            for pair in pairs { lines.append("  \(pair.key) = \(shortened(pair.value ?? ""))") }
        }
        for (index, group) in meta.rowGroups.enumerated() {
            lines.append("")
            let compressed = group.totalCompressedSize.map { ", \($0) bytes compressed" } ?? ""
            lines.append("row group \(index): \(group.numRows) rows, \(group.totalByteSize) bytes uncompressed\(compressed)")
            for chunk in chunks[index] {
                var parts = ["  \(chunk.path): \(chunk.physicalType) \(chunk.codec)", "[\(chunk.encodings.joined(separator: ","))]",
                             "\(chunk.compressedSize)/\(chunk.uncompressedSize) bytes", "values \(chunk.valueCount)"]
                if let nulls = chunk.nullCount { parts.append("nulls \(nulls)") }
                if let bounds = chunk.bounds { parts.append("min \(shortened(bounds.min)) max \(shortened(bounds.max))") }
                lines.append(parts.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ reader: ParquetFileReader, chunks: [[ParquetChunkSummary]]) -> String {
        let meta = reader.metadata
        return JSONText.make { w in
            w.beginObject()
            w.field("created_by", meta.createdBy)
            w.field("version", Int64(meta.version))
            w.field("num_rows", meta.numRows)
            w.key("key_value_metadata")
            w.beginArray()
            for pair in meta.keyValueMetadata ?? [] {
                w.beginObject(); w.field("key", pair.key); w.field("value", pair.value); w.endObject()
            }
            w.endArray()
            w.key("row_groups")
            w.beginArray()
            for (index, group) in meta.rowGroups.enumerated() {
                w.beginObject()
                w.field("num_rows", group.numRows)
                w.field("total_byte_size", group.totalByteSize)
                w.field("total_compressed_size", group.totalCompressedSize)
                w.key("columns")
                w.beginArray()
                for chunk in chunks[index] { chunk.writeJSON(to: &w) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    /// Long metadata values (pyarrow stores a whole Arrow schema) are cut for the text view.
    private static func shortened(_ text: String) -> String {
        text.count <= 120 ? text : String(text.prefix(117)) + "..."
    }
}
