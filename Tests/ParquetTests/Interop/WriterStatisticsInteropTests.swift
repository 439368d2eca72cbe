import Foundation
import XCTest
@testable import Parquet

/// Column chunk statistics as pyarrow interprets them: min/max in each column's sort order
/// (bytes unsigned, NaN ignored, a zero minimum as -0.0) and null counts. The expected values
/// are computed here from the test's inputs with plain comparisons.
final class WriterStatisticsInteropTests: XCTestCase {
    func testPyarrowReadsStatisticsInEachSortOrder() throws {
        _ = try PythonReaders.python()
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = 500
        let columns = InteropTable.columns(rows: rows, seed: 77)
        let path = directory.appendingPathComponent("statistics.parquet").path
        let writer = try ParquetWriter(path: path, schema: ParquetSchema(fields: columns.map(\.field)))
        try writer.write(batch: columns.map(\.batch))
        try writer.finish()

        guard let result = try PythonReaders.read([path])[path]?["pyarrow"], result.error == nil else {
            return XCTFail("pyarrow could not read the file")
        }
        for column in columns {
            let name = column.field.name
            let actual = result.statistics?[name]?.first ?? nil
            XCTAssertEqual(actual?.nullCount, column.batch.nullCount, "\(name): null count")
            guard let expected = expectedExtremes(column.batch.values, name: name) else {
                XCTAssertNil(actual?.min, "\(name): no min expected")
                continue
            }
            XCTAssertEqual(actual?.min, expected.min, "\(name): min")
            XCTAssertEqual(actual?.max, expected.max, "\(name): max")
        }
    }

    /// Min and max rendered as read_parquet.py renders values; nil when the column has no
    /// comparable value or is not checked.
    private func expectedExtremes(_ values: ColumnValues, name: String) -> (min: String, max: String)? {
        switch (name, values) {
        case let (_, .boolean(flags)) where !flags.isEmpty:
            return (InteropTable.text(!flags.contains(false)), InteropTable.text(flags.contains(true)))
        case let ("i32", .int32(numbers)), let ("int8", .int32(numbers)), let ("int16", .int32(numbers)),
             let ("int32", .int32(numbers)), let ("date", .int32(numbers)):
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return (String(low), String(high))
        case let ("i64_opt", .int64(numbers)), let ("int64", .int64(numbers)), let ("ts_us_local", .int64(numbers)):
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return (String(low), String(high))
        case let ("ts_ms_utc", .int64(numbers)):
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return (String(low * 1000), String(high * 1000))
        case let ("f32", .float(numbers)):
            let comparable = numbers.filter { !$0.isNaN }.map(Double.init)
            guard var low = comparable.min(), var high = comparable.max() else { return nil }
            if low == 0 { low = -0.0 }
            if high == 0 { high = 0.0 }
            return (InteropTable.text(low), InteropTable.text(high))
        case let ("f64", .double(numbers)):
            let comparable = numbers.filter { !$0.isNaN }
            guard let low = comparable.min(), let high = comparable.max() else { return nil }
            return (InteropTable.text(low), InteropTable.text(high))
        case let ("str_opt", .byteArray(arrays)):
            let sorted = arrays.sorted { $0.lexicographicallyPrecedes($1) }
            guard let low = sorted.first, let high = sorted.last else { return nil }
            return (String(decoding: low, as: UTF8.self), String(decoding: high, as: UTF8.self))
        case let ("bin", .byteArray(arrays)), let ("flba", .fixedLenByteArray(arrays)):
            let sorted = arrays.sorted { $0.lexicographicallyPrecedes($1) }
            guard let low = sorted.first, let high = sorted.last else { return nil }
            return (InteropTable.hexText(low), InteropTable.hexText(high))
        case let ("dec32", .int32(numbers)):
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return (InteropTable.decimalText(Int64(low), scale: 2), InteropTable.decimalText(Int64(high), scale: 2))
        case let ("dec64", .int64(numbers)):
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return (InteropTable.decimalText(low, scale: 4), InteropTable.decimalText(high, scale: 4))
        case let ("dec_flba", .fixedLenByteArray(arrays)):
            // Decode the big-endian two's complement inputs back to integers and compare those.
            let numbers = arrays.map { bytes in bytes.suffix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) } }
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return (InteropTable.decimalText(low, scale: 3), InteropTable.decimalText(high, scale: 3))
        default:
            return nil
        }
    }
}
