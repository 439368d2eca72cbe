// A strict RFC 8259 pull parser.
//
// Design decisions:
// - Pull, not tree: the sales inputs are tens of megabytes of records, so the consumer asks
//   for one token at a time and keeps only what it needs. `JSONValue` builds a tree on top
//   for small documents.
// - No recursion: nesting is an explicit stack of frames, so 100 000 `[` give a
//   `depthLimitExceeded` error instead of a stack overflow.
// - Positions are cheap: raw newlines can only occur in whitespace (they are control
//   characters inside strings), so the whitespace skipper alone keeps the line count, and a
//   column is just an offset minus the offset of the line start.
// - Paths are built only on request, from the frame stack; frames remember where a key is,
//   not its text, so tracking them costs no reference counting.
// - Two levels of tokens: `nextKind()` says what came and leaves a string's or number's bytes
//   in the input (`text`), so a consumer that copies bytes into buffers of its own makes no
//   `String` per value; `next()` is built on it and hands out `String`s and `JSONNumber`s.

/// A pull parser over the bytes of one JSON document (strict RFC 8259).
///
/// Call `next()` until it returns nil. Each token's position is in `location`, its place in
/// the document in `path`. Every malformed input throws a `JSONError` with line, column and
/// path; the reader validates UTF-8 and rejects a leading byte-order mark. After an error
/// the reader's position is unspecified: report the error and stop reading.
public struct JSONReader: Sendable {
    /// One open array or object. Holds only integers, so the hot path never retains.
    struct Frame: Sendable {
        var isObject: Bool
        /// In an array, the element being read (0 before the first).
        var elementIndex = 0
        /// In an object, the offset of the opening quote of the current member's key; nil
        /// between members. The key text is decoded again only when a path is requested.
        var keyOffset: Int?
    }

    /// What the grammar allows next.
    enum State: Sendable {
        case start, value, firstElementOrEnd, elementAfterComma, commaOrEndOfArray
        case firstKeyOrEnd, keyAfterComma, colon, commaOrEndOfObject, end, finished
    }

    @usableFromInline let bytes: [UInt8]
    /// The deepest nesting of arrays and objects accepted.
    public let maxDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0
    var tokenStart = 0
    var tokenLine = 1
    var tokenLineStart = 0
    var frames: [Frame] = []
    var state = State.start
    /// True right after `beginArray`/`beginObject`, whose path is the container's own.
    var lastTokenOpenedContainer = false
    /// Reused buffer for strings with escapes.
    @usableFromInline var scratch: [UInt8] = []
    /// The bytes of the last key, string or number token: `bytes[textRange]`, or all of
    /// `scratch` when `textIsDecoded` (a string that had escapes).
    @usableFromInline var textRange = 0..<0
    @usableFromInline var textIsDecoded = false

    /// Creates a reader over a whole document.
    public init(_ bytes: [UInt8], maxDepth: Int = 1000) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Where the last token returned by `next()` starts.
    public var location: JSONLocation {
        JSONLocation(line: tokenLine, column: tokenStart - tokenLineStart + 1, offset: tokenStart)
    }

    /// The path of the value the last token belongs to, such as `$[3].unit_price`.
    public var path: JSONPath {
        path(of: lastTokenOpenedContainer ? frames.dropLast() : frames[...])
    }

    /// The next token, or nil after the single top-level value and any trailing whitespace.
    public mutating func next() throws(JSONError) -> JSONToken? {
        guard let kind = try nextKind() else { return nil }
        switch kind {
        case .beginObject: return .beginObject
        case .endObject: return .endObject
        case .beginArray: return .beginArray
        case .endArray: return .endArray
        case .key: return .key(textString)
        case .string: return .string(textString)
        case .number: return .number(JSONNumber(validLiteral: textString))
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        }
    }

    /// The kind of the next token, or nil after the single top-level value and any trailing
    /// whitespace. The bytes of a key, string or number stay in the input: read them with
    /// `withText(_:)` (or `text`) before the next call. Validation, errors and positions are
    /// exactly those of `next()`.
    public mutating func nextKind() throws(JSONError) -> JSONTokenKind? {
        while true {
            skipWhitespace()
            switch state {
            case .start:
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw failure(.byteOrderMark, at: 0) }
                return try readValue()
            case .value:
                return try readValue()
            case .firstElementOrEnd:
                if peek() == UInt8(ascii: "]") { return closeContainer(.endArray) }
                return try readValue()
            case .elementAfterComma:
                if peek() == UInt8(ascii: "]") { throw failure(.trailingComma, at: index) }
                return try readValue()
            case .commaOrEndOfArray:
                switch peek() {
                case UInt8(ascii: ","):
                    index += 1
                    frames[frames.count - 1].elementIndex += 1
                    state = .elementAfterComma
                case UInt8(ascii: "]"):
                    return closeContainer(.endArray)
                default:
                    throw unexpected(.commaOrEndOfArray)
                }
            case .firstKeyOrEnd:
                if peek() == UInt8(ascii: "}") { return closeContainer(.endObject) }
                return try readKey()
            case .keyAfterComma:
                if peek() == UInt8(ascii: "}") { throw failure(.trailingComma, at: index) }
                return try readKey()
            case .colon:
                guard peek() == UInt8(ascii: ":") else { throw unexpected(.colon) }
                index += 1
                state = .value
            case .commaOrEndOfObject:
                switch peek() {
                case UInt8(ascii: ","):
                    index += 1
                    frames[frames.count - 1].keyOffset = nil
                    state = .keyAfterComma
                case UInt8(ascii: "}"):
                    return closeContainer(.endObject)
                default:
                    throw unexpected(.commaOrEndOfObject)
                }
            case .end:
                if index < bytes.count { throw failure(.trailingContent, at: index) }
                state = .finished
                return nil
            case .finished:
                return nil
            }
        }
    }

    /// Reads past the next value, however deeply nested. Call it when a value comes next:
    /// at the start, after a key, or between array elements. Where a key comes next, it skips
    /// that key and its value. Where the enclosing container ends next, it consumes the end
    /// token, so check for an empty container first if that matters.
    public mutating func skipValue() throws(JSONError) {
        var depth = 0
        repeat {
            switch try nextKind() {
            case .beginArray?, .beginObject?: depth += 1
            case .endArray?, .endObject?: depth -= 1
            case .key?: if depth == 0 { continue }
            case nil: return
            default: break
            }
        } while depth > 0
    }

    // MARK: - Grammar steps

    private mutating func readValue() throws(JSONError) -> JSONTokenKind {
        guard index < bytes.count else { throw failure(.unexpectedEnd(expected: .value), at: index) }
        markTokenStart()
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "["):
            try open(Frame(isObject: false))
            state = .firstElementOrEnd
            return .beginArray
        case UInt8(ascii: "{"):
            try open(Frame(isObject: true))
            state = .firstKeyOrEnd
            return .beginObject
        case UInt8(ascii: "\""):
            try scanString()
            finishValue()
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            finishValue()
            return .number
        case UInt8(ascii: "t"):
            try readLiteral("true")
            finishValue()
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            finishValue()
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            finishValue()
            return .null
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw failure(.nonFiniteNumber, at: index)
        default:
            throw unexpected(.value)
        }
    }

    private mutating func readKey() throws(JSONError) -> JSONTokenKind {
        guard peek() == UInt8(ascii: "\"") else { throw unexpected(.key) }
        markTokenStart()
        try scanString()
        frames[frames.count - 1].keyOffset = tokenStart
        state = .colon
        return .key
    }

    private mutating func open(_ frame: Frame) throws(JSONError) {
        guard frames.count < maxDepth else { throw failure(.depthLimitExceeded(limit: maxDepth), at: index) }
        frames.append(frame)
        index += 1
        lastTokenOpenedContainer = true
    }

    private mutating func closeContainer(_ token: JSONTokenKind) -> JSONTokenKind {
        markTokenStart()
        index += 1
        frames.removeLast()
        finishValue()
        return token
    }

    /// Moves to the state that follows a complete value in the enclosing container.
    private mutating func finishValue() {
        if frames.isEmpty {
            state = .end
        } else {
            state = frames[frames.count - 1].isObject ? .commaOrEndOfObject : .commaOrEndOfArray
        }
    }

    // MARK: - Bytes and positions

    private mutating func markTokenStart() {
        tokenStart = index
        tokenLine = line
        tokenLineStart = lineStart
        lastTokenOpenedContainer = false
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte > UInt8(ascii: " ") { return }  // every token starts above the space
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    /// An error at `offset`, which must be on the current line.
    func failure(_ reason: JSONError.Reason, at offset: Int) -> JSONError {
        JSONError(
            reason, at: JSONLocation(line: line, column: offset - lineStart + 1, offset: offset),
            path: path(of: frames[...]))
    }

    private func unexpected(_ expectation: JSONError.Expectation) -> JSONError {
        guard index < bytes.count else { return failure(.unexpectedEnd(expected: expectation), at: index) }
        return failure(.unexpectedByte(bytes[index], expected: expectation), at: index)
    }
}

extension JSONReader {
    /// The path of the slot the reader is at, given its open containers.
    func path(of frames: ArraySlice<Frame>) -> JSONPath {
        var components: [JSONPath.Component] = []
        for frame in frames {
            if !frame.isObject {
                components.append(.index(frame.elementIndex))
            } else if let keyOffset = frame.keyOffset {
                components.append(.key(keyText(at: keyOffset)))
            }
        }
        return JSONPath(components: components)
    }

    /// Decodes again the key whose opening quote is at `offset`. It was read successfully
    /// before, so decoding cannot fail.
    private func keyText(at offset: Int) -> String {
        var copy = self
        copy.index = offset
        guard (try? copy.scanString()) != nil else { return "" }
        return copy.textString
    }
}
