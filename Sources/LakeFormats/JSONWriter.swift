// Deterministic JSON output. The same calls always produce the same bytes: members come out in
// the order they are written (never from a Dictionary), numbers are formatted without locale,
// and the pretty layout is fixed. Outputs are hashed for early cutoff, so this matters.
//
// Number formats:
// - `int` writes decimal digits.
// - `cents` writes an amount of cents with exactly two decimals: 1250 → `12.50`, -50 → `-0.50`.
// - `double` writes Swift's shortest round-trip form (`Double.description`): `0.1`, `3.0`,
//   `1234.5`. Magnitudes from 1e-4 up to 2^53 are written in plain decimal; outside that
//   range Swift switches to exponent form (`1e+16`, `1e-05`), which is valid JSON and reads
//   back to the same Double. NaN and infinities cannot be expressed in JSON and are written
//   as `null`.

/// Builds one JSON document as UTF-8 bytes, in compact form (one line, for NDJSON) or pretty
/// form (2-space indent, `"key": value`, trailing newline).
///
/// Call order follows the document: `beginObject()`, then `key(_:)` and one value per
/// member, `endObject()`. Calling out of order (a value without a key inside an object, an
/// unbalanced end) is a programming error and stops the program.
public struct JSONWriter: Sendable {
    /// The layout of the output.
    public enum Style: Sendable {
        /// No whitespace at all; no trailing newline.
        case compact
        /// Two-space indentation, one member or element per line, and a newline at the end.
        case pretty
    }

    private struct Container {
        var isObject: Bool
        var count = 0
    }

    public let style: Style
    /// The output so far.
    public private(set) var bytes: [UInt8] = []
    private var containers: [Container] = []
    private var awaitingMemberValue = false

    public init(style: Style = .compact) {
        self.style = style
    }

    /// The output so far, as a String.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        containers.append(Container(isObject: true))
    }

    public mutating func endObject() {
        close(isObject: true, bracket: UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        containers.append(Container(isObject: false))
    }

    public mutating func endArray() {
        close(isObject: false, bracket: UInt8(ascii: "]"))
    }

    /// Starts an object member; the next call must write its value.
    public mutating func key(_ name: String) {
        precondition(containers.last?.isObject == true && !awaitingMemberValue, "JSON key outside an object")
        startItem()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        if style == .pretty { bytes.append(UInt8(ascii: " ")) }
        awaitingMemberValue = true
    }

    public mutating func string(_ value: String) {
        beforeValue()
        appendQuoted(value)
        afterValue()
    }

    public mutating func int(_ value: Int64) {
        beforeValue()
        bytes.append(contentsOf: String(value).utf8)
        afterValue()
    }

    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// Writes an amount of cents as a decimal with exactly two places: 1250 → `12.50`.
    public mutating func cents(_ value: Int64) {
        beforeValue()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        bytes.append(contentsOf: String(magnitude / 100).utf8)
        bytes.append(UInt8(ascii: "."))
        let fraction = magnitude % 100
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
        afterValue()
    }

    /// Writes the shortest text that reads back as `value`, or `null` if it is not finite.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        beforeValue()
        bytes.append(contentsOf: value.description.utf8)
        afterValue()
    }

    /// Writes a number literal unchanged, e.g. one read by `JSONReader`.
    public mutating func number(_ value: JSONNumber) {
        beforeValue()
        bytes.append(contentsOf: value.literal.utf8)
        afterValue()
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        afterValue()
    }

    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
        afterValue()
    }

    // MARK: - Layout

    private mutating func beforeValue() {
        if awaitingMemberValue {
            awaitingMemberValue = false
            return
        }
        guard let container = containers.last else {
            precondition(bytes.isEmpty, "a JSON document has one top-level value")
            return
        }
        precondition(!container.isObject, "JSON object member written without a key")
        startItem()
    }

    private mutating func afterValue() {
        if containers.isEmpty && style == .pretty { bytes.append(UInt8(ascii: "\n")) }
    }

    /// Writes the comma and line break that come before a member or element.
    private mutating func startItem() {
        let last = containers.count - 1
        if containers[last].count > 0 { bytes.append(UInt8(ascii: ",")) }
        containers[last].count += 1
        newline(depth: containers.count)
    }

    private mutating func close(isObject: Bool, bracket: UInt8) {
        guard let container = containers.popLast(), container.isObject == isObject, !awaitingMemberValue else {
            preconditionFailure("unbalanced JSON \(isObject ? "object" : "array") end")
        }
        if container.count > 0 { newline(depth: containers.count) }
        bytes.append(bracket)
        afterValue()
    }

    private mutating func newline(depth: Int) {
        guard style == .pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped
    /// (RFC 8259 §7), everything else, including non-ASCII, as UTF-8.
    private mutating func appendQuoted(_ text: String) {
        let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
