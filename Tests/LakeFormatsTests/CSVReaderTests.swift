import XCTest
@testable import LakeFormats

/// Expected fields and positions are worked out by hand from the input text.
final class CSVReaderTests: XCTestCase {
    private func parse(_ text: String) throws -> CSVTable {
        try CSVReader.parse(Array(text.utf8))
    }

    private func assertError(
        _ text: String, _ reason: CSVError.Reason, line: Int, column: Int,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        XCTAssertThrowsError(try parse(text), file: file, line: sourceLine) { error in
            guard let error = error as? CSVError else { return XCTFail("unexpected \(error)", file: file, line: sourceLine) }
            XCTAssertEqual(error.reason, reason, file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, "line", file: file, line: sourceLine)
            XCTAssertEqual(error.column, column, "column", file: file, line: sourceLine)
        }
    }

    func testStoresTable() throws {
        let table = try parse("store_id,name,city,opened\n0001,Downtown Flagship,Springfield,2019-03-01\n0011,Airport Terminal,Springfield,2023-07-15\n")
        XCTAssertEqual(table.header, ["store_id", "name", "city", "opened"])
        XCTAssertEqual(table.rows, [
            CSVRecord(fields: ["0001", "Downtown Flagship", "Springfield", "2019-03-01"], line: 2),
            CSVRecord(fields: ["0011", "Airport Terminal", "Springfield", "2023-07-15"], line: 3),
        ])
        XCTAssertEqual(table.column(named: "city"), 2)
        XCTAssertNil(table.column(named: "country"))
    }

    func testQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let table = try parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\"\"\r\n")
        XCTAssertEqual(table.rows, [
            CSVRecord(fields: ["x, y", "say \"hi\"", "two\r\nlines"], line: 2),
            CSVRecord(fields: ["last", "", ""], line: 4),
        ])
    }

    func testLastLineWithoutLineBreakAndBlankLines() throws {
        let table = try parse("a,b\n\n1,2\n\n3,4")
        XCTAssertEqual(table.rows, [CSVRecord(fields: ["1", "2"], line: 3), CSVRecord(fields: ["3", "4"], line: 5)])
    }

    func testALoneCREndsARecordAsCRLFAndLFDo() throws {
        // Old Mac files end lines with CR alone; as data in an unquoted field it would be
        // invisible in every editor, so it ends the record (as in Python's csv and pyarrow).
        let table = try parse("a,b\r1,2\r\r3,4")
        XCTAssertEqual(table.header, ["a", "b"])
        XCTAssertEqual(table.rows, [CSVRecord(fields: ["1", "2"], line: 2), CSVRecord(fields: ["3", "4"], line: 4)])
    }

    func testByteOrderMarkIsSkipped() throws {
        let table = try CSVReader.parse([0xEF, 0xBB, 0xBF] + Array("id,name\n1,é\n".utf8))
        XCTAssertEqual(table.header, ["id", "name"])
        XCTAssertEqual(table.rows.first?.fields, ["1", "é"])
    }

    func testSpacesAreKept() throws {
        XCTAssertEqual(try parse("a,b\n x , y\n").rows.first?.fields, [" x ", " y"])
    }

    func testHeaderOnly() throws {
        let table = try parse("a,b\n")
        XCTAssertEqual(table.header, ["a", "b"])
        XCTAssertTrue(table.rows.isEmpty)
    }

    func testMissingHeader() {
        assertError("", .missingHeader, line: 1, column: 1)
        assertError("\n\n", .missingHeader, line: 3, column: 1)
    }

    func testDuplicateColumnName() {
        assertError("id,name,id\n", .duplicateColumnName("id"), line: 1, column: 9)
    }

    func testTooManyFieldsPointsAtTheFirstExtraField() {
        assertError("a,b\n1,2\n3,4,5\n", .wrongFieldCount(expected: 2, found: 3), line: 3, column: 5)
    }

    func testTooFewFieldsPointsAtTheEndOfTheRecord() {
        assertError("a,b,c\n1,2\n", .wrongFieldCount(expected: 3, found: 2), line: 2, column: 4)
    }

    func testUnterminatedQuotePointsAtTheOpeningQuote() {
        assertError("a,b\n1,\"open\nstill open\n", .unterminatedQuote, line: 2, column: 3)
    }

    func testQuoteInsideUnquotedField() {
        assertError("a,b\n1,ab\"c\n", .quoteInUnquotedField, line: 2, column: 5)
    }

    func testTextAfterClosingQuote() {
        assertError("a,b\n1,\"ab\"c\n", .textAfterClosingQuote, line: 2, column: 7)
    }

    func testInvalidUTF8() {
        XCTAssertThrowsError(try CSVReader.parse(Array("a,b\n1,x".utf8) + [0xFF] + [0x0A])) { error in
            XCTAssertEqual(error as? CSVError, CSVError(.invalidUTF8, line: 2, column: 3))
        }
    }

    func testErrorDescription() {
        XCTAssertEqual(
            CSVError(.wrongFieldCount(expected: 3, found: 2), line: 2, column: 4).description,
            "line 2, column 4: expected 3 fields, found 2")
    }
}
