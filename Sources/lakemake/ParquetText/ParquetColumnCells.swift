// The text of one column chunk's values, rendered column by column for `lakemake parquet cat`:
// each non-null value's CSV field or JSON value as bytes in one buffer plus offsets, and for a
// dictionary-encoded chunk only the distinct entries, each rendered once, with the chunk's
// indices pointing at them. `ParquetRowOutput` then interleaves the columns into rows by copying
// these bytes, so no ParquetValue or String is made per row.
//
// The text must be exactly what `ParquetValueText` writes for the same value (the row path that
// `head` still uses, and tests compare against). The common physical/logical pairs (plain and
// signed integers, dates, decimals in INT32/INT64, timestamps, UTF-8 strings) are rendered here
// from the numbers and bytes; every other pair converts each value (or dictionary entry) to a
// ParquetValue and renders it through `ParquetValueText`.

import LakeBuild
import LakeFormats
import Parquet

/// How cells are written: as CSV fields or as JSON values.
enum ParquetCellStyle {
    case csv, json
}

/// Rendered values of one column chunk, and which rows hold them.
struct ParquetColumnCells {
    /// Cell `i` is `text[offsets[i]..<offsets[i + 1]]`.
    private(set) var text: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    /// For a dictionary chunk, the cell of each non-null value in row order; nil when cell `i`
    /// is the `i`-th non-null value.
    let indices: [UInt32]?
    /// Empty when every row holds a value; otherwise a row holds one where its level is `full`.
    let definitionLevels: [Int16]
    let full: Int16

    /// Renders the values of `column`, a flat leaf (no repetition).
    init(_ column: ColumnVector, style: ParquetCellStyle) {
        definitionLevels = column.definitionLevels
        full = Int16(clamping: column.descriptor.maxDefinitionLevel)
        let field = column.descriptor.field
        switch column.storage {
        case let .buffer(buffer):
            indices = nil
            render(buffer, field: field, style: style)
        case let .dictionary(entries, dictionaryIndices):
            indices = dictionaryIndices
            render(entries, field: field, style: style)
        }
    }

    /// Number of non-null values the levels announce (equal to the values present in a sound chunk).
    static func announcedValues(_ column: ColumnVector) -> Int {
        guard !column.definitionLevels.isEmpty else { return column.entryCount }
        let full = Int16(clamping: column.descriptor.maxDefinitionLevel)
        return column.definitionLevels.reduce(0) { $0 + ($1 >= full ? 1 : 0) }
    }

    // MARK: Rendering

    private mutating func endCell() { offsets.append(text.count) }

    private mutating func render(_ buffer: ColumnBuffer, field: ParquetField, style: ParquetCellStyle) {
        let scale = Int(field.scale ?? 0)
        let quoted = style == .json  // dates, times and decimals are JSON strings
        offsets.reserveCapacity(buffer.count + 1)
        switch (buffer, field.logicalType, field.convertedType) {
        case let (.int32(values), nil, nil), let (.int32(values), .integer(_, true)?, _):
            text.reserveCapacity(values.count * 6)
            for v in values { appendInteger(Int64(v)); endCell() }
        case let (.int64(values), nil, nil), let (.int64(values), .integer(_, true)?, _):
            text.reserveCapacity(values.count * 8)
            for v in values { appendInteger(v); endCell() }
        case let (.int32(values), .date?, _):
            text.reserveCapacity(values.count * 12)
            for v in values { quote(quoted) { $0.appendDate(Int64(v)) }; endCell() }
        case let (.int32(values), .decimal?, _) where (0...18).contains(scale):
            text.reserveCapacity(values.count * 8)
            for v in values { quote(quoted) { $0.appendDecimal(Int64(v), scale: scale) }; endCell() }
        case let (.int64(values), .decimal?, _) where (0...18).contains(scale):
            text.reserveCapacity(values.count * 10)
            for v in values { quote(quoted) { $0.appendDecimal(v, scale: scale) }; endCell() }
        case let (.int64(values), .timestamp(utc, unit)?, _):
            text.reserveCapacity(values.count * 28)
            var day = DayText()
            for v in values { quote(quoted) { $0.appendTimestamp(v, unit: unit, utc: utc, day: &day) }; endCell() }
        case let (.byteArray(values), .string?, _), let (.byteArray(values), nil, .utf8?):
            text.reserveCapacity(values.values.count + values.count * 2)
            for i in 0..<values.count { appendString(values[i], style: style); endCell() }
        default:
            for value in ParquetValue.converting(buffer: buffer, field: field) {
                let cell = style == .csv ? ParquetValueText.csvField(value) : ParquetValueText.compactJSON(value)
                if style == .csv { appendCSVField(cell.utf8) } else { text.append(contentsOf: cell.utf8) }
                endCell()
            }
        }
    }

    /// Wraps what `body` appends in JSON quotes when `quoted` (the text needs no escaping).
    private mutating func quote(_ quoted: Bool, _ body: (inout ParquetColumnCells) -> Void) {
        if quoted { text.append(UInt8(ascii: "\"")) }
        body(&self)
        if quoted { text.append(UInt8(ascii: "\"")) }
    }

    /// Decimal digits of `value`, with a minus sign when negative.
    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { text.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, width: 1)
    }

    /// The digits of `magnitude`, zero-padded to at least `width`, written in place.
    private mutating func appendDigits(_ magnitude: UInt64, width: Int) {
        var count = 1, limit: UInt64 = 10
        while count < 20 && magnitude >= limit { count += 1; limit = limit &* 10 }
        if width > count { text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count)) }
        let start = text.count
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var rest = magnitude, position = start + count - 1
        while rest > 0 {
            text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }

    /// `DecimalText.text(unscaled:scale:)` for a scale of 0 to 18, without the String.
    private mutating func appendDecimal(_ unscaled: Int64, scale: Int) {
        let magnitude = unscaled.magnitude
        if unscaled < 0 { text.append(UInt8(ascii: "-")) }
        guard scale > 0 else { appendDigits(magnitude, width: 1); return }
        var power: UInt64 = 1
        for _ in 0..<scale { power *= 10 }
        appendDigits(magnitude / power, width: 1)
        text.append(UInt8(ascii: "."))
        appendDigits(magnitude % power, width: scale)
    }

    /// `ParquetCalendarText.date(daysSinceEpoch:)`.
    private mutating func appendDate(_ days: Int64) {
        let (year, month, day) = CalendarDate(daysSinceEpoch: Int(days)).components
        if year < 0 { text.append(UInt8(ascii: "-")) } else if year > 9999 { text.append(UInt8(ascii: "+")) }
        appendDigits(UInt64(year.magnitude), width: year > 9999 ? 1 : 4)
        text.append(UInt8(ascii: "-"))
        appendDigits(UInt64(month), width: 2)
        text.append(UInt8(ascii: "-"))
        appendDigits(UInt64(day), width: 2)
    }

    /// The date part of the last timestamp, kept because consecutive instants share a day.
    private struct DayText {
        var days: Int64?
        var bytes: [UInt8] = []
    }

    /// `ParquetCalendarText.timestamp(_:unit:utc:)`.
    private mutating func appendTimestamp(_ value: Int64, unit: TimeUnit, utc: Bool, day: inout DayText) {
        let perSecond: Int64, width: Int
        switch unit {
        case .millis: perSecond = 1000; width = 3
        case .micros: perSecond = 1_000_000; width = 6
        case .nanos: perSecond = 1_000_000_000; width = 9
        }
        let (seconds, fraction) = Self.floorDivision(value, perSecond)
        let (days, secondsOfDay) = Self.floorDivision(seconds, 86_400)
        if day.days != days {
            let start = text.count
            appendDate(days)
            day.bytes = Array(text[start...])
            day.days = days
        } else {
            text.append(contentsOf: day.bytes)
        }
        text.append(UInt8(ascii: "T"))
        appendDigits(UInt64(secondsOfDay / 3600), width: 2)
        text.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secondsOfDay / 60 % 60), width: 2)
        text.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secondsOfDay % 60), width: 2)
        text.append(UInt8(ascii: "."))
        appendDigits(UInt64(fraction), width: width)
        if utc { text.append(UInt8(ascii: "Z")) }
    }

    /// Quotient rounded towards minus infinity and the non-negative remainder.
    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    /// A UTF-8 string value: invalid sequences become U+FFFD exactly as `String(decoding:)`
    /// makes them on the row path, then CSV quoting or JSON escaping.
    private mutating func appendString(_ bytes: ArraySlice<UInt8>, style: ParquetCellStyle) {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            style == .csv ? appendCSVField(bytes) : appendJSONString(bytes)
        } else {
            let repaired = String(decoding: bytes, as: UTF8.self).utf8
            style == .csv ? appendCSVField(repaired) : appendJSONString(repaired)
        }
    }

    /// `CSVWriter`'s field: quoted only when it holds a comma, quote, CR or LF.
    private mutating func appendCSVField<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { text.append(contentsOf: bytes); return }
        text.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { text.append(byte) }
            text.append(byte)
        }
        text.append(UInt8(ascii: "\""))
    }

    /// `JSONWriter`'s string: quotes, backslashes and control characters escaped.
    private mutating func appendJSONString<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            var writer = JSONWriter(style: .compact)
            writer.string(String(decoding: bytes, as: UTF8.self))
            text.append(contentsOf: writer.bytes)
        } else {
            text.append(UInt8(ascii: "\""))
            text.append(contentsOf: bytes)
            text.append(UInt8(ascii: "\""))
        }
    }
}
