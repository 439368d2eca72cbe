import Foundation
import XCTest
@testable import LakeFormats

/// Checked against hand-written RFC 4180 text, our reader, and Python's csv module.
final class CSVWriterTests: XCTestCase {
    private let awkward: [[String]] = [
        ["id", "name", "note"],
        ["1", "plain", ""],
        ["2", "comma, inside", "say \"hi\""],
        ["3", "two\nlines", "cr\r\nlf"],
        ["4", " spaced ", "Schlümpfe 😀"],
    ]

    func testQuotesOnlyWhenNeeded() {
        var writer = CSVWriter()
        for record in awkward { writer.append(record) }
        let expected = "id,name,note\n"
            + "1,plain,\n"
            + #"2,"comma, inside","say ""hi""""# + "\n"
            + "3,\"two\nlines\",\"cr\r\nlf\"\n"
            + "4, spaced ,Schlümpfe 😀\n"
        XCTAssertEqual(writer.text, expected)
    }

    func testRoundTripThroughReader() throws {
        var writer = CSVWriter()
        for record in awkward { writer.append(record) }
        let table = try CSVReader.parse(writer.bytes)
        XCTAssertEqual(table.header, awkward[0])
        XCTAssertEqual(table.rows.map(\.fields), Array(awkward.dropFirst()))
        XCTAssertEqual(table.rows.map(\.line), [2, 3, 4, 7])
    }

    func testPythonCSVModuleReadsTheSameFields() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("python3 is not installed") }
        var writer = CSVWriter()
        for record in awkward { writer.append(record) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(writer.bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: data) as? [[String]], awkward)
    }

    /// Found by the CSV fuzz target: a one-column table with an empty value came back with
    /// the row changed, because the record was written as a blank line.
    func testRecordOfOneEmptyFieldIsQuoted() throws {
        var writer = CSVWriter()
        writer.append(["h"])
        writer.append([""])
        writer.append(["n"])
        XCTAssertEqual(writer.text, "h\n\"\"\nn\n")  // what Python's csv.writer writes for [["h"], [""], ["n"]]
        let table = try CSVReader.parse(writer.bytes)
        XCTAssertEqual(table.rows.map(\.fields), [[""], ["n"]])
    }
}
