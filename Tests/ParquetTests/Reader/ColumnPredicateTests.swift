import XCTest
@testable import Parquet

/// Row-group skipping: statistics bytes are PLAIN values written by hand.
final class ColumnPredicateTests: XCTestCase {
    private func descriptor(_ field: ParquetField) -> ColumnDescriptor {
        ParquetSchema(fields: [field]).columns[0]
    }

    private func mayMatch(_ predicate: ColumnPredicate, _ statistics: Statistics, field: ParquetField,
                          order: ColumnOrder? = .typeDefinedOrder, numValues: Int64 = 10) -> Bool {
        ParquetFileReader.mayMatch(predicate, statistics: statistics, numValues: numValues, descriptor: descriptor(field), order: order)
    }

    private let int32Field = ParquetField(name: "x", type: .int32, repetition: .optional)

    func testSignedIntegerRanges() {
        // min -5 (FB FF FF FF), max 3
        let stats = Statistics(nullCount: 0, maxValue: [3, 0, 0, 0], minValue: [0xFB, 0xFF, 0xFF, 0xFF])
        XCTAssertTrue(mayMatch(.equals("x", .int32(-5)), stats, field: int32Field))
        XCTAssertTrue(mayMatch(.between("x", .int64(0), .int64(100)), stats, field: int32Field))
        XCTAssertFalse(mayMatch(.equals("x", .int32(4)), stats, field: int32Field))
        XCTAssertFalse(mayMatch(.between("x", .int32(-100), .int32(-6)), stats, field: int32Field))
    }

    func testUnsignedColumnsCompareUnsigned() {
        // UINT_32 with min 1, max 0xFFFFFFFF: signed order would call max -1 and skip 10.
        let field = ParquetField(name: "x", type: .int32, repetition: .required, convertedType: .uint32)
        let stats = Statistics(maxValue: [0xFF, 0xFF, 0xFF, 0xFF], minValue: [1, 0, 0, 0])
        XCTAssertTrue(mayMatch(.equals("x", .int64(10)), stats, field: field))
        XCTAssertFalse(mayMatch(.equals("x", .int64(0)), stats, field: field))
    }

    func testStringsCompareAsUnsignedBytes() {
        let field = ParquetField(name: "s", type: .byteArray, repetition: .optional, logicalType: .string)
        // min "a", max "é" (C3 A9): signed byte order would put "é" below "a".
        let stats = Statistics(maxValue: [0xC3, 0xA9], minValue: [0x61])
        XCTAssertTrue(mayMatch(.equals("s", .string("b")), stats, field: field))
        XCTAssertFalse(mayMatch(.equals("s", .string("\u{FF}")), stats, field: field))  // C3 BF > C3 A9
        XCTAssertFalse(mayMatch(.equals("s", .string("A")), stats, field: field))
    }

    func testDeprecatedMinMaxOnlyForSignedOrders() {
        let text = ParquetField(name: "s", type: .byteArray, repetition: .optional, logicalType: .string)
        let deprecated = Statistics(max: [0x63], min: [0x61])
        XCTAssertTrue(mayMatch(.equals("s", .string("z")), deprecated, field: text), "string min/max are signed-ordered: keep")
        let ints = Statistics(max: [3, 0, 0, 0], min: [1, 0, 0, 0])
        XCTAssertFalse(mayMatch(.equals("x", .int32(9)), ints, field: int32Field))
    }

    func testMissingOrUnknownStatisticsKeep() {
        XCTAssertTrue(mayMatch(.equals("x", .int32(9)), Statistics(), field: int32Field))
        let stats = Statistics(maxValue: [3, 0, 0, 0], minValue: [1, 0, 0, 0])
        XCTAssertTrue(mayMatch(.equals("x", .int32(9)), stats, field: int32Field, order: .unrecognized(fieldId: 9)))
        XCTAssertTrue(mayMatch(.equals("x", .string("9")), stats, field: int32Field), "a bound of another type is ignored")
        let nan = Statistics(maxValue: [0, 0, 0xC0, 0x7F], minValue: [0, 0, 0x80, 0x3F])
        XCTAssertTrue(mayMatch(.equals("f", .float(9)), nan, field: ParquetField(name: "f", type: .float, repetition: .required)))
    }

    func testAllNullChunkCannotMatch() {
        XCTAssertFalse(mayMatch(.equals("x", .int32(1)), Statistics(nullCount: 10), field: int32Field, numValues: 10))
        XCTAssertTrue(mayMatch(.equals("x", .int32(1)), Statistics(nullCount: 9), field: int32Field, numValues: 10))
    }

    func testRowGroupsOfTheGoldenFile() throws {
        // Golden file statistics: id in -5…3; name in "a"…"c" with one null.
        let reader = try ParquetFileReader(bytes: try FixtureFiles.bytes("handmade/parquet-minimal-example.parquet"))
        XCTAssertEqual(try reader.rowGroups(matching: .equals("id", .int32(2))), [0])
        XCTAssertEqual(try reader.rowGroups(matching: .between("id", .int32(4), .int32(10))), [])
        XCTAssertEqual(try reader.rowGroups(matching: .equals("name", .string("d"))), [])
        XCTAssertEqual(try reader.rowGroups(matching: .equals("name", .string("b"))), [0])
        XCTAssertThrowsError(try reader.rowGroups(matching: .equals("nope", .null)))
    }
}
