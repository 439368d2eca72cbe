import XCTest
@testable import Parquet

/// Decoding of hand-encoded compact-protocol bytes; every expected value comes from the Thrift
/// compact specification or the worked examples in the format notes, not from our writer.
final class ThriftCompactReaderTests: XCTestCase {
    func testDataPageHeaderExampleFromSpec() throws {
        // {num_values=4, encoding=PLAIN, def=RLE, rep=RLE}: 0x15 = delta 1 + i32; 4 → zigzag 8; RLE 3 → 6.
        let header = try DataPageHeader(thriftBytes: [0x15, 0x08, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00])
        XCTAssertEqual(header.numValues, 4)
        XCTAssertEqual(header.encoding, .plain)
        XCTAssertEqual(header.definitionLevelEncoding, .rle)
        XCTAssertEqual(header.repetitionLevelEncoding, .rle)
    }

    func testVarintFromSpec() throws {
        var reader = ByteReader([0xDF, 0x89, 0x03])
        XCTAssertEqual(try reader.readVarUInt64(), 50399)
    }

    func testNegativeZigzag() throws {
        // zigzag: -1 → 1, 1 → 2, -5 → 9, Int64.min → UInt64.max (ten-byte varint).
        var reader = ThriftCompactReader([0x01, 0x02, 0x09] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        XCTAssertEqual(try reader.readI32(), -1)
        XCTAssertEqual(try reader.readI32(), 1)
        XCTAssertEqual(try reader.readI64(), -5)
        XCTAssertEqual(try reader.readI64(), Int64.min)
    }

    func testLongFormFieldIdAndDeltas() throws {
        // field 1 (short, i32 = 7), then field 16 long form: 0x05 + zigzag i16 16 → 0x20, value -2 → 3, STOP.
        var reader = ThriftCompactReader([0x15, 0x0E, 0x05, 0x20, 0x03, 0x00])
        try reader.beginStruct()
        let first = try XCTUnwrap(try reader.nextField())
        XCTAssertEqual(first.id, 1)
        XCTAssertEqual(try reader.readI32(), 7)
        let second = try XCTUnwrap(try reader.nextField())
        XCTAssertEqual(second.id, 16)
        XCTAssertEqual(second.type, .i32)
        XCTAssertEqual(try reader.readI32(), -2)
        XCTAssertNil(try reader.nextField())
    }

    func testBoolFieldsCarryValueInTypeNibble() throws {
        // DataPageHeaderV2 {1:3, 2:0, 3:1, 4:0, 5:0, 6:0, 7:false}: field 7 header 0x12 (delta 1, type 2 = false).
        let bytes: [UInt8] = [0x15, 0x06, 0x15, 0x00, 0x15, 0x02, 0x15, 0x00, 0x15, 0x00, 0x15, 0x00, 0x12, 0x00]
        let header = try DataPageHeaderV2(thriftBytes: bytes)
        XCTAssertEqual(header.numValues, 3)
        XCTAssertEqual(header.numRows, 1)
        XCTAssertEqual(header.isCompressed, false)
        let trueHeader = try DataPageHeaderV2(thriftBytes: Array(bytes.dropLast(2)) + [0x11, 0x00])
        XCTAssertEqual(trueHeader.isCompressed, true)
    }

    func testListWithMoreThanFourteenElements() throws {
        // ColumnMetaData.encodings (field 2) as a 15-element i32 list: header 0xF5 then varint 15.
        var reader = ThriftCompactReader([0xF5, 0x0F] + [UInt8](repeating: 0x10, count: 15))
        let values = try reader.readList(of: .i32) { try $0.readI32() }
        XCTAssertEqual(values, [Int32](repeating: 8, count: 15))
    }

    func testBoolListElementsAcceptBothFalseForms() throws {
        var reader = ThriftCompactReader([0x31, 0x01, 0x02, 0x00])
        XCTAssertEqual(try reader.readList(of: .bool) { try $0.readBoolElement() }, [true, false, false])
    }

    func testUnknownFieldsOfEveryTypeAreSkipped() throws {
        // KeyValue {1:"k", 3: struct{1: list<i64>[1,2]}, 4: map{} , 5: double, 6: i8, 2:"v"} — unknown 3…6 skipped.
        let bytes: [UInt8] = [
            0x18, 0x01, 0x6B,                    // 1: binary "k"
            0x2C, 0x19, 0x26, 0x02, 0x04, 0x00,  // 3: struct { 1: list<i64> [1, 2] }
            0x1B, 0x00,                          // 4: empty map
            0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F,  // 5: double 1.0
            0x13, 0x7F,                          // 6: i8
            0x08, 0x04, 0x01, 0x76,              // 2 (long form): binary "v"
            0x00,
        ]
        let keyValue = try KeyValue(thriftBytes: bytes)
        XCTAssertEqual(keyValue, KeyValue(key: "k", value: "v"))
    }

    func testKnownFieldWithUnexpectedWireTypeIsSkipped() throws {
        // DictionaryPageHeader {1: i32 5, 2: binary "xy" (IDL says i32) } → encoding stays default PLAIN.
        let header = try DictionaryPageHeader(thriftBytes: [0x15, 0x0A, 0x18, 0x02, 0x78, 0x79, 0x00])
        XCTAssertEqual(header.numValues, 5)
        XCTAssertEqual(header.encoding, .plain)
    }

    func testMissingRequiredFieldIsReported() {
        XCTAssertThrowsError(try DataPageHeader(thriftBytes: [0x15, 0x08, 0x00])) { error in
            XCTAssertEqual(error as? ParquetError, .missingField(structName: "DataPageHeader", field: "encoding"))
        }
    }

    func testTruncatedAndOversizedInputsThrow() {
        XCTAssertThrowsError(try DataPageHeader(thriftBytes: [0x15, 0x08, 0x15]))
        // binary length 100 with 1 byte left
        XCTAssertThrowsError(try KeyValue(thriftBytes: [0x18, 0x64, 0x41]))
        // list claiming 1000 elements
        var reader = ThriftCompactReader([0xF5, 0xE8, 0x07, 0x00])
        XCTAssertThrowsError(try reader.readList(of: .i32) { try $0.readI32() })
    }

    func testDeepNestingIsRejected() {
        // 100 nested struct fields (0x1C = field 1, struct) never closed.
        let bytes = [UInt8](repeating: 0x1C, count: 100) + [UInt8](repeating: 0, count: 101)
        XCTAssertThrowsError(try Statistics(thriftBytes: bytes))
    }
}
