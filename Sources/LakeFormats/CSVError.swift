// What can be wrong with a CSV input, with the line and column where it was found.

/// A CSV input that does not follow RFC 4180 or does not fit its header.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the input.
    public enum Reason: Equatable, Sendable {
        /// There is no header row (the input is empty or only blank lines).
        case missingHeader
        /// Two header columns have the same name, so lookup by name would be ambiguous.
        case duplicateColumnName(String)
        /// A quoted field with no closing quote before the end of the input.
        case unterminatedQuote
        /// A `"` inside a field that did not start with one.
        case quoteInUnquotedField
        /// Something other than `,` or a line break right after a closing quote.
        case textAfterClosingQuote
        /// A record with a different number of fields than the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// A field that is not well-formed UTF-8.
        case invalidUTF8
    }

    public var reason: Reason
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column of the problem, counted in bytes.
    public var column: Int

    public init(_ reason: Reason, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// What is wrong, without the position.
    public var message: String {
        switch reason {
        case .missingHeader: return "no header row"
        case let .duplicateColumnName(name): return "column \"\(name)\" appears twice in the header"
        case .unterminatedQuote: return "quoted field is never closed"
        case .quoteInUnquotedField: return "a quote inside an unquoted field"
        case .textAfterClosingQuote: return "text after the closing quote of a field"
        case let .wrongFieldCount(expected, found): return "expected \(expected) fields, found \(found)"
        case .invalidUTF8: return "invalid UTF-8"
        }
    }

    /// A suggestion for fixing the input, when there is a usual one.
    public var hint: String? {
        switch reason {
        case .quoteInUnquotedField, .textAfterClosingQuote:
            return "enclose the whole field in quotes and double any quote inside it"
        case .invalidUTF8: return "save the file as UTF-8"
        default: return nil
        }
    }

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}
