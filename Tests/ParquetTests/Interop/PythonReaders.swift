import Foundation
import TestSupport
import XCTest

/// Runs `scripts/read_parquet.py` with the Python named by `LAKEMAKE_PYTHON` (a venv with
/// pyarrow, DuckDB and polars) and returns what each engine read, per file.
enum PythonReaders {
    static let scriptsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("scripts")

    /// The interpreter, or an `XCTSkip` explaining how to get one.
    static func python() throws -> String {
        let python = try InteropPython.path(for: "the pyarrow, DuckDB and polars readers")
        return python
    }

    /// `{file: {engine: {"types": …, "columns": …} or {"error": …}}}` as decoded JSON.
    static func read(_ files: [String]) throws -> [String: [String: EngineResult]] {
        let output = try run(script: "read_parquet.py", arguments: files)
        let decoded = try JSONDecoder().decode([String: [String: EngineResult]].self, from: output)
        return decoded
    }

    /// Runs a script from `scripts/` and returns its standard output; fails on a non-zero exit.
    static func run(script: String, arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python())
        process.arguments = [scriptsDirectory.appendingPathComponent(script).path] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InteropFailure(text: "\(script) exited with \(process.terminationStatus): "
                + (String(data: errors, encoding: .utf8) ?? ""))
        }
        return output
    }
}

/// What one engine read from one file (see read_parquet.py for the value normalisation).
struct EngineResult: Decodable {
    var error: String?
    var types: [String: String]?
    var columns: [String: [String?]]?
    var rowGroups: [Int]?
    var statistics: [String: [ColumnStatisticsResult?]]?

    enum CodingKeys: String, CodingKey {
        case error, types, columns, statistics
        case rowGroups = "row_groups"
    }
}

/// pyarrow's view of one column chunk's statistics.
struct ColumnStatisticsResult: Decodable, Equatable {
    var nullCount: Int?
    var min: String?
    var max: String?

    enum CodingKeys: String, CodingKey {
        case min, max
        case nullCount = "null_count"
    }
}

struct InteropFailure: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}

/// A fresh temporary directory for one test's files, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("lakemake-parquet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}
