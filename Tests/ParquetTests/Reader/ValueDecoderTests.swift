import XCTest
@testable import Parquet

/// PLAIN, dictionary, RLE-boolean and BYTE_STREAM_SPLIT values from hand-written bytes.
final class ValueDecoderTests: XCTestCase {
    func testPlainBooleansFromNotes() throws {
        // T,F,T,T,F,T,T,F,T → 6D 01 (parquet-notes §3.3)
        XCTAssertEqual(try DecoderTestSupport.decode([0x6D, 0x01], .plain, .boolean, count: 9),
                       .boolean([true, false, true, true, false, true, true, false, true]))
    }

    func testPlainInt96AndFixedLength() throws {
        // nanos 1000 then Julian day 2440589 (0x253D8D) = 1970-01-02
        let int96 = try DecoderTestSupport.decode([0xE8, 0x03, 0, 0, 0, 0, 0, 0, 0x8D, 0x3D, 0x25, 0x00], .plain, .int96, count: 1)
        XCTAssertEqual(int96, .int96([Int96(nanosOfDay: 1000, julianDay: 2_440_589)]))
        XCTAssertEqual(Int96(nanosOfDay: 1000, julianDay: 2_440_589).microsSinceEpoch, 86_400_000_001)
        XCTAssertEqual(try DecoderTestSupport.decode([1, 2, 3, 4], .plain, .fixedLenByteArray, count: 2, typeLength: 2),
                       .fixedLenByteArray([[1, 2], [3, 4]]))
    }

    func testPlainByteArrayLengthPastEnd() {
        XCTAssertThrowsError(try DecoderTestSupport.decode([0x10, 0, 0, 0, 0x41], .plain, .byteArray, count: 1)) { error in
            XCTAssertEqual(error as? ParquetError, .truncated(offset: 4, needed: 16))
        }
    }

    func testDictionaryIndicesFromNotes() throws {
        // bit width 1, RLE run of 8 × index 0 (parquet-notes §3.4 worked example), dictionary {1}
        let values = try DecoderTestSupport.decode([0x01, 0x10, 0x00], .rleDictionary, .int32, count: 8, dictionary: .int32([1]))
        XCTAssertEqual(values, .int32([Int32](repeating: 1, count: 8)))
        // width 0 with a run of 3 (parquet-mr's one-entry dictionaries)
        XCTAssertEqual(try DecoderTestSupport.decode([0x00, 0x06], .plainDictionary, .int64, count: 3, dictionary: .int64([7])),
                       .int64([7, 7, 7]))
    }

    func testDictionaryIndexOutOfRange() {
        // width 2, RLE run of 1 × index 3 with a two-entry dictionary
        XCTAssertThrowsError(try DecoderTestSupport.decode([0x02, 0x02, 0x03], .rleDictionary, .int32, count: 1, dictionary: .int32([1, 2]))) { error in
            guard case .corruptPage? = error as? ParquetError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try DecoderTestSupport.decode([0x01, 0x02, 0x00], .rleDictionary, .int32, count: 1))
    }

    func testRLEBooleansAreLengthPrefixed() throws {
        // pyarrow v2 page bytes from parquet-notes §3.4: 03000000 05 6D 01 → 9 booleans T,F,T,T,F,T,T,F,T
        XCTAssertEqual(try DecoderTestSupport.decode([0x03, 0, 0, 0, 0x05, 0x6D, 0x01], .rle, .boolean, count: 9),
                       .boolean([true, false, true, true, false, true, true, false, true]))
    }

    func testByteStreamSplitFloats() throws {
        // 1.0 = 00 00 80 3F, 2.0 = 00 00 00 40; streams of byte 0, 1, 2, 3.
        XCTAssertEqual(try DecoderTestSupport.decode([0, 0, 0, 0, 0x80, 0, 0x3F, 0x40], .byteStreamSplit, .float, count: 2),
                       .float([1.0, 2.0]))
        XCTAssertThrowsError(try DecoderTestSupport.decode([0, 0, 0], .byteStreamSplit, .float, count: 1))
    }

    func testUnsupportedEncodingIsNamed() {
        XCTAssertThrowsError(try DecoderTestSupport.decode([0], Encoding(rawValue: 10), .int32, count: 1)) { error in
            XCTAssertEqual(error as? ParquetError, .unsupportedEncoding(encoding: "ALP for INT32", column: "c"))
        }
    }

    func testBitPackedLevelsAreMSBFirst() throws {
        // Encodings.md BIT_PACKED example: 0…7 at width 3 → 05 39 77
        var reader = ByteReader([0x05, 0x39, 0x77])
        let levels = try LevelDecoder.decodeV1(&reader, encoding: .bitPacked, maxLevel: 7, count: 8, column: "c")
        XCTAssertEqual(levels, [0, 1, 2, 3, 4, 5, 6, 7])
    }

    func testLevelsAboveTheMaximumAreRejected() {
        // v1 RLE levels: length 2, run of 1 × value 2, with max level 1 (width 1 → 1 value byte)
        var reader = ByteReader([0x02, 0, 0, 0, 0x02, 0x02])
        XCTAssertThrowsError(try LevelDecoder.decodeV1(&reader, encoding: .rle, maxLevel: 1, count: 1, column: "c"))
    }
}
