// The raw values of a rejected row are kept as compact JSON text, exactly as they were read
// (numbers keep their literal), so an analyst sees what arrived.

import LakeFormats

/// Compact JSON text of a parsed value.
enum RawRowText {
    static func compact(_ value: JSONValue) -> String {
        var writer = JSONWriter(style: .compact)
        write(value, to: &writer)
        return writer.text
    }

    private static func write(_ value: JSONValue, to writer: inout JSONWriter) {
        switch value {
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.key)
                write(member.value, to: &writer)
            }
            writer.endObject()
        case .array(let elements):
            writer.beginArray()
            for element in elements { write(element, to: &writer) }
            writer.endArray()
        case .string(let text): writer.string(text)
        case .number(let number): writer.number(number)
        case .bool(let flag): writer.bool(flag)
        case .null: writer.null()
        }
    }
}
