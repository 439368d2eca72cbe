// The units a `JSONReader` hands out, and where in the input they start.

/// One syntactic unit of a JSON document, in document order.
///
/// Object members arrive as `.key` followed by the member's value, so a consumer can stream
/// through large arrays of records without building a tree.
public enum JSONToken: Equatable, Sendable {
    case beginObject
    case endObject
    case beginArray
    case endArray
    /// An object member name. The member's value is the next token.
    case key(String)
    case string(String)
    /// A number, kept as its literal text so that money can be read exactly.
    case number(JSONNumber)
    case bool(Bool)
    case null
}

/// What `JSONReader.nextKind()` returns: a token without its text. The bytes of a key, string
/// or number are `JSONReader.text` until the next call.
public enum JSONTokenKind: Equatable, Sendable {
    case beginObject
    case endObject
    case beginArray
    case endArray
    /// An object member name; the member's value comes next.
    case key
    case string
    case number
    case bool(Bool)
    case null
}

/// A position in a JSON input: 1-based line and column, and the 0-based byte offset.
///
/// Columns count bytes, not characters, so they agree with the byte offset whatever the
/// encoding of the text before them.
public struct JSONLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number. Lines are separated by LF; a CR before it belongs to the line.
    public var line: Int
    /// 1-based column, counted in bytes from the start of the line.
    public var column: Int
    /// 0-based byte offset from the start of the input.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "line \(line), column \(column)" }
}
