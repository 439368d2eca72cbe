// Writing CSV that any RFC 4180 reader (and `CSVReader`) reads back to the same fields.

/// Builds CSV text one record at a time. Fields are quoted only when they must be: when they
/// contain a comma, a quote, CR or LF; quotes inside are doubled. Records end with LF.
public struct CSVWriter: Sendable {
    /// The output so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The output so far, as a String.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        // A record of one empty field would be a blank line, which readers skip or read as no
        // fields at all: it is written as `""` (as Python's csv module does).
        if fields == [""] {
            bytes.append(contentsOf: "\"\"\n".utf8)
            return
        }
        for (position, field) in fields.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func appendField(_ field: String) {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
