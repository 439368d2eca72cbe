// `lakemake parquet from-csv` reads CSV exactly as `CSVReader` does (both go through
// `CSVTokenizer`): these pin down what that means through the real binary, where the two used
// to differ, and that a file read in blocks is read as a whole. Expected rows are written
// by hand and read back with `parquet cat --csv`.

import Foundation
import XCTest

final class ParquetFromCSVTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "lakemake-from-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    @discardableResult
    private func lakemake(_ arguments: String...) throws -> RunResult {
        try Lakemake.run(arguments, in: directory)
    }

    /// Converts `bytes` with `--types` and prints the result back as CSV; fails on an error.
    private func roundTrip(_ bytes: [UInt8], types: String = "", line: UInt = #line) throws -> String {
        let csv = directory + "/in.csv", parquet = directory + "/out.parquet"
        try Data(bytes).write(to: URL(fileURLWithPath: csv))
        let made = types.isEmpty ? try lakemake("parquet", "from-csv", csv, parquet)
                                 : try lakemake("parquet", "from-csv", "--types", types, csv, parquet)
        XCTAssertEqual(made.status, 0, made.stderr, line: line)
        return try lakemake("parquet", "cat", "--csv", parquet).stdout
    }

    /// The first stderr line of converting `text`, which must fail with exit status 1.
    private func failure(_ text: String, line: UInt = #line) throws -> [String] {
        let csv = directory + "/bad.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let r = try lakemake("parquet", "from-csv", csv, directory + "/bad.parquet")
        XCTAssertEqual(r.status, 1, r.stderr, line: line)
        return r.stderr.split(separator: "\n").map { String($0).replacingOccurrences(of: directory + "/", with: "") }
    }

    // MARK: - Leniencies both readers now share

    func testByteOrderMarkIsNotPartOfTheFirstColumnName() throws {
        XCTAssertEqual(try roundTrip([0xEF, 0xBB, 0xBF] + Array("n,s\n1,a\n".utf8), types: "n:int32"), "n,s\n1,a\n")
    }

    func testEmptyLinesAreSkipped() throws {
        XCTAssertEqual(try roundTrip(Array("n,s\n1,a\n\n\r\n2,b\n\n".utf8), types: "n:int32"), "n,s\n1,a\n2,b\n")
    }

    func testALoneCREndsARecord() throws {
        XCTAssertEqual(try roundTrip(Array("n,s\r1,a\r2,\"b\rc\"\r".utf8)), "n,s\n1,a\n2,\"b\rc\"\n")
    }

    // MARK: - RFC 4180 errors, with line and column

    func testQuoteInsideAnUnquotedFieldIsAnError() throws {
        XCTAssertEqual(try failure("n,s\n1,12\" pipe\n"), [
            "lakemake: error: bad.csv:2:5: a quote inside an unquoted field",
            "hint: enclose the whole field in quotes and double any quote inside it",
        ])
    }

    func testTextAfterAClosingQuoteIsAnError() throws {
        XCTAssertEqual(try failure("n,s\n1,\"ab\"cd\n").first, "lakemake: error: bad.csv:2:7: text after the closing quote of a field")
    }

    func testUnterminatedQuotePointsAtTheOpeningQuote() throws {
        XCTAssertEqual(try failure("n,s\n1,a\n2,\"open\n3,b\n"), [
            "lakemake: error: bad.csv:3:3: quoted field is never closed",
            "hint: the input must be RFC 4180 CSV with a header line",
        ])
    }

    func testWrongFieldCountPointsAtTheExtraFieldOrTheEnd() throws {
        XCTAssertEqual(try failure("n,s\n1,a,x\n").first, "lakemake: error: bad.csv:2:5: expected 2 fields, found 3")
        XCTAssertEqual(try failure("n,s\n1,a\n2\n").first, "lakemake: error: bad.csv:3:2: expected 2 fields, found 1")
    }

    func testAFileWithoutAHeaderIsAnError() throws {
        XCTAssertEqual(try failure("\n\n").first, "lakemake: error: bad.csv:3:1: no header row")
    }

    // MARK: - Blocks

    /// Records are parsed a block at a time, column by column; the error reported must still be
    /// the first one a reading row by row meets: a bad value in a later column of an earlier
    /// row, and a bad value before a malformed record.
    func testTheFirstErrorInRowOrderIsReported() throws {
        let csv = directory + "/bad.csv"
        for (text, expected) in [("a,b\n1,y\nx,3\n", "bad.csv:2: column 'b': 'y'"),
                                 ("a,b\n1,2\n3,y\n1,2,3\n", "bad.csv:3: column 'b': 'y'"),
                                 ("a,b\n1,2\n3,4\n1,2,3\n", "bad.csv:4:5: expected 2 fields, found 3")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
            let r = try lakemake("parquet", "from-csv", "--types", "a:int32,b:int32", csv, directory + "/bad.parquet")
            XCTAssertEqual(r.status, 1, text)
            XCTAssertTrue(r.stderr.replacingOccurrences(of: directory + "/", with: "").contains(expected), "\(text): \(r.stderr)")
        }
    }

    func testRecordsAcrossAReadBlockBoundaryAreReadWhole() throws {
        // Just over one 4 MiB read, so one record is cut at the block boundary; where exactly is
        // left to chance on purpose (the tokenizer's own tests cut everywhere).
        var lines = ["id,note"]
        var size = 0
        while size < 4_400_000 {
            let id = lines.count
            let note = id % 3 == 0 ? "\"say \"\"\(id)\"\"\r\nagain\"" : id % 3 == 1 ? "plain \(id)" : "\"a, b\""
            lines.append("\(id),\(note)")
            size += lines[lines.count - 1].utf8.count + 2
        }
        let back = try roundTrip(Array((lines.joined(separator: "\r\n") + "\r\n").utf8), types: "id:int64")
        XCTAssertTrue(back == lines.joined(separator: "\n") + "\n", "the rows read back differ from the CSV written")
    }
}
