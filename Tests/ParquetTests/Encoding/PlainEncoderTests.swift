import XCTest
@testable import Parquet

/// PLAIN bytes written out by hand from Encodings.md (little-endian, length-prefixed byte arrays).
final class PlainEncoderTests: XCTestCase {
    func testBooleansArePackedLeastSignificantBitFirst() {
        // T,F,T,T,F,T,T,F,T → 6D 01 (parquet-notes §3.3, checked against pyarrow).
        let flags = [true, false, true, true, false, true, true, false, true]
        XCTAssertEqual(PlainEncoder.encode(.boolean(flags)), [0x6D, 0x01])
        XCTAssertEqual(PlainEncoder.encode(.boolean([])), [])
    }

    func testFixedWidthNumbersAreLittleEndian() {
        XCTAssertEqual(PlainEncoder.encode(.int32([3, -5])), [0x03, 0, 0, 0, 0xFB, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(PlainEncoder.encode(.int64([1])), [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(PlainEncoder.encode(.float([1.0])), [0x00, 0x00, 0x80, 0x3F])
        XCTAssertEqual(PlainEncoder.encode(.double([-2.0])), [0, 0, 0, 0, 0, 0, 0x00, 0xC0])
        XCTAssertEqual(PlainEncoder.encode(.int96([Int96(nanosOfDay: 1, julianDay: 2_440_588)])),
                       [1, 0, 0, 0, 0, 0, 0, 0, 0x8C, 0x3D, 0x25, 0x00])
    }

    func testByteArraysCarryLengthPrefixAndFixedOnesDoNot() {
        XCTAssertEqual(PlainEncoder.encode(.byteArray([Array("ab".utf8), []])), [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0])
        XCTAssertEqual(PlainEncoder.encode(.fixedLenByteArray([[1, 2], [3, 4]])), [1, 2, 3, 4])
    }

    func testEncodedSizeMatchesEncoding() {
        let samples: [ColumnValues] = [.boolean([true, false, true]), .int32([1, 2]), .int64([1]), .float([1]),
                                       .double([1, 2]), .byteArray([[1], [], [1, 2, 3]]), .fixedLenByteArray([[1, 2]])]
        for values in samples {
            XCTAssertEqual(PlainEncoder.encodedSize(values), PlainEncoder.encode(values).count, "\(values)")
        }
    }
}
