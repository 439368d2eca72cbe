import XCTest
@testable import Parquet

/// Decimal text to unscaled two's complement, against hand-computed bytes.
final class DecimalEncodingTests: XCTestCase {
    func testScalesAndSigns() {
        XCTAssertEqual(DecimalEncoding.bigEndian("1.23", scale: 2, width: 4), [0, 0, 0, 0x7B])
        XCTAssertEqual(DecimalEncoding.bigEndian("1.230", scale: 2, width: 4), [0, 0, 0, 0x7B], "zero beyond scale")
        XCTAssertEqual(DecimalEncoding.bigEndian("-1", scale: 0, width: 2), [0xFF, 0xFF])
        XCTAssertEqual(DecimalEncoding.bigEndian("-0.00", scale: 2, width: 2), [0, 0])
        XCTAssertEqual(DecimalEncoding.bigEndian("+5", scale: 1, width: 1), [50])
        XCTAssertEqual(DecimalEncoding.integer("-12.30", scale: 2, width: 4), -1230)
        XCTAssertEqual(DecimalEncoding.integer("-9223372036854775808", scale: 0, width: 8), .min)
    }

    func testRangeLimitsOfTheWidth() {
        XCTAssertEqual(DecimalEncoding.bigEndian("-128", scale: 0, width: 1), [0x80])
        XCTAssertEqual(DecimalEncoding.bigEndian("127", scale: 0, width: 1), [0x7F])
        XCTAssertNil(DecimalEncoding.bigEndian("128", scale: 0, width: 1))
        XCTAssertNil(DecimalEncoding.bigEndian("-129", scale: 0, width: 1))
        // 10^38 - 1 = 0x4B3B4CA85A86C47A098A223FFFFFFFFF
        XCTAssertEqual(DecimalEncoding.bigEndian(String(repeating: "9", count: 38), scale: 0, width: 16),
                       hex("4b3b4ca85a86c47a098a223fffffffff"))
    }

    func testRejectsMalformedText() {
        for text in ["", ".", "-", "abc", "1.2.3", "1e5", "1.234", " 1", "١"] {
            XCTAssertNil(DecimalEncoding.bigEndian(text, scale: 2, width: 8), text)
        }
    }
}
