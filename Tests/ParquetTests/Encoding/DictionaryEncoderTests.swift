import XCTest
@testable import Parquet

/// Dictionaries: first-appearance order, bitwise identity of values, size limit and index stream.
final class DictionaryEncoderTests: XCTestCase {
    func testDistinctValuesInFirstAppearanceOrder() throws {
        let encoder = try XCTUnwrap(DictionaryEncoder(.int32([7, 3, 7, 7, 9, 3]), maxDictionaryBytes: 1 << 20))
        XCTAssertEqual(encoder.dictionary, .int32([7, 3, 9]))
        XCTAssertEqual(encoder.indices, [0, 1, 0, 0, 2, 1])
        XCTAssertEqual(encoder.indexBitWidth, 2)
    }

    func testByteStringsThatUnicodeCallsEqualStayDistinct() throws {
        let composed = Array("é".utf8)
        let decomposed = Array("e\u{301}".utf8)
        let encoder = try XCTUnwrap(DictionaryEncoder(.byteArray([composed, decomposed, composed]), maxDictionaryBytes: 100))
        XCTAssertEqual(encoder.dictionary, .byteArray([composed, decomposed]))
        XCTAssertEqual(encoder.indices, [0, 1, 0])
    }

    func testFloatsAreKeyedByBitPattern() throws {
        let encoder = try XCTUnwrap(DictionaryEncoder(.double([0.0, -0.0, .nan, .nan, 0.0]), maxDictionaryBytes: 100))
        XCTAssertEqual(encoder.indices, [0, 1, 2, 2, 0])
        guard case let .double(entries) = encoder.dictionary else { return XCTFail("wrong case") }
        XCTAssertEqual(entries.map(\.bitPattern), [0.0, -0.0, Double.nan].map(\.bitPattern))
    }

    func testLimitAndBooleansFallBackToPlain() {
        // Three distinct strings of 4 + 3 bytes each need 21 bytes of PLAIN dictionary.
        let strings = ColumnValues.byteArray([Array("abc".utf8), Array("def".utf8), Array("ghi".utf8)])
        XCTAssertNil(DictionaryEncoder(strings, maxDictionaryBytes: 20))
        XCTAssertNotNil(DictionaryEncoder(strings, maxDictionaryBytes: 21))
        XCTAssertNil(DictionaryEncoder(.boolean([true, false]), maxDictionaryBytes: 1 << 20))
    }

    func testIndexStreamIsBitWidthByteThenRuns() throws {
        // One-entry dictionary: width 1 (not 0), eight zeros as one RLE run: 01 | 10 00.
        let encoder = try XCTUnwrap(DictionaryEncoder(.int64(Array(repeating: 5, count: 8)), maxDictionaryBytes: 100))
        XCTAssertEqual(encoder.indexBitWidth, 1)
        XCTAssertEqual(encoder.encodedIndices(0..<8), [0x01, 0x10, 0x00])
        XCTAssertEqual(encoder.encodedIndices(0..<0), [0x01])
    }
}
