import XCTest
@testable import LakeFormats

/// The tokenizer behind both `CSVReader` and `parquet from-csv`. Expected fields and positions
/// are worked out by hand from the input text; input fed in blocks must give what the whole
/// input gives, wherever the blocks are cut.
final class CSVTokenizerTests: XCTestCase {
    /// One record as the tokenizer hands it out: its line and its fields' bytes as text.
    struct Record: Equatable {
        var line: Int
        var fields: [String]

        init(_ line: Int, _ fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Every record of `tokenizer`, feeding it `blocks` (in order) whenever it needs input.
    private func records(_ tokenizer: inout CSVTokenizer, blocks: [ArraySlice<UInt8>] = []) throws -> [Record] {
        var blocks = blocks[...]
        var found: [Record] = []
        while true {
            switch try tokenizer.nextRecord() {
            case .record:
                found.append(Record(tokenizer.line, (0..<tokenizer.fieldCount).map { String(decoding: tokenizer[$0], as: UTF8.self) }))
            case .end:
                return found
            case .needsInput:
                if let block = blocks.popFirst() { tokenizer.append(block) } else { tokenizer.endInput() }
            }
        }
    }

    private func records(_ text: String) throws -> [Record] {
        var tokenizer = CSVTokenizer(Array(text.utf8))
        return try records(&tokenizer)
    }

    /// The records of `bytes` fed in blocks of `size`.
    private func records(_ bytes: [UInt8], blockSize size: Int) throws -> [Record] {
        let blocks = stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
        var tokenizer = CSVTokenizer()
        return try records(&tokenizer, blocks: blocks)
    }

    /// The error the whole of `text` stops at, as `reason` at `line`:`column`.
    private func assertError(
        _ text: String, _ reason: CSVError.Reason, line: Int, column: Int, expectedFields: Int? = nil,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        var tokenizer = CSVTokenizer(Array(text.utf8))
        tokenizer.expectedFieldCount = expectedFields
        XCTAssertThrowsError(try records(&tokenizer), file: file, line: sourceLine) { error in
            XCTAssertEqual(error as? CSVError, CSVError(reason, line: line, column: column), file: file, line: sourceLine)
        }
    }

    // MARK: - Fields and records

    func testQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws {
        XCTAssertEqual(try records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\",\"\"\"\"\n"), [
            Record(1, ["a", "b,c", "say \"hi\""]),
            Record(2, ["two\nlines", "", "\""]),
        ])
    }

    func testCRLFLFAndALoneCREachEndARecord() throws {
        XCTAssertEqual(try records("a,b\r\nc,d\ne,f\rg,h"), [
            Record(1, ["a", "b"]), Record(2, ["c", "d"]), Record(3, ["e", "f"]), Record(4, ["g", "h"]),
        ])
    }

    func testLineBreaksInsideQuotesAreKeptAndCounted() throws {
        XCTAssertEqual(try records("\"1\r\n2\r3\n4\",x\nnext\n"), [Record(1, ["1\r\n2\r3\n4", "x"]), Record(5, ["next"])])
    }

    func testEmptyLinesAreSkippedButAQuotedEmptyFieldIsARecord() throws {
        XCTAssertEqual(try records("\n\r\n\ra\n\n\"\"\n\r\n"), [Record(4, ["a"]), Record(6, [""])])
    }

    func testTrailingCommaGivesAnEmptyLastField() throws {
        XCTAssertEqual(try records("a,\n,\n"), [Record(1, ["a", ""]), Record(2, ["", ""])])
        XCTAssertEqual(try records("a,"), [Record(1, ["a", ""])])
    }

    func testByteOrderMarkIsSkippedOnlyAtTheStart() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var tokenizer = CSVTokenizer(bom + Array("id\n".utf8) + bom + Array("x\n".utf8))
        XCTAssertEqual(try records(&tokenizer), [Record(1, ["id"]), Record(2, ["\u{FEFF}x"])])
    }

    func testBytesAreHandedOutAsTheyAre() throws {
        var tokenizer = CSVTokenizer([0xFF, 0x2C, 0x22, 0xFE, 0x22])
        XCTAssertEqual(try tokenizer.nextRecord(), .record)
        XCTAssertEqual(Array(tokenizer[0]), [0xFF])
        XCTAssertEqual(Array(tokenizer[1]), [0xFE])
    }

    /// Unquoted fields are skipped eight bytes at a time: a separator, line break or stray quote
    /// at any offset within (or just past) a word must stop the scan at exactly that byte, and
    /// bytes below `,` that are not special (space, `!`, `#`) or above 0x7F must not.
    func testEveryOffsetOfASeparatorInALongFieldIsFound() throws {
        let filler = Array("ab cd!#\u{7F}\u{E9}xyz0123456789".utf8)
        for offset in 1...20 {
            // A cut inside the two-byte é becomes U+FFFD: still non-ASCII bytes, counted below.
            let text = String(decoding: filler.prefix(offset), as: UTF8.self)
            XCTAssertEqual(try records("\(text),\(text)\r\n\(text)\n"), [Record(1, [text, text]), Record(2, [text])], "offset \(offset)")
            assertError("h\n\(text)\"z\n", .quoteInUnquotedField, line: 2, column: text.utf8.count + 1)
        }
    }

    func testWithFieldLendsTheBytesTheSubscriptGives() throws {
        var tokenizer = CSVTokenizer(Array("plain,\"q\"\"d\",,\"x,y\"\n".utf8))
        XCTAssertEqual(try tokenizer.nextRecord(), .record)
        for index in 0..<tokenizer.fieldCount {
            let lent = tokenizer.withField(index) { bytes in (0..<bytes.count).map { bytes[$0] } }
            XCTAssertEqual(lent, Array(tokenizer[index]), "field \(index)")
        }
    }

    func testEmptyInputHasNoRecords() throws {
        XCTAssertEqual(try records(""), [])
        var blank = CSVTokenizer(Array("\n\n".utf8))
        XCTAssertEqual(try blank.nextRecord(), .end)
        XCTAssertEqual(blank.line, 3)
    }

    // MARK: - Blocks

    func testEveryCutOfTheInputGivesTheSameRecords() throws {
        let text = "\u{FEFF}h1,h2\r\n\"a\"\"b\",\"c\r\nd\"\r\n\r\nlast,\"\"\"\"\rcr,x\n\"\",\"q\"\"\""
        let bytes = Array(text.utf8)
        let whole = try records(text)
        XCTAssertEqual(whole.count, 5)
        for size in 1...bytes.count {
            XCTAssertEqual(try records(bytes, blockSize: size), whole, "blocks of \(size)")
        }
    }

    /// Every record `nextRecords(limit:)` reads from `bytes` fed in blocks of `size`, `limit`
    /// at a time, with `width` fields each.
    private func recordsInBatches(_ bytes: [UInt8], blockSize size: Int, limit: Int, width: Int) throws -> [Record] {
        var blocks = stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }[...]
        var tokenizer = CSVTokenizer()
        tokenizer.expectedFieldCount = width
        var found: [Record] = []
        while true {
            let (step, count) = try tokenizer.nextRecords(limit: limit)
            XCTAssertLessThanOrEqual(count, limit)
            for record in 0..<count {
                found.append(Record(tokenizer.line(ofRecord: record), (0..<width).map { column in
                    tokenizer.withField(record: record, column: column) { bytes in
                        String(decoding: (0..<bytes.count).map { bytes[$0] }, as: UTF8.self)
                    }
                }))
            }
            switch step {
            case .record: continue
            case .end: return found
            case .needsInput:
                if let block = blocks.popFirst() { tokenizer.append(block) } else { tokenizer.endInput() }
            }
        }
    }

    func testRecordsReadManyAtATimeAreTheRecordsReadOneAtATime() throws {
        let text = "\u{FEFF}h1,h2\r\n\"a\"\"b\",\"c\r\nd\"\r\n\r\nlast,\"\"\"\"\rcr,x\n\"\",\"q\"\"\"\nplain,\"x\"\"\"\n"
        let bytes = Array(text.utf8)
        let whole = try records(text)
        XCTAssertEqual(whole.count, 6)
        for size in 1...bytes.count {
            for limit in [1, 2, 5] {
                XCTAssertEqual(try recordsInBatches(bytes, blockSize: size, limit: limit, width: 2), whole, "blocks of \(size), \(limit) at a time")
            }
        }
    }

    func testRecordsBeforeAMalformedOneAreHandedOutFirst() throws {
        var tokenizer = CSVTokenizer(Array("a,b\nc,d\ne\n".utf8))
        tokenizer.expectedFieldCount = 2
        let (step, count) = try tokenizer.nextRecords(limit: 10)
        XCTAssertEqual(step, .record)
        XCTAssertEqual(count, 2)
        XCTAssertEqual(tokenizer.withField(record: 1, column: 1) { $0.count == 1 && $0[0] == UInt8(ascii: "d") }, true)
        XCTAssertThrowsError(try tokenizer.nextRecords(limit: 10)) { error in
            XCTAssertEqual(error as? CSVError, CSVError(.wrongFieldCount(expected: 2, found: 1), line: 3, column: 2))
        }
    }

    func testARecordCutAfterACRWaitsForTheNextBlock() throws {
        var tokenizer = CSVTokenizer()
        tokenizer.append(Array("a\r".utf8)[...])
        XCTAssertEqual(try tokenizer.nextRecord(), .needsInput)
        tokenizer.append(Array("\nb\n".utf8)[...])
        XCTAssertEqual(try records(&tokenizer), [Record(1, ["a"]), Record(2, ["b"])])
    }

    func testAClosingQuoteAtTheEndOfABlockWaitsForTheNextBlock() throws {
        var tokenizer = CSVTokenizer()
        tokenizer.append(Array("\"a\"".utf8)[...])
        XCTAssertEqual(try tokenizer.nextRecord(), .needsInput)
        tokenizer.append(Array("\"b\"\n".utf8)[...])
        XCTAssertEqual(try records(&tokenizer), [Record(1, ["a\"b"])])
    }

    // MARK: - Errors, with the position of their cause

    func testUnterminatedQuotePointsAtTheOpeningQuote() {
        assertError("a,b\n1,\"open\nstill open\n", .unterminatedQuote, line: 2, column: 3)
    }

    func testQuoteInsideAnUnquotedFieldIsAnError() {
        assertError("a,b\n1,ab\"c\n", .quoteInUnquotedField, line: 2, column: 5)
    }

    func testTextAfterAClosingQuoteIsAnError() {
        assertError("a,b\n1,\"ab\"c\n", .textAfterClosingQuote, line: 2, column: 7)
        assertError("\"x\ny\"z\n", .textAfterClosingQuote, line: 2, column: 3)
    }

    func testWrongFieldCountPointsAtTheFirstExtraFieldOrTheEnd() {
        assertError("1,2\n3,\"4\n\",5\n", .wrongFieldCount(expected: 2, found: 3), line: 3, column: 3, expectedFields: 2)
        assertError("1,2\n3\r\n", .wrongFieldCount(expected: 2, found: 1), line: 2, column: 2, expectedFields: 2)
        assertError("1,2\n3,4,\"5\"\n", .wrongFieldCount(expected: 2, found: 3), line: 2, column: 5, expectedFields: 2)
    }

    func testColumnsAfterALoneCRStartANewLine() {
        assertError("a\rb\r\"c\rd\"e\n", .textAfterClosingQuote, line: 4, column: 3)
    }

    func testLocationOfAFieldIsItsFirstByteOrOpeningQuote() throws {
        var tokenizer = CSVTokenizer(Array("x\n1,\"two\n2\",3\n".utf8))
        XCTAssertEqual(try tokenizer.nextRecord(), .record)
        XCTAssertEqual(try tokenizer.nextRecord(), .record)
        XCTAssertEqual(tokenizer.location(ofField: 0).line, 2)
        XCTAssertEqual(tokenizer.location(ofField: 0).column, 1)
        XCTAssertEqual(tokenizer.location(ofField: 1).column, 3)
        XCTAssertEqual(tokenizer.location(ofField: 2).line, 3)
        XCTAssertEqual(tokenizer.location(ofField: 2).column, 4)
    }

    func testErrorsInBlocksArePlacedAsInTheWholeInput() {
        let bytes = Array("h\n1\n\"x\r\ny\"z\n".utf8)
        for size in 1...bytes.count {
            var tokenizer = CSVTokenizer()
            let blocks = stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
            XCTAssertThrowsError(try records(&tokenizer, blocks: blocks)) { error in
                XCTAssertEqual(error as? CSVError, CSVError(.textAfterClosingQuote, line: 4, column: 3), "blocks of \(size)")
            }
        }
    }
}
