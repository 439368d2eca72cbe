import Foundation
import XCTest
@testable import Parquet

/// The page index across engines: pyarrow finds ours (and filters with it), and our reader
/// skips pages of a file pyarrow wrote with its own page index.
final class PageIndexInteropTests: XCTestCase {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lakemake-page-index-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    func testPyarrowSeesOurPageIndex() throws {
        _ = try PythonReaders.python()
        let schema = ParquetSchema(fields: [
            ParquetField(name: "id", type: .int64, repetition: .required),
            ParquetField(name: "label", type: .byteArray, repetition: .optional, logicalType: .string),
        ])
        var options = ParquetWriterOptions()
        options.dataPageRowLimit = 100
        options.rowGroupSizeLimit = 8_000
        let path = temporaryPath("ours.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        try writer.write(batch: [
            ColumnBatch(.int64((0..<1_000).map(Int64.init))),
            ColumnBatch(.byteArray((0..<1_000).filter { $0 % 5 != 0 }.map { Array("v\($0 % 9)".utf8) }),
                        validity: (0..<1_000).map { $0 % 5 != 0 }),
        ])
        let footer = try writer.finish()
        XCTAssertGreaterThan(footer.rowGroups.count, 1)

        let output = try PythonReaders.run(script: "page_index.py", arguments: ["inspect", path])
        let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: output) as? [String: [String: Any]])[path]
        let groups = try XCTUnwrap(result?["row_groups"] as? [[[String: Bool]]])
        XCTAssertEqual(groups.count, footer.rowGroups.count)
        for (group, columns) in groups.enumerated() {
            for (column, flags) in columns.enumerated() {
                XCTAssertEqual(flags["column_index"], true, "row group \(group) column \(column)")
                XCTAssertEqual(flags["offset_index"], true, "row group \(group) column \(column)")
            }
        }
        XCTAssertEqual(result?["filtered_ids"] as? [String], (250...349).map(String.init))
    }

    func testOurReaderSkipsPagesOfAPyarrowFile() throws {
        let path = temporaryPath("theirs.parquet")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try PythonReaders.run(script: "page_index.py", arguments: ["write", path, "10000"])
        let reader = try ParquetFileReader(path: path)
        XCTAssertNotNil(try reader.columnIndex(rowGroup: 0, column: 0))
        let selection = try reader.readColumns(rowGroup: 0, matching: .between("id", .int64(4_000), .int64(4_010)))
        XCTAssertGreaterThan(selection.pagesSkipped, 0)
        let ids = selection.rows.flatMap { $0 }.map(Int64.init)
        XCTAssertTrue(ids.contains(4_000) && ids.contains(4_010))
        XCTAssertLessThan(ids.count, 1_000, "only the pages around the range")
        XCTAssertEqual(selection.columns[0].buffer, .int64(ids))
        XCTAssertEqual(selection.columns[1].buffer,
                       .byteArray(ByteArrayBuffer(ids.map { Array("label-\($0 % 7)".utf8) })))
    }
}
