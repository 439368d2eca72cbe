import Foundation

/// Locates the conformance files copied under `Tests/ParquetTests/Fixtures` (upstream
/// apache/parquet-testing plus expected values; see Fixtures/INDEX.md).
enum FixtureFiles {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(name)))
    }

    /// Every `.parquet` file directly in the fixtures folder, sorted by name.
    static func parquetFileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".parquet") }
            .sorted()
    }
}
