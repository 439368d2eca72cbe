@testable import Catalog
import XCTest

/// Hand-written records used across the catalog tests.
enum SampleRecords {
    static let hashA = String(repeating: "a", count: 64)
    static let hashB = String(repeating: "b", count: 64)
    static let hashC = String(repeating: "c", count: 64)
    static let hashD = String(repeating: "d", count: 64)

    static func rawFile(_ path: String, sha256: String = hashA, build: Int64 = 1) -> FileRecord {
        FileRecord(path: path, kind: .raw, device: UInt64.max - 1, inode: 1 << 63 | 5, size: 120,
                   mtimeNs: 1_700_000_000_123_456_789, ctimeNs: 1_700_000_001_000_000_001,
                   sha256: sha256, firstSeenBuild: build, lastSeenBuild: build)
    }

    /// A built target reading `inputs` (in that order) and writing `primary` plus `extra` outputs.
    static func target(_ primary: String, inputs: [String], key: String = hashC, build: Int64 = 1,
                       extra: [String] = [], inputHash: String = hashA) -> TargetRecord {
        TargetRecord(
            primaryOutput: primary, rule: "sales_parquet", action: "sales.parquet", actionVersion: 2,
            parameters: "compression=zstd", key: key, state: .built, error: nil, durationMs: 37,
            buildID: build,
            outputs: ([primary] + extra).map { FileVersion(path: $0, sha256: hashD, size: 4096) },
            inputs: inputs.enumerated().map { FileVersion(path: $1, sha256: inputHash, size: Int64(100 + $0)) })
    }

    /// The one integer `sql` selects from the catalog at `path`, read through a connection of
    /// its own (what a user's `sqlite3` would see).
    static func count(_ sql: String, at path: String) throws -> Int64 {
        let db = try SQLite.Connection(path: path, mode: .readOnly)
        let query = try db.prepare(sql)
        defer { query.reset() }
        XCTAssertTrue(try query.step())
        return try query.int64(at: 0)
    }
}
