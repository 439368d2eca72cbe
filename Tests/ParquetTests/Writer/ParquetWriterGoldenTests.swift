import XCTest
@testable import Parquet

/// The writer must reproduce `handmade/parquet-minimal-example.parquet` byte for byte: a file
/// assembled by hand from the format specification and accepted by pyarrow, DuckDB and Spark
/// (parquet-notes §9). Its bytes come from outside this code base, so a mismatch is a real defect.
final class ParquetWriterGoldenTests: XCTestCase {
    func testReproducesMinimalExampleByteForByte() throws {
        let expected = try FixtureFiles.bytes("handmade/parquet-minimal-example.parquet")
        XCTAssertEqual(expected.count, 293)

        let schema = ParquetSchema(fields: [
            ParquetField(name: "id", type: .int32, repetition: .required),
            ParquetField(name: "name", type: .byteArray, repetition: .optional, logicalType: .string),
        ])
        var options = ParquetWriterOptions()
        options.codec = .snappy
        options.snappyMode = .literalOnly
        options.useDictionary = false
        options.writePageIndex = false  // the fixture has no page index
        options.createdBy = "lakemake version 0.1.0 (build golden-fixture1)"
        options.columnOverrides["id"] = ColumnWriteOptions(codec: .uncompressed)

        let writer = try ParquetWriter(schema: schema, options: options)
        try writer.write(batch: [
            ColumnBatch(.int32([3, 1, 2, -5])),
            ColumnBatch(.byteArray([Array("b".utf8), Array("a".utf8), Array("c".utf8)]),
                        validity: [true, true, false, true]),
        ])
        try writer.finish()
        let actual = writer.bytes

        XCTAssertEqual(actual.count, expected.count)
        if let firstDifference = zip(actual, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            XCTFail(String(format: "first differing byte at offset 0x%x", firstDifference))
        }
        XCTAssertEqual(actual, expected)
    }
}
