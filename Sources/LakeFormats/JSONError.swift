// Everything that can be wrong with a JSON input, each with the place it was found.

/// A JSON input that is not strict RFC 8259 JSON, or breaks a limit of the reader.
///
/// Every error says what is wrong (`reason`), where (`location`: line, column, byte offset)
/// and in which value (`path`), so that reports can point at the exact spot.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the reader was looking for when it found something else.
    public enum Expectation: Equatable, Sendable {
        case value
        case commaOrEndOfArray
        case commaOrEndOfObject
        case colon
        case key
    }

    /// What is wrong with the input.
    public enum Reason: Equatable, Sendable {
        /// The input starts with EF BB BF, which RFC 8259 forbids.
        case byteOrderMark
        /// The input ended in the middle of a document.
        case unexpectedEnd(expected: Expectation)
        /// A byte that cannot start what the grammar requires here.
        case unexpectedByte(UInt8, expected: Expectation)
        /// A misspelt `true`, `false` or `null`.
        case invalidLiteral
        /// `NaN`, `Infinity` or `-Infinity`, which JSON cannot express.
        case nonFiniteNumber
        /// A number such as `01` or `-007`.
        case leadingZero
        /// A number missing digits, such as `-`, `1.` or `2e`.
        case invalidNumber
        /// A comma directly before `]` or `}`.
        case trailingComma
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString(UInt8)
        /// A backslash followed by a character that is not a JSON escape.
        case invalidEscape(UInt8)
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape of half a UTF-16 surrogate pair.
        case loneSurrogate(UInt16)
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// A string with no closing quote.
        case unterminatedString
        /// Arrays and objects nested deeper than the reader's limit.
        case depthLimitExceeded(limit: Int)
        /// More content after the single top-level value.
        case trailingContent
        /// The same key twice in one object (reported when building a `JSONValue`).
        case duplicateKey(String)
    }

    public var reason: Reason
    public var location: JSONLocation
    public var path: JSONPath

    public init(_ reason: Reason, at location: JSONLocation, path: JSONPath) {
        self.reason = reason
        self.location = location
        self.path = path
    }

    /// What is wrong, without the position.
    public var message: String {
        switch reason {
        case .byteOrderMark:
            return "file starts with a byte-order mark"
        case let .unexpectedEnd(expected):
            return "unexpected end of input, expected \(Self.describe(expected))"
        case let .unexpectedByte(byte, expected):
            return "unexpected \(Self.describe(byte)), expected \(Self.describe(expected))"
        case .invalidLiteral:
            return "invalid literal, expected true, false or null"
        case .nonFiniteNumber:
            return "NaN and Infinity are not valid JSON numbers"
        case .leadingZero:
            return "numbers must not have leading zeros"
        case .invalidNumber:
            return "malformed number"
        case .trailingComma:
            return "trailing comma"
        case let .controlCharacterInString(byte):
            return "control character \(Self.describe(byte)) in string must be escaped"
        case let .invalidEscape(byte):
            return "invalid escape sequence \\\(Self.describe(byte))"
        case .invalidUnicodeEscape:
            return "\\u must be followed by four hexadecimal digits"
        case let .loneSurrogate(unit):
            return "unpaired UTF-16 surrogate \\u\(String(unit, radix: 16, uppercase: true))"
        case .invalidUTF8:
            return "invalid UTF-8"
        case .unterminatedString:
            return "string is never closed"
        case let .depthLimitExceeded(limit):
            return "arrays and objects are nested more than \(limit) deep"
        case .trailingContent:
            return "unexpected content after the end of the JSON value"
        case let .duplicateKey(key):
            return "duplicate key \"\(key)\""
        }
    }

    /// A suggestion for fixing the input, when there is a usual one.
    public var hint: String? {
        switch reason {
        case .byteOrderMark: return "save the file as UTF-8 without a BOM"
        case .invalidUTF8: return "save the file as UTF-8"
        case .trailingComma: return "remove the comma after the last element"
        case .nonFiniteNumber: return "write null for a missing number"
        default: return nil
        }
    }

    /// `line L, column C, at PATH: message`.
    public var description: String { "\(location), at \(path): \(message)" }

    private static func describe(_ expectation: Expectation) -> String {
        switch expectation {
        case .value: return "a value"
        case .commaOrEndOfArray: return "',' or ']'"
        case .commaOrEndOfObject: return "',' or '}'"
        case .colon: return "':' after the key"
        case .key: return "a key in double quotes"
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte > 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
