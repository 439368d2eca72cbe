import Foundation
import XCTest
@testable import Parquet

/// Writer protocol and layout: misuse is rejected, output is deterministic, footers decode with
/// the metadata decoder, dictionaries fall back and row groups split as configured.
final class ParquetWriterTests: XCTestCase {
    private let schema = ParquetSchema(fields: [
        ParquetField(name: "id", type: .int64, repetition: .required),
        ParquetField(name: "label", type: .byteArray, repetition: .optional, logicalType: .string),
    ])

    private func batch(rows: Int) -> [ColumnBatch] {
        let validity = (0..<rows).map { $0 % 3 != 0 }
        let labels = (0..<rows).filter { $0 % 3 != 0 }.map { Array("label \($0 % 7)".utf8) }
        return [ColumnBatch(.int64((0..<rows).map(Int64.init))), ColumnBatch(.byteArray(labels), validity: validity)]
    }

    /// Decodes the footer with the metadata decoder (the PAR1 framing is checked here by hand).
    private func footer(_ bytes: [UInt8]) throws -> FileMetaData {
        XCTAssertEqual(Array(bytes.prefix(4)), Array("PAR1".utf8))
        XCTAssertEqual(Array(bytes.suffix(4)), Array("PAR1".utf8))
        guard bytes.count >= 12 else { throw ParquetError.invalidFooter(reason: "file too short") }
        let lengthBytes = bytes[(bytes.count - 8)..<(bytes.count - 4)]
        let length = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length <= bytes.count - 12 else { throw ParquetError.invalidFooter(reason: "bad footer length") }
        return try FileMetaData(thriftBytes: Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)]))
    }

    private func assertMisuse(_ body: () throws -> Void, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), message, line: line) { error in
            guard case ParquetError.invalidWriterUse = error else {
                return XCTFail("\(message): unexpected error \(error)", line: line)
            }
        }
    }

    func testRejectsMisuse() throws {
        let writer = try ParquetWriter(schema: schema)
        assertMisuse({ try writer.write(batch: [ColumnBatch(.int64([1]))]) }, "too few columns")
        assertMisuse({ try writer.write(batch: [ColumnBatch(.int64([1, 2])), ColumnBatch(.byteArray([[1]]))]) },
                     "mismatched row counts")
        assertMisuse({ try writer.write(batch: [ColumnBatch(.int32([1])), ColumnBatch(.byteArray([[1]]))]) },
                     "wrong physical type")
        assertMisuse({ try writer.write(batch: [ColumnBatch(.int64([1, 2])),
                                                 ColumnBatch(.byteArray([[1]]), validity: [true, true])]) },
                     "validity disagrees with values")
        assertMisuse({ try writer.write(batch: [ColumnBatch(.int64([1]), validity: [true, false]),
                                                 ColumnBatch(.byteArray([[1]]), validity: [true, false])]) },
                     "null in a required column")
        try writer.finish()
        assertMisuse({ try writer.write(batch: self.batch(rows: 1)) }, "write after finish")
        assertMisuse({ try writer.finish() }, "finish twice")
    }

    func testRejectsUnsupportedSchemasAndOptions() {
        let nested = ParquetSchema(fields: [ParquetField(name: "s", repetition: .optional, children: [
            ParquetField(name: "x", type: .int32, repetition: .required)])])
        assertMisuse({ _ = try ParquetWriter(schema: nested) }, "nested schema")
        let noWidth = ParquetSchema(fields: [ParquetField(name: "f", type: .fixedLenByteArray, repetition: .required)])
        assertMisuse({ _ = try ParquetWriter(schema: noWidth) }, "FLBA without width")
        let fixed = ParquetSchema(fields: [ParquetField(name: "f", type: .fixedLenByteArray, repetition: .required,
                                                        typeLength: 2)])
        assertMisuse({ try ParquetWriter(schema: fixed).write(batch: [ColumnBatch(.fixedLenByteArray([[1, 2, 3]]))]) },
                     "FLBA value of the wrong width")
        var lz4 = ParquetWriterOptions()
        lz4.codec = .lz4Raw
        XCTAssertThrowsError(try ParquetWriter(schema: schema, options: lz4)) { error in
            XCTAssertEqual(error as? ParquetError, .unsupportedCodec("LZ4_RAW"))
        }
        var unknownColumn = ParquetWriterOptions()
        unknownColumn.columnOverrides["nope"] = ColumnWriteOptions(codec: .gzip)
        XCTAssertThrowsError(try ParquetWriter(schema: schema, options: unknownColumn)) { error in
            XCTAssertEqual(error as? ParquetError, .columnNotFound("nope"))
        }
    }

    func testSameInputGivesSameBytesInMemoryAndOnDisk() throws {
        let first = try ParquetWriter(schema: schema)
        try first.write(batch: batch(rows: 5_000))
        try first.finish()
        let second = try ParquetWriter(schema: schema)
        try second.write(batch: batch(rows: 5_000))
        try second.finish()
        XCTAssertEqual(first.bytes, second.bytes)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.parquet").path
        let onDisk = try ParquetWriter(path: path, schema: schema)
        try onDisk.write(batch: batch(rows: 5_000))
        try onDisk.finish()
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), first.bytes)
        XCTAssertTrue(onDisk.bytes.isEmpty)
    }

    func testUnwritablePathIsAnIOError() {
        XCTAssertThrowsError(try ParquetWriter(path: "/nonexistent-dir/x.parquet", schema: schema)) { error in
            guard case ParquetError.io(path: "/nonexistent-dir/x.parquet", operation: "create", _) = error else {
                return XCTFail("unexpected error \(error)")
            }
        }
    }

    func testZeroRowFileIsFooterOnly() throws {
        var options = ParquetWriterOptions()
        options.keyValueMetadata = [KeyValue(key: "origin", value: "test")]
        let writer = try ParquetWriter(schema: schema, options: options)
        try writer.write(batch: [ColumnBatch(.int64([])), ColumnBatch(.byteArray([]), validity: [])])
        try writer.finish()
        let metadata = try footer(writer.bytes)
        XCTAssertEqual(metadata.numRows, 0)
        XCTAssertEqual(metadata.rowGroups, [])
        XCTAssertEqual(metadata.keyValueMetadata, [KeyValue(key: "origin", value: "test")])
        XCTAssertEqual(metadata.createdBy, ParquetWriterOptions.defaultCreatedBy)
        XCTAssertEqual(metadata.columnOrders, [.typeDefinedOrder, .typeDefinedOrder])
        XCTAssertEqual(try ParquetSchema(elements: metadata.schema), schema)
    }

    func testDictionaryIsUsedUntilItsLimit() throws {
        let dictionary = try ParquetWriter(schema: schema)
        try dictionary.write(batch: batch(rows: 100))
        let metadata = try dictionary.finish()
        let label = try XCTUnwrap(metadata.rowGroups.first?.columns[1].metaData)
        XCTAssertEqual(label.encodings, [.plain, .rle, .rleDictionary])
        XCTAssertNotNil(label.dictionaryPageOffset)
        XCTAssertEqual(label.numValues, 100, "level entries, nulls included")
        XCTAssertEqual(label.statistics?.nullCount, 34)

        var small = ParquetWriterOptions()
        small.dictionaryPageSizeLimit = 30
        let plain = try ParquetWriter(schema: schema, options: small)
        try plain.write(batch: batch(rows: 100))
        let fallback = try XCTUnwrap(try plain.finish().rowGroups.first?.columns[1].metaData)
        XCTAssertEqual(fallback.encodings, [.plain, .rle])
        XCTAssertNil(fallback.dictionaryPageOffset)
    }

    func testRowGroupsSplitBySizeAndOffsetsChain() throws {
        var options = ParquetWriterOptions()
        options.rowGroupSizeLimit = 10_000
        let writer = try ParquetWriter(schema: schema, options: options)
        let written = try writer.write(batch: batch(rows: 3_000))
        let metadata = try writer.finish()
        XCTAssertGreaterThan(written.count, 1)
        // The page index is placed by finish(), after the last row group: the footer's row
        // groups are the written ones plus its locations.
        let withoutPageIndex = metadata.rowGroups.map { group in
            var group = group
            group.columns = group.columns.map { ColumnChunk(fileOffset: $0.fileOffset, metaData: $0.metaData) }
            return group
        }
        XCTAssertEqual(withoutPageIndex, written)
        XCTAssertEqual(metadata.rowGroups.map(\.numRows).reduce(0, +), 3_000)
        XCTAssertEqual(metadata.numRows, 3_000)
        var expectedOffset: Int64 = 4
        for (index, group) in metadata.rowGroups.enumerated() {
            XCTAssertEqual(group.ordinal, Int16(index))
            XCTAssertEqual(group.fileOffset, expectedOffset)
            for chunk in group.columns {
                let column = try XCTUnwrap(chunk.metaData)
                XCTAssertEqual(column.dictionaryPageOffset ?? column.dataPageOffset, expectedOffset)
                expectedOffset += column.totalCompressedSize
            }
        }
        for chunk in metadata.rowGroups.flatMap(\.columns) {
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(chunk.columnIndexOffset), expectedOffset, "indexes follow the data")
            XCTAssertGreaterThan(try XCTUnwrap(chunk.offsetIndexOffset), try XCTUnwrap(chunk.columnIndexOffset))
        }
        XCTAssertEqual(try footer(writer.bytes), metadata)
    }
}
