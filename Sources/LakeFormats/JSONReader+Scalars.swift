// Reading strings, numbers and literals. Strings take a fast path when they contain no
// escapes: one scan that also validates UTF-8 and leaves the text where it is in the input;
// only strings with escapes are decoded, into the reused `scratch` buffer.

extension JSONReader {
    /// The bytes of the last key or string token, escapes decoded, or the literal of the last
    /// number token (`-12.50`). A view of the input (or, for a string with escapes, of the
    /// reader's decoding buffer), so index it from `startIndex`, not 0.
    public var text: ArraySlice<UInt8> {
        textIsDecoded ? scratch[...] : bytes[textRange]
    }

    /// Calls `body` with the bytes `text` holds, as a borrowed view: nothing is copied and no
    /// reference is counted, which is what a consumer copying every value into buffers of its
    /// own wants (`nextKind()` then `withText { … }` per value).
    @inlinable
    public func withText<Result>(_ body: (Span<UInt8>) -> Result) -> Result {
        textIsDecoded ? body(scratch.span) : body(bytes.span.extracting(textRange))
    }

    /// `text` as a String (one copy of the bytes).
    var textString: String {
        textIsDecoded ? String(decoding: scratch, as: UTF8.self) : Self.string(bytes, textRange)
    }

    /// Scans the string whose opening quote is at `index` and moves past it; its content is
    /// then `text`.
    mutating func scanString() throws(JSONError) {
        let start = index + 1
        var cursor = start
        while true {
            cursor = Self.asciiRunEnd(bytes, from: cursor)
            guard cursor < bytes.count else { throw failure(.unterminatedString, at: index) }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                textRange = start..<cursor
                textIsDecoded = false
                return
            } else if byte == UInt8(ascii: "\\") {
                try decodeEscapedString(contentStart: start, firstEscape: cursor)
                textIsDecoded = true
                return
            } else if byte < 0x20 {
                throw failure(.controlCharacterInString(byte), at: cursor)
            } else {
                cursor = try utf8SequenceEnd(at: cursor)
            }
        }
    }

    /// The end of the run of plain ASCII string content starting at `start`: the offset of
    /// the first quote, backslash, control character or non-ASCII byte, or `bytes.count`.
    /// This loop dominates parsing time, so it reads through an unchecked buffer view and
    /// tests eight bytes at a time (SWAR bit tricks), stopping at the first flagged byte of
    /// a word; single bytes are tested only near the end of the input.
    private static func asciiRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { buffer in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            var cursor = start
            while cursor + 8 <= buffer.count {
                let word = buffer.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                // A byte is flagged when it is zero in `quotes`/`backslashes`, below 0x20 in
                // `word`, or has its high bit set. A borrow leaves only a byte that is itself a
                // stop byte, so it may flag bytes above that one but never below: the lowest
                // flag is the first stop byte (little-endian: lowest bits, first byte).
                let flags = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
                    | ((word &- ones &* 0x20) & ~word) | word
                let stops = flags & highBits
                if stops != 0 {
                    cursor += stops.trailingZeroBitCount >> 3
                    break
                }
                cursor += 8
            }
            while cursor < buffer.count {
                let byte = buffer[cursor]
                // One unsigned comparison rejects both controls (< 0x20) and non-ASCII (>= 0x80).
                if byte &- 0x20 >= 0x60 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                cursor += 1
            }
            return cursor
        }
    }

    /// The String for already validated UTF-8 `bytes[range]`, built without an intermediate slice.
    private static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// The slow path: copies the string into `scratch`, decoding escapes.
    private mutating func decodeEscapedString(contentStart: Int, firstEscape: Int) throws(JSONError) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[contentStart..<firstEscape])
        var cursor = firstEscape
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return
            } else if byte == UInt8(ascii: "\\") {
                cursor = try decodeEscape(at: cursor)
            } else if byte < 0x20 {
                throw failure(.controlCharacterInString(byte), at: cursor)
            } else if byte < 0x80 {
                scratch.append(byte)
                cursor += 1
            } else {
                let end = try utf8SequenceEnd(at: cursor)
                scratch.append(contentsOf: bytes[cursor..<end])
                cursor = end
            }
        }
        throw failure(.unterminatedString, at: index)
    }

    /// Decodes the escape at `start` (a backslash) into `scratch`; returns the offset after it.
    private mutating func decodeEscape(at start: Int) throws(JSONError) -> Int {
        guard start + 1 < bytes.count else { throw failure(.unterminatedString, at: index) }
        let simple: UInt8
        switch bytes[start + 1] {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): return try decodeUnicodeEscape(at: start)
        case let other: throw failure(.invalidEscape(other), at: start)
        }
        scratch.append(simple)
        return start + 2
    }

    /// Decodes `\uXXXX`, or a surrogate pair `\uD8xx\uDCxx`, at `start`.
    private mutating func decodeUnicodeEscape(at start: Int) throws(JSONError) -> Int {
        guard let unit = hexQuad(at: start + 2) else { throw failure(.invalidUnicodeEscape, at: start) }
        var end = start + 6
        var scalarValue = UInt32(unit)
        if (0xDC00...0xDFFF).contains(unit) { throw failure(.loneSurrogate(unit), at: start) }
        if (0xD800...0xDBFF).contains(unit) {
            guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u"),
                let low = hexQuad(at: end + 2), (0xDC00...0xDFFF).contains(low)
            else { throw failure(.loneSurrogate(unit), at: start) }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            end += 6
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw failure(.invalidUnicodeEscape, at: start) }
        scratch.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
        return end
    }

    private func hexQuad(at start: Int) -> UInt16? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for byte in bytes[start..<start + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence starting at `start` (RFC 3629 table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF) and returns its end.
    func utf8SequenceEnd(at start: Int) throws(JSONError) -> Int {
        let lead = bytes[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure(.invalidUTF8, at: start)
        }
        guard start + length <= bytes.count, secondRange.contains(bytes[start + 1]) else {
            throw failure(.invalidUTF8, at: start)
        }
        for offset in start + 2..<start + length where !(0x80...0xBF).contains(bytes[offset]) {
            throw failure(.invalidUTF8, at: start)
        }
        return start + length
    }

    /// Scans the number starting at `index` and moves past it; its literal is then `text`.
    mutating func scanNumber() throws(JSONError) {
        switch JSONNumber.scan(bytes, from: index) {
        case let .invalid(reason, offset):
            throw failure(reason, at: offset)
        case let .end(end):
            textRange = index..<end
            textIsDecoded = false
            index = end
        }
    }

    /// Reads the literal `word` (`true`, `false` or `null`) starting at `index`.
    mutating func readLiteral(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            index + count <= bytes.count && bytes[index..<index + count].elementsEqual(expected)
        }
        guard matches else { throw failure(.invalidLiteral, at: index) }
        index += count
    }
}
