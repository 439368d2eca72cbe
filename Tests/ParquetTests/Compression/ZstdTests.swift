import XCTest
@testable import Parquet

/// ZSTD: frames assembled by hand from RFC 8878, concatenated frames, bad input, round trips.
final class ZstdTests: XCTestCase {
    /// Magic FD2FB528 (LE), header descriptor 0x20 (single segment, 1-byte content size),
    /// content size, then one last raw block: header (size << 3) | 1 as 3 LE bytes.
    private func rawFrame(_ payload: [UInt8]) -> [UInt8] {
        let blockHeader = payload.count << 3 | 1
        return [0x28, 0xB5, 0x2F, 0xFD, 0x20, UInt8(payload.count),
                UInt8(blockHeader & 0xFF), UInt8((blockHeader >> 8) & 0xFF), UInt8(blockHeader >> 16)] + payload
    }

    func testDecompressesHandMadeRawFrame() throws {
        XCTAssertEqual(try Zstd.decompress(rawFrame(Array("hello".utf8)), uncompressedSize: 5), Array("hello".utf8))
    }

    func testDecompressesHandMadeRLEBlock() throws {
        // RLE block (type 1) of 10 × 'z': header (10 << 3) | (1 << 1) | 1 = 0x53, then the byte.
        let frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x20, 10, 0x53, 0x00, 0x00, 0x7A]
        XCTAssertEqual(try Zstd.decompress(frame, uncompressedSize: 10), Array(repeating: 0x7A, count: 10))
    }

    func testDecompressesConcatenatedFrames() throws {
        let frames = rawFrame(Array("ab".utf8)) + rawFrame(Array("cde".utf8))
        XCTAssertEqual(try Zstd.decompress(frames, uncompressedSize: 5), Array("abcde".utf8))
    }

    func testRejectsWrongSizesAndGarbage() {
        XCTAssertThrowsError(try Zstd.decompress(rawFrame([1, 2, 3]), uncompressedSize: 2))
        XCTAssertThrowsError(try Zstd.decompress(rawFrame([1, 2, 3]), uncompressedSize: 4))
        XCTAssertThrowsError(try Zstd.decompress(Array(rawFrame([1, 2, 3]).dropLast()), uncompressedSize: 3))
        XCTAssertThrowsError(try Zstd.decompress([], uncompressedSize: 0))
        XCTAssertThrowsError(try Zstd.decompress(Array("garbage!".utf8), uncompressedSize: 8)) { error in
            guard case ParquetError.compressionFailed(codec: "ZSTD", _) = error else {
                return XCTFail("unexpected error \(error)")
            }
        }
    }

    func testCompressWritesFramesThatRoundTrip() throws {
        var generator = SeededGenerator(seed: 11)
        for input in [[], Array("abc".utf8), generator.bytes(50_000), [UInt8](repeating: 1, count: 100_000)] {
            let compressed = try Zstd.compress(input)
            XCTAssertEqual(Array(compressed.prefix(4)), [0x28, 0xB5, 0x2F, 0xFD], "zstd frame magic")
            XCTAssertEqual(try Zstd.decompress(compressed, uncompressedSize: input.count), input)
        }
    }
}
