import XCTest
@testable import Parquet

/// GZIP: members made by Python's `gzip.compress(..., mtime=0)`, multi-member pages, bad input.
final class GzipTests: XCTestCase {
    /// `gzip.compress(b"hello parquet", mtime=0)`
    private let helloMember = hex("1f8b0800000000000203cb48cdc9c95728482c2a2c4d2d0100756045620d000000")
    /// `gzip.compress(b"second member!", mtime=0)`
    private let secondMember = hex("1f8b08000000000002032b4e4dcecf4b51c84dcd4d4a2d52040076e1f7a20e000000")

    func testDecompressesForeignMember() throws {
        XCTAssertEqual(try Gzip.decompress(helloMember, uncompressedSize: 13), Array("hello parquet".utf8))
    }

    func testDecompressesConcatenatedMembers() throws {
        XCTAssertEqual(try Gzip.decompress(helloMember + secondMember, uncompressedSize: 27),
                       Array("hello parquetsecond member!".utf8))
    }

    func testRejectsWrongDeclaredSizes() {
        XCTAssertThrowsError(try Gzip.decompress(helloMember, uncompressedSize: 12))
        XCTAssertThrowsError(try Gzip.decompress(helloMember, uncompressedSize: 14))
    }

    func testRejectsTruncatedAndGarbageInput() {
        XCTAssertThrowsError(try Gzip.decompress(Array(helloMember.prefix(20)), uncompressedSize: 13))
        XCTAssertThrowsError(try Gzip.decompress([], uncompressedSize: 0))
        XCTAssertThrowsError(try Gzip.decompress(Array("not gzip at all".utf8), uncompressedSize: 13)) { error in
            guard case ParquetError.compressionFailed(codec: "GZIP", _) = error else {
                return XCTFail("unexpected error \(error)")
            }
        }
        XCTAssertThrowsError(try Gzip.decompress(helloMember + [0x00, 0x01], uncompressedSize: 13))
    }

    func testCompressWritesGzipHeaderAndRoundTrips() throws {
        var generator = SeededGenerator(seed: 3)
        for input in [[], Array("abc".utf8), generator.bytes(100_000),
                      [UInt8](repeating: 7, count: 300_000)] {
            let compressed = try Gzip.compress(input)
            XCTAssertEqual(Array(compressed.prefix(3)), [0x1F, 0x8B, 0x08], "RFC 1952 magic + deflate")
            XCTAssertEqual(try Gzip.decompress(compressed, uncompressedSize: input.count), input)
            XCTAssertEqual(try Gzip.compress(input), compressed, "deterministic")
        }
    }
}
