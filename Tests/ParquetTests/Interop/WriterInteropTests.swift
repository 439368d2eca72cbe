import Foundation
import XCTest
@testable import Parquet

/// Files our writer produces, read by pyarrow, DuckDB and polars: every engine must report the
/// values and logical types the test put in (never what our own reader says).
final class WriterInteropTests: XCTestCase {
    private struct Configuration {
        var name: String
        var options: ParquetWriterOptions
        /// Rows per `write(batch:)` call; nil writes everything in one batch.
        var batchRows: Int?
        var expectedRowGroups: Int?
    }

    private let rows = 1_000

    private var configurations: [Configuration] {
        var result: [Configuration] = []
        for (codec, dictionary) in [(CompressionCodec.snappy, true), (.snappy, false), (.gzip, true),
                                    (.zstd, true), (.uncompressed, false), (.zstd, false)] {
            var options = ParquetWriterOptions()
            options.codec = codec
            options.useDictionary = dictionary
            result.append(Configuration(name: "\(codec)-dict-\(dictionary)", options: options, expectedRowGroups: 1))
        }
        var small = ParquetWriterOptions()
        small.rowGroupSizeLimit = 20_000
        small.dataPageRowLimit = 64
        small.dataPageSizeLimit = 512
        small.dictionaryPageSizeLimit = 100
        result.append(Configuration(name: "small-pages-and-row-groups", options: small))
        var literal = ParquetWriterOptions()
        literal.snappyMode = .literalOnly
        result.append(Configuration(name: "three-batches-literal-snappy", options: literal, batchRows: 400,
                                    expectedRowGroups: 3))
        return result
    }

    func testEnginesReadEveryTypeCodecAndLayout() throws {
        _ = try PythonReaders.python()
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let columns = InteropTable.columns(rows: rows, seed: 2026)
        let schema = ParquetSchema(fields: columns.map(\.field))

        var files: [(Configuration, String)] = []
        for configuration in configurations {
            let path = directory.appendingPathComponent("\(configuration.name).parquet").path
            let writer = try ParquetWriter(path: path, schema: schema, options: configuration.options)
            let step = configuration.batchRows ?? rows
            for start in stride(from: 0, to: rows, by: step) {
                let range = start..<min(rows, start + step)
                try writer.write(batch: columns.map { $0.batch.rows(range) })
            }
            try writer.finish()
            files.append((configuration, path))
        }

        let results = try PythonReaders.read(files.map(\.1))
        for (configuration, path) in files {
            for engine in ["pyarrow", "duckdb", "polars"] {
                let context = "\(configuration.name) via \(engine)"
                guard let result = results[path]?[engine] else { XCTFail("\(context): no result"); continue }
                if let error = result.error { XCTFail("\(context): \(error)"); continue }
                for column in columns {
                    let name = column.field.name
                    let expectedType = engine == "pyarrow" ? column.pyarrowType
                        : engine == "duckdb" ? column.duckdbType : column.polarsType
                    XCTAssertEqual(result.types?[name], expectedType, "\(context): type of \(name)")
                    let actual = result.columns?[name] ?? []
                    XCTAssertEqual(actual.count, rows, "\(context): row count of \(name)")
                    if let row = zip(actual, column.expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                        XCTFail("\(context): \(name) row \(row) is \(actual[row] ?? "null"), expected \(column.expected[row] ?? "null")")
                    }
                }
            }
            if let expectedRowGroups = configuration.expectedRowGroups {
                XCTAssertEqual(results[path]?["pyarrow"]?.rowGroups?.count, expectedRowGroups, configuration.name)
            } else {
                XCTAssertGreaterThan(results[path]?["pyarrow"]?.rowGroups?.count ?? 0, 1, configuration.name)
            }
            XCTAssertEqual(results[path]?["pyarrow"]?.rowGroups?.reduce(0, +), rows, configuration.name)
        }
    }
}
