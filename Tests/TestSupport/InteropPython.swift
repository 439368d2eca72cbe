// The Python the interop tests run real readers with (pyarrow, DuckDB, polars, PySpark, openlineage),
// shared by every test target. Where none is given the test is skipped with a message — but
// never silently under `make test`, which sets LAKEMAKE_REQUIRE_INTEROP=1: there a missing
// interpreter fails the test, so the suite cannot pass with interop unchecked.

import Foundation
import XCTest

public enum InteropPython {
    /// Why the interop Python could not be used where it is required.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// The interpreter named by LAKEMAKE_PYTHON.
    /// - Throws: `XCTSkip` when it is not set and not required; `Missing` (after recording a
    ///   failure) when LAKEMAKE_REQUIRE_INTEROP=1.
    public static func path(for what: String = "interop checks", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["LAKEMAKE_PYTHON"], !python.isEmpty { return python }
        try unavailable("LAKEMAKE_PYTHON is not set, so \(what) cannot run; `make test` provides a Python with pyarrow, duckdb, polars, pyspark and openlineage",
                        file: file, line: line)
    }

    /// Skips the test with `message`, or fails it where interop is required.
    public static func unavailable(_ message: String, file: StaticString = #filePath, line: UInt = #line) throws -> Never {
        if ProcessInfo.processInfo.environment["LAKEMAKE_REQUIRE_INTEROP"] == "1" {
            XCTFail(message, file: file, line: line)
            throw Missing(description: message)
        }
        throw XCTSkip(message)
    }
}
