import XCTest
@testable import Parquet

/// Logical-type conversion with hand-computed expectations.
final class ParquetValueTests: XCTestCase {
    func testDecimalText() {
        // FLBA(11) two's complement of -123 with scale 2
        XCTAssertEqual(DecimalText.text(bigEndianTwosComplement: [UInt8](repeating: 0xFF, count: 10) + [0x85], scale: 2), "-1.23")
        XCTAssertEqual(DecimalText.text(bigEndianTwosComplement: [0x00, 0x64], scale: 2), "1.00")
        XCTAssertEqual(DecimalText.text(bigEndianTwosComplement: [0x80], scale: 0), "-128")
        XCTAssertEqual(DecimalText.text(bigEndianTwosComplement: [], scale: 1), "0.0")
        XCTAssertEqual(DecimalText.text(unscaled: 5, scale: 3), "0.005")
        XCTAssertEqual(DecimalText.text(unscaled: -5, scale: 3), "-0.005")
        XCTAssertEqual(DecimalText.text(unscaled: Int64.min, scale: 0), "-9223372036854775808")
        // 2^64 as 9 bytes: 01 00…00
        XCTAssertEqual(DecimalText.text(bigEndianTwosComplement: [1] + [UInt8](repeating: 0, count: 8), scale: 4), "1844674407370955.1616")
    }

    func testHalfFloat() {
        XCTAssertEqual(ParquetValue.halfToFloat(0x3C00), 1.0)
        XCTAssertEqual(ParquetValue.halfToFloat(0xC000), -2.0)
        XCTAssertEqual(ParquetValue.halfToFloat(0x7C00), .infinity)
        XCTAssertEqual(ParquetValue.halfToFloat(0x0001), Float(sign: .plus, exponent: -24, significand: 1))
        XCTAssertTrue(ParquetValue.halfToFloat(0x7E00).isNaN)
    }

    func testAnnotationsDecideTheValueKind() {
        let date = ParquetField(name: "d", type: .int32, repetition: .required, logicalType: .date)
        XCTAssertEqual(ParquetValue.converting(.int32([19_000]), field: date), [.date(19_000)])
        let legacyMillis = ParquetField(name: "t", type: .int64, repetition: .required, convertedType: .timestampMillis)
        XCTAssertEqual(ParquetValue.converting(.int64([5]), field: legacyMillis), [.timestamp(5, unit: .millis, isAdjustedToUTC: true)])
        let unsigned = ParquetField(name: "u", type: .int32, repetition: .required, convertedType: .uint32)
        XCTAssertEqual(ParquetValue.converting(.int32([-1]), field: unsigned), [.int64(4_294_967_295)])
        let unsigned64 = ParquetField(name: "u", type: .int64, repetition: .required, logicalType: .integer(bitWidth: 64, isSigned: false))
        XCTAssertEqual(ParquetValue.converting(.int64([-1]), field: unsigned64), [.uint64(.max)])
        let text = ParquetField(name: "s", type: .byteArray, repetition: .required, convertedType: .utf8)
        XCTAssertEqual(ParquetValue.converting(.byteArray([[0xC3, 0xA9]]), field: text), [.string("é")])
        let raw = ParquetField(name: "b", type: .byteArray, repetition: .required)
        XCTAssertEqual(ParquetValue.converting(.byteArray([[0xC3]]), field: raw), [.bytes([0xC3])])
    }

    func testStringEqualityIsByteWise() {
        // U+00E9 and e + U+0301 are canonically equivalent in Swift but different bytes.
        XCTAssertNotEqual(ParquetValue.string("\u{E9}"), ParquetValue.string("e\u{301}"))
    }
}
