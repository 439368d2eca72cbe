import XCTest
@testable import Parquet

/// Statistics sort orders from parquet-notes §5.2, with expected bytes written by hand.
final class ColumnStatisticsTests: XCTestCase {
    private func statistics(_ values: ColumnValues, nulls: Int = 0, _ field: ParquetField) -> Statistics {
        ColumnStatistics.compute(values: values, nullCount: nulls, field: field)
    }

    func testSignedIntegersWriteNewAndDeprecatedFields() {
        let field = ParquetField(name: "n", type: .int32, repetition: .optional)
        let result = statistics(.int32([3, 1, 2, -5]), nulls: 2, field)
        XCTAssertEqual(result.nullCount, 2)
        XCTAssertEqual(result.minValue, [0xFB, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(result.maxValue, [0x03, 0, 0, 0])
        XCTAssertEqual(result.min, result.minValue)
        XCTAssertEqual(result.max, result.maxValue)
    }

    func testUnsignedIntegersCompareBitPatternsAndSkipDeprecatedFields() {
        let field = ParquetField(name: "u", type: .int32, repetition: .required,
                                 logicalType: .integer(bitWidth: 32, isSigned: false))
        let result = statistics(.int32([-1, 1]), field)
        XCTAssertEqual(result.minValue, [1, 0, 0, 0])
        XCTAssertEqual(result.maxValue, [0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertNil(result.min)
        XCTAssertNil(result.max)
    }

    func testStringsCompareUnsignedBytesWithoutDeprecatedFields() {
        let field = ParquetField(name: "s", type: .byteArray, repetition: .required, logicalType: .string)
        // 0xC3 (é) sorts after 0x7A (z) unsigned, but before it as a signed byte.
        let result = statistics(.byteArray([Array("z".utf8), Array("é".utf8), Array("a".utf8), Array("ab".utf8)]), field)
        XCTAssertEqual(result.minValue, Array("a".utf8))
        XCTAssertEqual(result.maxValue, Array("é".utf8))
        XCTAssertNil(result.min)
        XCTAssertNil(result.max)
    }

    func testFloatsIgnoreNaNAndSignZeros() {
        let field = ParquetField(name: "f", type: .double, repetition: .required)
        let zeros = statistics(.double([0.0, .nan, 0.0]), field)
        XCTAssertEqual(zeros.minValue, [0, 0, 0, 0, 0, 0, 0, 0x80], "minimum zero is written as -0.0")
        XCTAssertEqual(zeros.maxValue, [0, 0, 0, 0, 0, 0, 0, 0x00], "maximum zero is written as +0.0")
        XCTAssertEqual(zeros.nanCount, 1)
        let onlyNaN = statistics(.double([.nan]), field)
        XCTAssertNil(onlyNaN.minValue)
        XCTAssertNil(onlyNaN.maxValue)
        XCTAssertEqual(onlyNaN.nanCount, 1)
    }

    func testFixedWidthDecimalsCompareAsSignedNumbers() {
        let field = ParquetField(name: "d", type: .fixedLenByteArray, repetition: .required,
                                 logicalType: .decimal(scale: 2, precision: 4), typeLength: 2)
        // -1 = FF FF, 1 = 00 01, -256 = FF 00, 300 = 01 2C
        let result = statistics(.fixedLenByteArray([[0xFF, 0xFF], [0x00, 0x01], [0xFF, 0x00], [0x01, 0x2C]]), field)
        XCTAssertEqual(result.minValue, [0xFF, 0x00])
        XCTAssertEqual(result.maxValue, [0x01, 0x2C])
    }

    func testBooleansAndUnorderedTypes() {
        let flags = statistics(.boolean([true, true]), ParquetField(name: "b", type: .boolean, repetition: .required))
        XCTAssertEqual(flags.minValue, [1])
        XCTAssertEqual(flags.maxValue, [1])
        let stamps = statistics(.int96([Int96(nanosOfDay: 0, julianDay: 1)]),
                                ParquetField(name: "t", type: .int96, repetition: .required))
        XCTAssertNil(stamps.minValue)
        XCTAssertEqual(stamps.nullCount, 0)
        let empty = statistics(.int64([]), nulls: 3, ParquetField(name: "e", type: .int64, repetition: .optional))
        XCTAssertNil(empty.minValue)
        XCTAssertEqual(empty.nullCount, 3)
    }
}
