import Foundation
import XCTest
@testable import Parquet

/// Files written by pyarrow, DuckDB and polars (defaults, each codec, dictionary on and off,
/// data page v1 and v2, delta and byte-stream-split encodings, small pages and row groups) read
/// by our reader. The expected values are the writing script's own inputs.
final class ForeignFilesInteropTests: XCTestCase {
    private struct Written: Decodable {
        var files: [String]
        var expected: [String: [String?]]
        var errors: [String: String]
    }

    func testOurReaderReadsWhatOtherEnginesWrite() throws {
        _ = try PythonReaders.python()
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try PythonReaders.run(script: "write_foreign.py", arguments: [directory.path])
        let written = try JSONDecoder().decode(Written.self, from: output)
        for (name, error) in written.errors.sorted(by: { $0.key < $1.key }) {
            XCTFail("\(name) could not be written: \(error)")
        }
        XCTAssertGreaterThanOrEqual(written.files.count, 17)

        for file in written.files {
            let path = directory.appendingPathComponent("\(file).parquet").path
            do {
                let reader = try ParquetFileReader(path: path)
                let names = reader.schema.fields.map(\.name)
                var columns = [String: [String?]]()
                for group in reader.rowGroups.indices {
                    for row in try reader.rows(rowGroup: group) {
                        for (name, value) in zip(names, row) {
                            columns[name, default: []].append(Self.text(value))
                        }
                    }
                }
                for (name, expected) in written.expected.sorted(by: { $0.key < $1.key }) {
                    let actual = columns[name] ?? []
                    XCTAssertEqual(actual.count, expected.count, "\(file): rows of \(name)")
                    if let row = zip(actual, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                        XCTFail("\(file): \(name) row \(row) is \(actual[row] ?? "null"), expected \(expected[row] ?? "null")")
                    }
                }
            } catch {
                XCTFail("\(file): \(error)")
            }
        }
    }

    /// The value as write_foreign.py / read_parquet.py render it.
    static func text(_ value: ParquetValue) -> String? {
        switch value {
        case .null: return nil
        case let .bool(flag): return InteropTable.text(flag)
        case let .int32(number): return String(number)
        case let .int64(number): return String(number)
        case let .uint64(number): return String(number)
        case let .float(number): return InteropTable.text(Double(number))
        case let .double(number): return InteropTable.text(number)
        case let .bytes(bytes): return InteropTable.hexText(bytes)
        case let .string(text): return text
        case let .date(days): return String(days)
        case let .timestamp(amount, unit, _):
            switch unit {
            case .millis: return String(amount * 1000)
            case .micros: return String(amount)
            case .nanos: return String(amount / 1000)
            }
        case let .decimal(text): return normalizedDecimal(text)
        default: return "unsupported \(value)"
        }
    }

    /// "-12.30" → "-12.3", "5.00" → "5", "-0.00" → "0": Python's `Decimal.normalize()` as plain text.
    static func normalizedDecimal(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = text
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : trimmed
    }
}
