// `lakemake parquet schema FILE`: the schema tree in the Parquet message syntax, or as JSON
// with the leaf columns' paths and levels.

import Arguments
import LakeFormats
import Parquet

/// Prints a Parquet file's schema.
enum ParquetSchemaCommand: ParquetSubcommand {
    static let spec = CommandSpec(
        name: "schema",
        abstract: "Print the schema: names, physical and logical types, repetition.",
        options: [ParquetCommandOptions.json.spec],
        arguments: [ParquetCommandOptions.file.spec],
        examples: [.init("lakemake parquet schema --json data.parquet")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let reader = try ParquetFileReader.opening(inv.parsed[ParquetCommandOptions.file])
        inv.output.print(inv.parsed[ParquetCommandOptions.json] ? json(reader.schema) : text(reader.schema))
        return 0
    }

    /// `message schema { required int64 id; optional binary name (STRING); … }`.
    static func text(_ schema: ParquetSchema) -> String {
        var lines = ["message \(schema.rootName) {"]
        for field in schema.fields { append(field, indent: "  ", to: &lines) }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    private static func append(_ field: ParquetField, indent: String, to lines: inout [String]) {
        let annotation = ParquetTypeText.annotation(field).map { " (\($0))" } ?? ""
        let head = "\(indent)\(ParquetTypeText.repetition(field.repetition)) \(ParquetTypeText.physical(field)) \(field.name)\(annotation)"
        guard field.isGroup else {
            lines.append(head + ";")
            return
        }
        lines.append(head + " {")
        for child in field.children { append(child, indent: indent + "  ", to: &lines) }
        lines.append(indent + "}")
    }

    /// The tree as JSON, plus the leaf columns in file order.
    static func json(_ schema: ParquetSchema) -> String {
        JSONText.make { w in
            w.beginObject()
            w.field("name", schema.rootName)
            w.key("fields")
            writeFields(schema.fields, to: &w)
            w.key("columns")
            w.beginArray()
            for column in schema.columns {
                w.beginObject()
                w.field("path", column.dottedPath)
                w.field("physical_type", column.physicalType.description)
                w.field("max_definition_level", column.maxDefinitionLevel)
                w.field("max_repetition_level", column.maxRepetitionLevel)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    private static func writeFields(_ fields: [ParquetField], to w: inout JSONWriter) {
        w.beginArray()
        for field in fields {
            w.beginObject()
            w.field("name", field.name)
            w.field("repetition", ParquetTypeText.repetition(field.repetition))
            w.field("physical_type", field.physicalType?.description)
            w.field("logical_type", field.logicalType.map(ParquetTypeText.logical))
            w.field("converted_type", field.convertedType.map(ParquetTypeText.converted))
            if let length = field.typeLength { w.field("type_length", Int64(length)) }
            if let precision = field.precision { w.field("precision", Int64(precision)) }
            if let scale = field.scale { w.field("scale", Int64(scale)) }
            if let id = field.fieldId { w.field("field_id", Int64(id)) }
            if field.isGroup {
                w.key("children")
                writeFields(field.children, to: &w)
            }
            w.endObject()
        }
        w.endArray()
    }
}
