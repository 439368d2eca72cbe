import XCTest
@testable import Parquet

/// The page index our writer produces, read back by our reader, and page-level pushdown: pages
/// the column index rules out are not decoded (counted), and the rows that come back are exactly
/// those of the pages that may match, identical in every projected column.
final class PageIndexTests: XCTestCase {
    private let rows = 1_000

    /// `id` ascending (pages of 100 rows), `label` a dictionary string, `note` PLAIN strings of
    /// 50 bytes cut by size (other page boundaries), `maybe` null for the first 300 rows.
    private func file() throws -> [UInt8] {
        let schema = ParquetSchema(fields: [
            ParquetField(name: "id", type: .int64, repetition: .required),
            ParquetField(name: "label", type: .byteArray, repetition: .required, logicalType: .string),
            ParquetField(name: "note", type: .byteArray, repetition: .required, logicalType: .string),
            ParquetField(name: "maybe", type: .int32, repetition: .optional),
        ])
        var options = ParquetWriterOptions()
        options.dataPageRowLimit = 100
        options.dataPageSizeLimit = 2_000
        options.columnOverrides["note"] = ColumnWriteOptions(useDictionary: false)
        let writer = try ParquetWriter(schema: schema, options: options)
        try writer.write(batch: [
            ColumnBatch(buffer: .int64((0..<rows).map(Int64.init))),
            ColumnBatch(.byteArray((0..<rows).map { Array("label-\($0 % 7)".utf8) })),
            ColumnBatch(.byteArray((0..<rows).map { Array(String(format: "%050d", $0).utf8) })),
            ColumnBatch(buffer: .int32((300..<rows).map(Int32.init)), validity: (0..<rows).map { $0 >= 300 }),
        ])
        try writer.finish()
        return writer.bytes
    }

    func testWriterIndexesEveryPage() throws {
        let reader = try ParquetFileReader(bytes: try file())
        let offsets = try XCTUnwrap(try reader.offsetIndex(rowGroup: 0, column: 0))
        XCTAssertEqual(offsets.pageLocations.map(\.firstRowIndex), stride(from: 0, to: 1_000, by: 100).map(Int64.init))
        let chunk = try XCTUnwrap(reader.rowGroups[0].columns[0].metaData)
        XCTAssertEqual(offsets.pageLocations.first?.offset, chunk.dataPageOffset)
        let index = try XCTUnwrap(try reader.columnIndex(rowGroup: 0, column: 0))
        XCTAssertEqual(index.nullPages, Array(repeating: false, count: 10))
        XCTAssertEqual(index.minValues[3], PlainEncoder.encode(.int64([300])))
        XCTAssertEqual(index.maxValues[3], PlainEncoder.encode(.int64([399])))
        XCTAssertEqual(index.nullCounts, Array(repeating: 0, count: 10))

        let maybe = try XCTUnwrap(try reader.columnIndex(rowGroup: 0, column: 3))
        XCTAssertEqual(maybe.nullPages, [true, true, true] + Array(repeating: false, count: 7))
        XCTAssertEqual(maybe.minValues[0], [])
        XCTAssertEqual(maybe.nullCounts?.prefix(4), [100, 100, 100, 0])
        let notePages = try XCTUnwrap(try reader.offsetIndex(rowGroup: 0, column: 2)).pageLocations.count
        XCTAssertGreaterThan(notePages, 10, "notes are cut by size, not at the 100-row marks")
    }

    func testPushdownSkipsPagesAndReturnsExactlyTheCandidateRows() throws {
        let reader = try ParquetFileReader(bytes: try file())
        let selection = try reader.readColumns(rowGroup: 0, matching: .between("id", .int64(250), .int64(349)))
        XCTAssertEqual(selection.rows, [200..<400])
        let full = try reader.readColumns(rowGroup: 0)
        XCTAssertEqual(selection.columns.count, 4)
        for (selected, whole) in zip(selection.columns, full) {
            let name = selected.descriptor.dottedPath
            XCTAssertEqual(selected.entryCount, 200, name)
            let expected = whole.selecting(rows: [200..<400], segments: [(entry: 0, row: 0)])
            XCTAssertEqual(selected.buffer, expected.buffer, name)
            XCTAssertEqual(selected.definitionLevels, expected.definitionLevels, name)
        }
        XCTAssertEqual(selection.columns[0].buffer, .int64((200..<400).map(Int64.init)))
        XCTAssertEqual(selection.columns[2].buffer, .byteArray(ByteArrayBuffer((200..<400).map { Array(String(format: "%050d", $0).utf8) })))
        XCTAssertEqual(selection.columns[3].definitionLevels, Array(repeating: 0, count: 100) + Array(repeating: 1, count: 100))
        // id, label and maybe: 2 of 10 pages each; note: only the pages around rows 200..<400.
        let noteStarts = try XCTUnwrap(try reader.offsetIndex(rowGroup: 0, column: 2)).pageLocations.map { Int($0.firstRowIndex) }
        let noteRanges = zip(noteStarts, noteStarts.dropFirst() + [rows]).map { $0..<$1 }
        let notesNeeded = noteRanges.filter { $0.overlaps(200..<400) }.count
        XCTAssertEqual(selection.pagesRead, 6 + notesNeeded)
        XCTAssertEqual(selection.pagesSkipped, 24 + noteRanges.count - notesNeeded)
    }

    /// Rows named by the caller (found by another column): only the pages holding them are
    /// decoded, and every column comes back with exactly those rows, in order.
    func testReadingGivenRowsDecodesOnlyTheirPages() throws {
        let reader = try ParquetFileReader(bytes: try file())
        let wanted = [5..<7, 150..<151, 299..<302, 999..<1000]
        let selection = try reader.readColumns(rowGroup: 0, columnIndices: [0, 1, 3], rows: wanted, keepDictionary: true)
        let rows = wanted.flatMap { $0 }
        XCTAssertEqual(selection.rows, wanted)
        XCTAssertEqual(selection.columns[0].buffer, .int64(rows.map(Int64.init)))
        XCTAssertEqual(selection.columns[1].buffer, .byteArray(ByteArrayBuffer(rows.map { Array("label-\($0 % 7)".utf8) })))
        guard case .dictionary = selection.columns[1].storage else { return XCTFail("the dictionary was not kept") }
        XCTAssertEqual(selection.columns[2].definitionLevels, rows.map { $0 >= 300 ? 1 : 0 })
        XCTAssertEqual(selection.columns[2].buffer, .int32([300, 301, 999]))
        // Pages 0, 1, 2, 3 and 9 of each column (100 rows a page): 5 of 10 skipped, three times.
        XCTAssertEqual(selection.pagesRead, 15)
        XCTAssertEqual(selection.pagesSkipped, 15)
        let none = try reader.readColumns(rowGroup: 0, columnIndices: [0, 2], rows: [])
        XCTAssertEqual(none.columns.map(\.entryCount), [0, 0])
        XCTAssertEqual(none.pagesRead, 0)
    }

    func testPushdownOnNullPagesAndNoMatch() throws {
        let reader = try ParquetFileReader(bytes: try file())
        XCTAssertEqual(try reader.candidateRows(rowGroup: 0, matching: .between("maybe", .int32(0), .int32(350))), [300..<400])
        let none = try reader.readColumns(rowGroup: 0, columns: ["id"], matching: .equals("id", .int64(5_000)))
        XCTAssertEqual(none.rows, [])
        XCTAssertEqual(none.columns[0].entryCount, 0)
        XCTAssertEqual(none.pagesRead, 0)
        XCTAssertEqual(none.pagesSkipped, 10)
        let label = try reader.readColumns(rowGroup: 0, columns: ["id"], matching: .equals("label", .string("label-3")),
                                           keepDictionary: true)
        XCTAssertEqual(label.rows, [0..<1_000], "every page holds label-3")
        XCTAssertEqual(label.pagesSkipped, 0)
    }

    func testLongStringsAreTruncatedInTheColumnIndexOnly() throws {
        let schema = ParquetSchema(fields: [ParquetField(name: "s", type: .byteArray, repetition: .required)])
        let long = Array(repeating: UInt8(0x61), count: 100_000)
        var allHigh = Array(repeating: UInt8(0xFF), count: 70)
        allHigh[0] = 0x62
        let writer = try ParquetWriter(schema: schema)
        try writer.write(batch: [ColumnBatch(.byteArray([long, allHigh]))])
        try writer.finish()
        let reader = try ParquetFileReader(bytes: writer.bytes)
        let index = try XCTUnwrap(try reader.columnIndex(rowGroup: 0, column: 0))
        XCTAssertEqual(index.minValues, [Array(long.prefix(64))])
        XCTAssertEqual(index.maxValues, [[0x63]], "0x62 then 0xFF… rounds up to 0x63")
        XCTAssertEqual(reader.rowGroups[0].columns[0].metaData?.statistics?.minValue, long, "chunk statistics stay exact")
        XCTAssertEqual(ColumnChunkWriter.roundedUpPrefix([0xFF, 0xFF], 1), nil)
        XCTAssertEqual(ColumnChunkWriter.roundedUpPrefix([0x01, 0xFF, 0x05], 2), [0x02])
    }

    func testFilesWithoutPageIndexReadWhole() throws {
        let schema = ParquetSchema(fields: [ParquetField(name: "id", type: .int64, repetition: .required)])
        var options = ParquetWriterOptions()
        options.writePageIndex = false
        options.dataPageRowLimit = 10
        let writer = try ParquetWriter(schema: schema, options: options)
        try writer.write(batch: [ColumnBatch(.int64((0..<100).map(Int64.init)))])
        try writer.finish()
        let reader = try ParquetFileReader(bytes: writer.bytes)
        XCTAssertNil(try reader.columnIndex(rowGroup: 0, column: 0))
        XCTAssertNil(try reader.offsetIndex(rowGroup: 0, column: 0))
        let selection = try reader.readColumns(rowGroup: 0, matching: .equals("id", .int64(42)))
        XCTAssertEqual(selection.rows, [0..<100])
        XCTAssertEqual(selection.pagesSkipped, 0)
        XCTAssertEqual(selection.columns[0].buffer, .int64((0..<100).map(Int64.init)))
    }
}
