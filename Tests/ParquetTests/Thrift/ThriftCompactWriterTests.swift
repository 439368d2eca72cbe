import XCTest
@testable import Parquet

/// Encoding checked against bytes written out by hand from the compact-protocol rules and
/// against the golden footer of `handmade/parquet-minimal-example.parquet` (parquet-notes §9).
final class ThriftCompactWriterTests: XCTestCase {
    func testDataPageHeaderExampleFromSpec() {
        let header = DataPageHeader(numValues: 4, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        XCTAssertEqual(header.thriftBytes(), [0x15, 0x08, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00])
    }

    func testLongFormFieldIdAndNegativeZigzag() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(1, i32: -1)
        writer.writeField(17, i64: -5)
        writer.writeField(32767, i16: -2)
        writer.endStruct()
        // 0x15 01 | long form 0x06 + zigzag(17)=34=0x22, value 9 | 0x04 + zigzag(32767)=65534 → FE FF 03, value 3 | STOP
        XCTAssertEqual(writer.bytes, [0x15, 0x01, 0x06, 0x22, 0x09, 0x04, 0xFE, 0xFF, 0x03, 0x03, 0x00])
    }

    func testBoolFieldsAndBoolListElements() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(1, bool: true)
        writer.writeField(2, bool: false)
        writer.writeField(3, boolList: [true, false])
        writer.endStruct()
        XCTAssertEqual(writer.bytes, [0x11, 0x12, 0x19, 0x21, 0x01, 0x02, 0x00])
    }

    func testListWithFifteenElementsUsesLongHeader() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(2, i32List: [Int32](repeating: 0, count: 15))
        writer.writeField(3, i32List: [Int32](repeating: 1, count: 14))
        writer.endStruct()
        let expected: [UInt8] = [0x29, 0xF5, 0x0F] + [UInt8](repeating: 0, count: 15)
            + [0x19, 0xE5] + [UInt8](repeating: 2, count: 14) + [0x00]
        XCTAssertEqual(writer.bytes, expected)
    }

    func testLogicalTypeWireExamplesFromNotes() {
        // STRING {1:{}}; TIMESTAMP(ms, UTC) {8:{1:true, 2:{1:{}}}}; INT(8, signed) {10:{1: i8 8, 2:true}}
        XCTAssertEqual(LogicalType.string.thriftBytes(), [0x1C, 0x00, 0x00])
        XCTAssertEqual(
            LogicalType.timestamp(isAdjustedToUTC: true, unit: .millis).thriftBytes(),
            [0x8C, 0x11, 0x1C, 0x1C, 0x00, 0x00, 0x00, 0x00])
        XCTAssertEqual(LogicalType.integer(bitWidth: 8, isSigned: true).thriftBytes(), [0xAC, 0x13, 0x08, 0x11, 0x00, 0x00])
        XCTAssertEqual(try LogicalType(thriftBytes: [0xAC, 0x13, 0x08, 0x11, 0x00, 0x00]), .integer(bitWidth: 8, isSigned: true))
    }

    func testUnknownLogicalTypeMemberDecodesAsUnrecognized() throws {
        // VARIANT (id 16) via long form: 0x0C + zigzag 16 = 0x20, empty struct.
        XCTAssertEqual(try LogicalType(thriftBytes: [0x0C, 0x20, 0x00, 0x00]), .unrecognized(fieldId: 16))
    }

    /// The golden footer from parquet-notes §9: decode, check the documented values, re-encode byte for byte.
    func testGoldenFooterRoundTrips() throws {
        let file = try FixtureFiles.bytes("handmade/parquet-minimal-example.parquet")
        XCTAssertEqual(file.count, 293)
        let footer = Array(file[0x4D..<(0x4D + 208)])
        let metadata = try FileMetaData(thriftBytes: footer)
        XCTAssertEqual(metadata.version, 1)
        XCTAssertEqual(metadata.numRows, 4)
        XCTAssertEqual(metadata.schema.map(\.name), ["schema", "id", "name"])
        XCTAssertEqual(metadata.schema[2].logicalType, .string)
        XCTAssertEqual(metadata.schema[2].convertedType, .utf8)
        XCTAssertEqual(metadata.createdBy, "lakemake version 0.1.0 (build golden-fixture1)")
        XCTAssertEqual(metadata.columnOrders, [.typeDefinedOrder, .typeDefinedOrder])
        let group = try XCTUnwrap(metadata.rowGroups.first)
        XCTAssertEqual(group.totalByteSize, 71)
        XCTAssertEqual(group.totalCompressedSize, 73)
        XCTAssertEqual(group.ordinal, 0)
        let name = try XCTUnwrap(group.columns[1].metaData)
        XCTAssertEqual(name.codec, .snappy)
        XCTAssertEqual(name.encodings, [.plain, .rle])
        XCTAssertEqual(name.dataPageOffset, 37)
        XCTAssertEqual(name.totalUncompressedSize, 38)
        XCTAssertEqual(name.totalCompressedSize, 40)
        XCTAssertEqual(name.statistics?.nullCount, 1)
        XCTAssertEqual(name.statistics?.minValue, Array("a".utf8))
        XCTAssertEqual(name.statistics?.maxValue, Array("c".utf8))
        let id = try XCTUnwrap(group.columns[0].metaData)
        XCTAssertEqual(id.statistics?.min, [0xFB, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(id.statistics?.max, [3, 0, 0, 0])
        XCTAssertEqual(metadata.thriftBytes(), footer)
    }
}
