import XCTest
@testable import LakeFormats

/// Expected tokens and positions are worked out by hand from the input text.
final class JSONReaderTests: XCTestCase {
    private func tokens(_ text: String) throws -> [JSONToken] {
        var reader = JSONReader(Array(text.utf8))
        var result: [JSONToken] = []
        while let token = try reader.next() { result.append(token) }
        return result
    }

    private func number(_ literal: String) -> JSONToken {
        .number(JSONNumber(validLiteral: literal))
    }

    /// The error thrown for `text`, or a failure if it parses.
    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONError? {
        error(Array(text.utf8), file: file, line: line)
    }

    private func error(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> JSONError? {
        var reader = JSONReader(bytes)
        do {
            while try reader.next() != nil {}
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertError(
        _ text: String, _ reason: JSONError.Reason, line: Int, column: Int, path: String,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        guard let error = error(text, file: file, line: sourceLine) else { return }
        XCTAssertEqual(error.reason, reason, file: file, line: sourceLine)
        XCTAssertEqual(error.location.line, line, "line", file: file, line: sourceLine)
        XCTAssertEqual(error.location.column, column, "column", file: file, line: sourceLine)
        XCTAssertEqual(error.path.description, path, file: file, line: sourceLine)
    }

    // MARK: - Tokens

    func testTokensOfNestedDocument() throws {
        let text = #"{"a": [1, -2.5e3, true, false, null], "b": {}, "c": "x"}"#
        XCTAssertEqual(try tokens(text), [
            .beginObject, .key("a"), .beginArray, number("1"), number("-2.5e3"), .bool(true), .bool(false), .null,
            .endArray, .key("b"), .beginObject, .endObject, .key("c"), .string("x"), .endObject,
        ])
    }

    func testScalarTopLevelValues() throws {
        XCTAssertEqual(try tokens(" 42 "), [number("42")])
        XCTAssertEqual(try tokens("\"hi\""), [.string("hi")])
        XCTAssertEqual(try tokens("null\n"), [.null])
        XCTAssertEqual(try tokens("[]"), [.beginArray, .endArray])
    }

    func testNextReturnsNilRepeatedlyAfterEnd() throws {
        var reader = JSONReader(Array("1".utf8))
        XCTAssertEqual(try reader.next(), number("1"))
        XCTAssertNil(try reader.next())
        XCTAssertNil(try reader.next())
    }

    func testStringEscapes() throws {
        let text = #"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "x\u0000y"]"#
        XCTAssertEqual(try tokens(text), [
            .beginArray, .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"), .string("é€"), .string("😀"), .string("x\u{0}y"),
            .endArray,
        ])
    }

    /// Strings are scanned eight bytes at a time; put every kind of stop byte at every
    /// position around the word boundaries and check the result against a plain model.
    func testStopBytesAtEveryPositionAroundWordBoundaries() throws {
        for length in 0..<40 {
            let plain = String(repeating: "a", count: length)
            XCTAssertEqual(try tokens("\"\(plain)\""), [.string(plain)], "length \(length)")
            for position in 0...length {
                let prefix = String(repeating: "a", count: position)
                let suffix = String(repeating: "b", count: length - position)
                XCTAssertEqual(try tokens("\"\(prefix)é\(suffix)\""), [.string(prefix + "é" + suffix)])
                XCTAssertEqual(try tokens("\"\(prefix)\\n\(suffix)\""), [.string(prefix + "\n" + suffix)])
                XCTAssertEqual(try tokens("\"\(prefix)\u{7F}~ \(suffix)\""), [.string(prefix + "\u{7F}~ " + suffix)])
                // The opening quote is column 1, so the byte after `position` letters is column position + 2.
                let control = error("\"\(prefix)\u{1F}\(suffix)\"")
                XCTAssertEqual(control?.reason, .controlCharacterInString(0x1F))
                XCTAssertEqual(control?.location.column, position + 2)
                let invalid = error(Array("\"\(prefix)".utf8) + [0xFF] + Array("\(suffix)\"".utf8))
                XCTAssertEqual(invalid?.reason, .invalidUTF8)
                XCTAssertEqual(invalid?.location.column, position + 2)
            }
        }
    }

    /// `nextKind()` gives the same tokens as `next()` with their text left in the input:
    /// `text` and `withText` show a string's decoded bytes and a number's literal.
    func testKindsAndTextMatchTokens() throws {
        let document = #"{"a\u0062": ["x\"y", -2.5e3, "caf\u00e9", "Schlümpfe", true, null, {}], "": 0}"#
        var kinds = JSONReader(Array(document.utf8))
        var texts: [String] = []
        var spans: [[UInt8]] = []
        var found: [JSONTokenKind] = []
        while let kind = try kinds.nextKind() {
            found.append(kind)
            if kind == .key || kind == .string || kind == .number {
                texts.append(String(decoding: kinds.text, as: UTF8.self))
                spans.append(kinds.withText { span in (0..<span.count).map { span[$0] } })
            }
        }
        XCTAssertEqual(found, [.beginObject, .key, .beginArray, .string, .number, .string, .string, .bool(true), .null,
                               .beginObject, .endObject, .endArray, .key, .number, .endObject])
        XCTAssertEqual(texts, ["ab", "x\"y", "-2.5e3", "café", "Schlümpfe", "", "0"])
        XCTAssertEqual(spans, texts.map { Array($0.utf8) })
        XCTAssertEqual(try tokens(document), [
            .beginObject, .key("ab"), .beginArray, .string("x\"y"), number("-2.5e3"), .string("café"), .string("Schlümpfe"),
            .bool(true), .null, .beginObject, .endObject, .endArray, .key(""), number("0"), .endObject,
        ])
    }

    func testKindsReportErrorsAsTokensDo() {
        var reader = JSONReader(Array("[\"a\", \"b\\q\"]".utf8))
        XCTAssertEqual(try reader.nextKind(), .beginArray)
        XCTAssertEqual(try reader.nextKind(), .string)
        XCTAssertThrowsError(try reader.nextKind()) { error in
            XCTAssertEqual((error as? JSONError)?.reason, .invalidEscape(UInt8(ascii: "q")))
            XCTAssertEqual((error as? JSONError)?.location.column, 9)
            XCTAssertEqual((error as? JSONError)?.path.description, "$[1]")
        }
    }

    func testRawUTF8PassesThrough() throws {
        XCTAssertEqual(try tokens("\"Schlümpfe 😀 €\""), [.string("Schlümpfe 😀 €")])
    }

    // MARK: - Locations and paths

    func testLocationAndPathOfTokens() throws {
        // Line 2 is `  {"unit_price": 27.49}`: the key starts at column 4, the number at 18.
        var reader = JSONReader(Array("[\n  {\"unit_price\": 27.49}\n]".utf8))
        var seen: [(JSONToken, Int, Int, Int, String)] = []
        while let token = try reader.next() {
            let at = reader.location
            seen.append((token, at.line, at.column, at.offset, reader.path.description))
        }
        let expected: [(JSONToken, Int, Int, Int, String)] = [
            (.beginArray, 1, 1, 0, "$"),
            (.beginObject, 2, 3, 4, "$[0]"),
            (.key("unit_price"), 2, 4, 5, "$[0].unit_price"),
            (number("27.49"), 2, 18, 19, "$[0].unit_price"),
            (.endObject, 2, 23, 24, "$[0]"),
            (.endArray, 3, 1, 26, "$"),
        ]
        XCTAssertEqual(seen.count, expected.count)
        for (got, want) in zip(seen, expected) {
            XCTAssertEqual(got.0, want.0)
            XCTAssertEqual(got.1, want.1, "line of \(want.0)")
            XCTAssertEqual(got.2, want.2, "column of \(want.0)")
            XCTAssertEqual(got.3, want.3, "offset of \(want.0)")
            XCTAssertEqual(got.4, want.4, "path of \(want.0)")
        }
    }

    func testColumnsCountBytesNotCharacters() throws {
        // Bytes: `[` `"` é(2 bytes) `"` `,` ` ` `1`: the number is at offset 7, column 8
        // (a character count would say column 7).
        var reader = JSONReader(Array("[\"é\", 1]".utf8))
        _ = try reader.next()
        _ = try reader.next()
        XCTAssertEqual(try reader.next(), number("1"))
        XCTAssertEqual(reader.location, JSONLocation(line: 1, column: 8, offset: 7))
        XCTAssertEqual(reader.path.description, "$[1]")
    }

    func testPathQuotesKeysThatAreNotIdentifiers() throws {
        var reader = JSONReader(Array(#"{"unit price": {"2x": 1}}"#.utf8))
        for _ in 0..<4 { _ = try reader.next() }
        XCTAssertEqual(reader.path.description, #"$["unit price"]["2x"]"#)
    }

    func testPathDecodesEscapedKeys() throws {
        var reader = JSONReader(Array(#"{"a\"b": {"\u00e9": 1}}"#.utf8))
        for _ in 0..<4 { _ = try reader.next() }
        XCTAssertEqual(reader.path.components, [.key("a\"b"), .key("é")])
        XCTAssertEqual(reader.path.description, #"$["a\"b"]["é"]"#)
    }

    func testErrorPathNamesTheKeyBeingRead() {
        assertError("{\"items\": [{\"qty\": 1}, {\"qty\": tru}]}", .invalidLiteral, line: 1, column: 32, path: "$.items[1].qty")
    }

    // MARK: - Errors with positions

    func testTrailingCommaInArray() {
        assertError("[1, 2,]", .trailingComma, line: 1, column: 7, path: "$[2]")
    }

    func testTrailingCommaInObject() {
        assertError("{\"a\": 1,\n}", .trailingComma, line: 2, column: 1, path: "$")
    }

    func testMissingCommaBetweenElements() {
        assertError("[1 2]", .unexpectedByte(UInt8(ascii: "2"), expected: .commaOrEndOfArray), line: 1, column: 4, path: "$[0]")
    }

    func testUnquotedKey() {
        assertError("{a:1}", .unexpectedByte(UInt8(ascii: "a"), expected: .key), line: 1, column: 2, path: "$")
    }

    func testMissingColon() {
        assertError(#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1"), expected: .colon), line: 1, column: 6, path: "$.a")
    }

    func testLeadingZeros() {
        assertError("[01]", .leadingZero, line: 1, column: 2, path: "$[0]")
        assertError("-007", .leadingZero, line: 1, column: 1, path: "$")
    }

    func testMalformedNumbers() {
        assertError("[1.]", .invalidNumber, line: 1, column: 4, path: "$[0]")
        assertError("[-]", .invalidNumber, line: 1, column: 3, path: "$[0]")
        assertError("2e", .invalidNumber, line: 1, column: 3, path: "$")
        assertError("+1", .unexpectedByte(UInt8(ascii: "+"), expected: .value), line: 1, column: 1, path: "$")
        assertError(".5", .unexpectedByte(UInt8(ascii: "."), expected: .value), line: 1, column: 1, path: "$")
    }

    func testNaNAndInfinityAreRejected() {
        assertError(#"{"x": NaN}"#, .nonFiniteNumber, line: 1, column: 7, path: "$.x")
        assertError("[Infinity]", .nonFiniteNumber, line: 1, column: 2, path: "$[0]")
        assertError("[-Infinity]", .nonFiniteNumber, line: 1, column: 2, path: "$[0]")
    }

    func testInvalidLiterals() {
        assertError("[tru]", .invalidLiteral, line: 1, column: 2, path: "$[0]")
        assertError("nul", .invalidLiteral, line: 1, column: 1, path: "$")
        assertError("True", .unexpectedByte(UInt8(ascii: "T"), expected: .value), line: 1, column: 1, path: "$")
    }

    func testControlCharacterInString() {
        assertError("[\"a\tb\"]", .controlCharacterInString(0x09), line: 1, column: 4, path: "$[0]")
        assertError("[\"a\nb\"]", .controlCharacterInString(0x0A), line: 1, column: 4, path: "$[0]")
    }

    func testInvalidEscapes() {
        assertError(#"["\x"]"#, .invalidEscape(UInt8(ascii: "x")), line: 1, column: 3, path: "$[0]")
        assertError(#"["\u12G4"]"#, .invalidUnicodeEscape, line: 1, column: 3, path: "$[0]")
    }

    func testLoneSurrogates() {
        assertError(#"["\ud83d"]"#, .loneSurrogate(0xD83D), line: 1, column: 3, path: "$[0]")
        assertError(#"["\ud83dx"]"#, .loneSurrogate(0xD83D), line: 1, column: 3, path: "$[0]")
        assertError(#"["\ude00"]"#, .loneSurrogate(0xDE00), line: 1, column: 3, path: "$[0]")
        assertError(#"["\ud83d\u0041"]"#, .loneSurrogate(0xD83D), line: 1, column: 3, path: "$[0]")
    }

    func testInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3],
            [0x80], [0xE2, 0x82],
        ]
        for sequence in cases {
            let bytes = Array("[\"ab".utf8) + sequence + Array("\"]".utf8)
            guard let error = error(bytes) else { continue }
            XCTAssertEqual(error.reason, .invalidUTF8, "\(sequence)")
            XCTAssertEqual(error.location.column, 5, "\(sequence)")
        }
    }

    func testInvalidUTF8InsideEscapedString() {
        guard let error = error(Array(#"["\n"#.utf8) + [0xFF] + Array("\"]".utf8)) else { return }
        XCTAssertEqual(error.reason, .invalidUTF8)
        XCTAssertEqual(error.location.column, 5)
    }

    func testByteOrderMark() {
        guard let error = error([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) else { return }
        XCTAssertEqual(error.reason, .byteOrderMark)
        XCTAssertEqual(error.location, JSONLocation(line: 1, column: 1, offset: 0))
        XCTAssertEqual(error.message, "file starts with a byte-order mark")
    }

    func testTrailingContent() {
        assertError("[1] [2]", .trailingContent, line: 1, column: 5, path: "$")
        assertError("{}\n x", .trailingContent, line: 2, column: 2, path: "$")
    }

    func testUnexpectedEnd() {
        assertError("", .unexpectedEnd(expected: .value), line: 1, column: 1, path: "$")
        assertError("[1,\n", .unexpectedEnd(expected: .value), line: 2, column: 1, path: "$[1]")
        assertError(#"{"a":1"#, .unexpectedEnd(expected: .commaOrEndOfObject), line: 1, column: 7, path: "$.a")
        assertError(#"["abc"#, .unterminatedString, line: 1, column: 2, path: "$[0]")
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        assertError(text, .depthLimitExceeded(limit: 1000), line: 1, column: 1001, path: "$" + String(repeating: "[0]", count: 1000))
    }

    func testNestingUpToTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 5) + String(repeating: "]", count: 5)
        var reader = JSONReader(Array(text.utf8), maxDepth: 5)
        var count = 0
        while try reader.next() != nil { count += 1 }
        XCTAssertEqual(count, 10)
        var tooDeep = JSONReader(Array(("[" + text + "]").utf8), maxDepth: 5)
        XCTAssertThrowsError(try { while try tooDeep.next() != nil {} }())
    }

    func testErrorDescriptionHasPositionPathAndMessage() {
        guard let error = error("[1, 2,]") else { return }
        XCTAssertEqual(error.description, "line 1, column 7, at $[2]: trailing comma")
    }

    // MARK: - skipValue

    func testSkipValueSkipsNestedMemberValue() throws {
        var reader = JSONReader(Array(#"{"skip": {"a": [1, {"b": 2}]}, "keep": 3}"#.utf8))
        XCTAssertEqual(try reader.next(), .beginObject)
        XCTAssertEqual(try reader.next(), .key("skip"))
        try reader.skipValue()
        XCTAssertEqual(try reader.next(), .key("keep"))
        XCTAssertEqual(try reader.next(), number("3"))
        XCTAssertEqual(try reader.next(), .endObject)
    }

    func testSkipValueOfScalarArrayElement() throws {
        var reader = JSONReader(Array("[\"x\", 2]".utf8))
        _ = try reader.next()
        try reader.skipValue()
        XCTAssertEqual(try reader.next(), number("2"))
    }
}
