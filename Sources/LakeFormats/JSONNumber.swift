// JSON numbers are kept as text. Converting early to Double would lose exactness for money
// (27.49 has no binary representation) and for integers above 2^53; the caller chooses the
// conversion it needs: `int64()`, `double()` or `cents()`.

/// A JSON number, kept as its literal text exactly as it appeared in the input.
public struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The literal, e.g. `-12.50` or `1e3`. Always valid RFC 8259 number syntax.
    public let literal: String

    /// Wraps text already known to be a valid JSON number literal.
    init(validLiteral: String) {
        literal = validLiteral
    }

    /// Parses `text` as an RFC 8259 number literal (no leading `+`, no leading zeros, no
    /// surrounding spaces). Returns nil when it is not one.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, case .end(bytes.count) = Self.scan(bytes, from: 0) else { return nil }
        literal = text
    }

    public var description: String { literal }

    /// The value as an `Int64` if the literal is an integer (no fraction, no exponent) that
    /// fits; nil otherwise. `2.0` and `2e0` are not integers here: a field declared integer
    /// should be written as one.
    public func int64() -> Int64? {
        Self.int64(literal: literal.utf8Span.span)
    }

    /// The nearest `Double`, or nil if the magnitude is too large to be finite.
    public func double() -> Double? {
        guard let value = Double(literal), value.isFinite else { return nil }
        return value
    }

    /// The result of scanning a number literal: where it ends, or what is wrong and where.
    enum Scan: Equatable {
        case end(Int)
        case invalid(JSONError.Reason, offset: Int)
    }

    /// Scans the RFC 8259 number starting at `start` (which holds `-` or a digit) and returns
    /// the offset just past it. The caller decides whether what follows is allowed.
    static func scan(_ bytes: [UInt8], from start: Int) -> Scan {
        var index = start
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return .invalid(.invalidNumber, offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "0"):
            index += 1
            if index < bytes.count && isDigit(bytes[index]) { return .invalid(.leadingZero, offset: start) }
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            index = digitsEnd(bytes, from: index)
        case UInt8(ascii: "I"):
            return .invalid(.nonFiniteNumber, offset: start)
        default:
            return .invalid(.invalidNumber, offset: index)
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count && isDigit(bytes[index]) else { return .invalid(.invalidNumber, offset: index) }
            index = digitsEnd(bytes, from: index)
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < bytes.count && isDigit(bytes[index]) else { return .invalid(.invalidNumber, offset: index) }
            index = digitsEnd(bytes, from: index)
        }
        return .end(index)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10  // Wraps below '0' to a large value on purpose.
    }

    private static func digitsEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        return index
    }
}
