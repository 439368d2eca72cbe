import XCTest
@testable import Parquet

/// Every conformance file is read in full and compared value by value with the expected
/// contents made independently (pyarrow 26 dumps, raw INT96 decode, upstream CSVs).
final class ParquetTestingTests: XCTestCase {
    /// Files with an `expected/<name>.jsonl` dump.
    static let jsonlFiles = [
        "alltypes_dictionary", "alltypes_plain", "alltypes_plain.snappy", "byte_array_decimal",
        "byte_stream_split.zstd", "byte_stream_split_extended.gzip", "concatenated_gzip_members",
        "datapage_v2.snappy", "datapage_v2_empty_datapage.snappy", "delta_length_byte_array",
        "dict-page-offset-zero", "fixed_length_decimal", "int32_decimal", "int96_from_spark",
        "list_columns", "nested_lists.snappy", "nested_maps.snappy", "nonnullable.impala",
        "null_list", "nullable.impala", "nulls.snappy", "rle-dict-snappy-checksum", "rle_boolean_encoding",
    ]
    /// Files with an upstream `<name>_expect.csv`.
    static let csvFiles = ["delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column"]

    func testEveryFixtureHasAnExpectation() throws {
        let covered = Set((Self.jsonlFiles + Self.csvFiles).map { "\($0).parquet" })
        XCTAssertEqual(Set(try FixtureFiles.parquetFileNames()), covered)
    }

    func testFilesWithJSONExpectations() throws {
        for name in Self.jsonlFiles {
            try checkAgainstJSON(name)
        }
    }

    func testFilesWithCSVExpectations() throws {
        for name in Self.csvFiles {
            try checkAgainstCSV(name)
        }
    }

    /// The comparison itself must notice wrong values, or the conformance tests could pass vacuously.
    func testComparisonDetectsDifferences() {
        XCTAssertNil(ExpectedValues.difference(.int32(1), NSNumber(value: 1), arrowType: "int32", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(.int32(1), NSNumber(value: 2), arrowType: "int32", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(.null, NSNumber(value: 0), arrowType: "int32", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(.bytes([0x30]), ["hex": "31"], arrowType: "binary", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(.list([.int64(1)]), [NSNumber(value: 1), NSNumber(value: 2)], arrowType: "", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(
            .struct([(name: "a", value: .string("x"))]), ["a": "y"], arrowType: "", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(
            .map([(key: .string("k"), value: .int32(1))]), [["k", NSNumber(value: 2)]], arrowType: "", path: ""))
        // 1 ms in a timestamp[ns] column is 1 000 000
        XCTAssertNil(ExpectedValues.difference(
            .timestamp(1, unit: .millis, isAdjustedToUTC: true), NSNumber(value: 1_000_000), arrowType: "timestamp[ns]", path: ""))
        XCTAssertNotNil(ExpectedValues.difference(.double(.nan), "Infinity", arrowType: "double", path: ""))
    }

    private func allRows(_ reader: ParquetFileReader) throws -> [[ParquetValue]] {
        var iterator = reader.makeRowIterator()
        var rows: [[ParquetValue]] = []
        while let row = try iterator.next() { rows.append(row) }
        return rows
    }

    private func checkAgainstJSON(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try ExpectedValues.jsonLines(name)
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(path: FixtureFiles.url("\(name).parquet").path)
        } catch {
            return XCTFail("\(name): open failed: \(error)")
        }
        let rows: [[ParquetValue]]
        do {
            rows = try allRows(reader)
        } catch {
            return XCTFail("\(name): read failed: \(error)")
        }
        XCTAssertEqual(reader.schema.fields.map(\.name), expected.columnNames, name)
        XCTAssertEqual(rows.count, expected.rows.count, name)
        var failures = 0
        for (index, row) in rows.enumerated() where index < expected.rows.count && failures < 5 {
            for (column, value) in zip(reader.schema.fields.map(\.name), row) {
                guard let want = expected.rows[index][column] else {
                    XCTFail("\(name) row \(index): column \(column) missing from expected")
                    failures += 1
                    continue
                }
                if let difference = ExpectedValues.difference(
                    value, want, arrowType: expected.arrowTypes[column] ?? "", path: "\(name) row \(index) \(column)") {
                    XCTFail(difference)
                    failures += 1
                }
            }
        }
    }

    private func checkAgainstCSV(_ name: String) throws {
        let expected = try ExpectedValues.csvRows("\(name)_expect.csv")
        let rows: [[ParquetValue]]
        do {
            rows = try allRows(try ParquetFileReader(path: FixtureFiles.url("\(name).parquet").path))
        } catch {
            return XCTFail("\(name): read failed: \(error)")
        }
        XCTAssertEqual(rows.count, expected.count, name)
        var failures = 0
        for (index, row) in rows.enumerated() where index < expected.count && failures < 5 {
            XCTAssertEqual(row.count, expected[index].count, "\(name) row \(index) width")
            for (column, value) in row.enumerated() where column < expected[index].count {
                let got = ExpectedValues.csvText(value)
                if got != expected[index][column] {
                    XCTFail("\(name) row \(index) column \(column): got \(got ?? "null"), expected \(expected[index][column] ?? "null")")
                    failures += 1
                }
            }
        }
    }
}
