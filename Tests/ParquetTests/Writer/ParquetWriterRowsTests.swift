import XCTest
@testable import Parquet

/// The row convenience: rows of `ParquetValue`s written and read back through the reader's
/// logical-type conversion must equal the input rows.
final class ParquetWriterRowsTests: XCTestCase {
    private let schema = ParquetSchema(fields: [
        ParquetField(name: "flag", type: .boolean, repetition: .optional),
        ParquetField(name: "small", type: .int32, repetition: .required, logicalType: .integer(bitWidth: 8, isSigned: true)),
        ParquetField(name: "big", type: .int64, repetition: .optional),
        ParquetField(name: "ratio", type: .double, repetition: .required),
        ParquetField(name: "name", type: .byteArray, repetition: .optional, logicalType: .string),
        ParquetField(name: "day", type: .int32, repetition: .optional, logicalType: .date),
        ParquetField(name: "at", type: .int64, repetition: .required,
                     logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros)),
        ParquetField(name: "price", type: .int32, repetition: .optional, logicalType: .decimal(scale: 2, precision: 9)),
        ParquetField(name: "amount", type: .fixedLenByteArray, repetition: .required,
                     logicalType: .decimal(scale: 3, precision: 20), typeLength: 9),
    ])

    func testRowsRoundTripThroughTheReader() throws {
        let rows: [[ParquetValue]] = [
            [.bool(true), .int32(-128), .int64(.max), .double(-0.5), .string("é"), .date(19_000),
             .timestamp(1_700_000_000_000_000, unit: .micros, isAdjustedToUTC: true), .decimal("-12.30"),
             .decimal("-99999999999999999.999")],
            [.null, .int32(127), .null, .double(1e300), .null, .null,
             .timestamp(0, unit: .micros, isAdjustedToUTC: true), .null, .decimal("0.001")],
            [.bool(false), .int32(0), .int64(-1), .double(0), .string(""), .date(-1),
             .timestamp(-1, unit: .micros, isAdjustedToUTC: true), .decimal("0.05"), .decimal("12.500")],
        ]
        let writer = try ParquetWriter(schema: schema)
        try writer.write(rows: rows)
        try writer.finish()
        let reader = try ParquetFileReader(bytes: writer.bytes)
        XCTAssertEqual(try reader.rows(rowGroup: 0), rows)
    }

    func testValuesThatDoNotFitTheirColumnAreRejected() throws {
        let valid: [ParquetValue] = [.null, .int32(1), .null, .double(1), .null, .null,
                                     .timestamp(0, unit: .micros, isAdjustedToUTC: true), .null, .decimal("1.000")]
        let cases: [(Int, ParquetValue)] = [
            (1, .string("1")),                                            // string into INT32
            (6, .timestamp(0, unit: .millis, isAdjustedToUTC: true)),    // wrong timestamp unit
            (7, .decimal("1.234")),                                       // more digits than the scale
            (8, .decimal("999999999999999999999")),                      // does not fit 9 bytes at scale 3
            (1, .null),                                                   // null in a required column
        ]
        for (column, value) in cases {
            var row = valid
            row[column] = value
            let writer = try ParquetWriter(schema: schema)
            XCTAssertThrowsError(try writer.write(rows: [valid, row]), "\(value) in column \(column)") { error in
                guard case ParquetError.invalidWriterUse = error else { return XCTFail("unexpected error \(error)") }
            }
        }
        XCTAssertThrowsError(try ParquetWriter(schema: schema).write(rows: [[.null]]))
    }
}
