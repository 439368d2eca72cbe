// How one Parquet value is written out by `lakemake parquet head|cat`: as JSON (NDJSON rows),
// as a CSV field, or as a table cell. Logical types are rendered the same way everywhere:
// dates `YYYY-MM-DD`, times `HH:MM:SS[.fff]`, timestamps ISO-8601 (`Z` when adjusted to UTC),
// decimals as their exact text, bytes as base64.

import Foundation
import LakeFormats
import Parquet

/// Text renderings of `ParquetValue`s.
enum ParquetValueText {
    /// Writes `value` as one JSON value: numbers stay numbers, logical types become strings,
    /// lists arrays, structs objects, and maps objects keyed by the key's text.
    static func writeJSON(_ value: ParquetValue, to w: inout JSONWriter) {
        switch value {
        case .null: w.null()
        case .bool(let b): w.bool(b)
        case .int32(let v): w.int(Int64(v))
        case .int64(let v): w.int(v)
        case .uint64(let v):
            if let number = JSONNumber(String(v)) { w.number(number) } else { w.string(String(v)) }
        case .float(let v):
            if v.isFinite, let number = JSONNumber(v.description) { w.number(number) } else { w.null() }
        case .double(let v): w.double(v)
        case .list(let items):
            w.beginArray()
            for item in items { writeJSON(item, to: &w) }
            w.endArray()
        case .map(let entries):
            w.beginObject()
            for entry in entries {
                w.key(scalarText(entry.key) ?? compactJSON(entry.key))
                writeJSON(entry.value, to: &w)
            }
            w.endObject()
        case .struct(let fields):
            w.beginObject()
            for field in fields {
                w.key(field.name)
                writeJSON(field.value, to: &w)
            }
            w.endObject()
        default:
            w.string(scalarText(value) ?? "")
        }
    }

    /// One row as a compact JSON object, fields in schema order.
    static func jsonLine(names: [String], row: [ParquetValue]) -> String {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        for (name, value) in zip(names, row) {
            w.key(name)
            writeJSON(value, to: &w)
        }
        w.endObject()
        return w.text
    }

    /// `value` as compact JSON text.
    static func compactJSON(_ value: ParquetValue) -> String {
        var w = JSONWriter(style: .compact)
        writeJSON(value, to: &w)
        return w.text
    }

    /// The CSV field for `value`: empty for null, the scalar text, or compact JSON for
    /// lists, maps and structs.
    static func csvField(_ value: ParquetValue) -> String {
        if case .null = value { return "" }
        return scalarText(value) ?? compactJSON(value)
    }

    /// The text of a scalar value; nil for null, lists, maps and structs.
    static func scalarText(_ value: ParquetValue) -> String? {
        switch value {
        case .null, .list, .map, .struct: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .uint64(let v): return String(v)
        case .float(let v): return v.description
        case .double(let v): return v.description
        case .bytes(let bytes): return Data(bytes).base64EncodedString()
        case .string(let s): return s
        case .date(let days): return ParquetCalendarText.date(daysSinceEpoch: Int64(days))
        case let .time(value, unit): return ParquetCalendarText.time(value, unit: unit)
        case let .timestamp(value, unit, utc): return ParquetCalendarText.timestamp(value, unit: unit, utc: utc)
        case .decimal(let text): return text
        }
    }
}
