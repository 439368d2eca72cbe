import XCTest
@testable import Parquet

/// Damaged files must end in a `ParquetError`, never a crash, trap, hang or huge allocation.
/// Each case flips one random byte (seeded, so failures reproduce) and reads the whole file.
final class CorruptionTests: XCTestCase {
    private static let files = [
        "handmade/parquet-minimal-example.parquet", "alltypes_plain.parquet", "datapage_v2.snappy.parquet",
        "nested_maps.snappy.parquet", "nullable.impala.parquet", "delta_encoding_optional_column.parquet",
        "byte_stream_split.zstd.parquet", "rle_boolean_encoding.parquet",
    ]

    /// Reads everything; returns normally or throws only `ParquetError`.
    private func readAll(_ bytes: [UInt8]) throws {
        let reader = try ParquetFileReader(bytes: bytes, decompressedPageLimit: 1 << 22)
        var iterator = reader.makeRowIterator()
        while try iterator.next() != nil {}
    }

    func testRandomByteFlips() throws {
        var generator = SeededGenerator(seed: 0x5EED_F11B)
        var errors = 0
        var flips = 0
        for name in Self.files {
            let original = try FixtureFiles.bytes(name)
            XCTAssertNoThrow(try readAll(original), name)
            for _ in 0..<300 {
                var bytes = original
                let offset = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
                flips += 1
                do {
                    try readAll(bytes)
                } catch is ParquetError {
                    errors += 1
                } catch {
                    XCTFail("\(name) flip at \(offset): non-Parquet error \(error)")
                }
            }
        }
        XCTAssertEqual(flips, 2400)
        XCTAssertGreaterThan(errors, 0)
    }

    func testFlipsInsideFooters() throws {
        // Footers are the densest target: flip only there, for every byte position of small files.
        var generator = SeededGenerator(seed: 42)
        for name in ["handmade/parquet-minimal-example.parquet", "nested_lists.snappy.parquet", "null_list.parquet"] {
            let original = try FixtureFiles.bytes(name)
            var tail = ByteReader(Array(original.suffix(8)))
            let footerLength = Int(try tail.readUInt32LE())
            let footerStart = original.count - 8 - footerLength
            for offset in footerStart..<(original.count - 8) {
                var bytes = original
                bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
                do {
                    try readAll(bytes)
                } catch is ParquetError {
                    continue
                } catch {
                    XCTFail("\(name) flip at \(offset): non-Parquet error \(error)")
                }
            }
        }
    }
}
