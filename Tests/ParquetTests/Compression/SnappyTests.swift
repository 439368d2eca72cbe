import XCTest
@testable import Parquet

/// Snappy: hand-assembled streams from the format description, corrupt streams, and round trips.
final class SnappyTests: XCTestCase {
    private let limit = 1 << 24

    // MARK: Hand-made streams (expected bytes written from the format description)

    func testDecodesShortLiteral() throws {
        // preamble 5, tag (5-1)<<2 = 0x10, "hello"
        let stream: [UInt8] = [0x05, 0x10] + Array("hello".utf8)
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), Array("hello".utf8))
    }

    func testDecodesLiteralWithOneByteLength() throws {
        let payload = (0..<100).map { UInt8($0) }
        // tag 60<<2 = 0xF0, then len-1 = 99 in one byte
        let stream: [UInt8] = [100, 0xF0, 99] + payload
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), payload)
    }

    func testDecodesCopyWithOneByteOffset() throws {
        // literal "abcd", then copy len 8 offset 4: tag 1 | (8-4)<<2 = 0x11, offset 0x04
        let stream: [UInt8] = [12, 0x0C] + Array("abcd".utf8) + [0x11, 0x04]
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), Array("abcdabcdabcd".utf8))
    }

    func testDecodesCopyWithElevenBitOffset() throws {
        let prefix = (0..<511).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        // preamble 515 = 83 04; literal of 511: tag 61<<2 = 0xF4, len-1 = 510 LE; copy len 4 offset 511 = 0x1FF:
        // tag 1 | 0<<2 | (0x1FF >> 8)<<5 = 0x21, low byte 0xFF
        let stream: [UInt8] = [0x83, 0x04, 0xF4, 0xFE, 0x01] + prefix + [0x21, 0xFF]
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), prefix + prefix[0..<4])
    }

    func testDecodesCopyWithTwoByteOffset() throws {
        // copy len 4 offset 4, 2-byte form: tag 2 | (4-1)<<2 = 0x0E, 04 00
        let stream: [UInt8] = [8, 0x0C] + Array("abcd".utf8) + [0x0E, 0x04, 0x00]
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), Array("abcdabcd".utf8))
    }

    func testDecodesCopyWithFourByteOffset() throws {
        // copy len 4 offset 4, 4-byte form: tag 3 | (4-1)<<2 = 0x0F, 04 00 00 00
        let stream: [UInt8] = [8, 0x0C] + Array("abcd".utf8) + [0x0F, 0x04, 0x00, 0x00, 0x00]
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), Array("abcdabcd".utf8))
    }

    func testDecodesOverlappingCopyAsRepetition() throws {
        // "xababab" = literal "xab" + copy(offset 2, len 4): tag 1 | 0<<2, offset 2
        let stream: [UInt8] = [7, 0x08] + Array("xab".utf8) + [0x01, 0x02]
        XCTAssertEqual(try Snappy.decompress(stream, limit: limit), Array("xababab".utf8))
    }

    func testDecodesEmptyStream() throws {
        XCTAssertEqual(try Snappy.decompress([0x00], limit: limit), [])
    }

    // MARK: Corrupt streams

    func testRejectsCorruptStreams() {
        let corrupt: [(String, [UInt8])] = [
            ("empty input", []),
            ("preamble without data", [0x05]),
            ("preamble longer than 5 bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
            ("stream starting with a copy", [0x04, 0x01, 0x01]),
            ("copy offset 0", [0x08, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x01, 0x00]),
            ("copy offset past output", [0x08, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x01, 0x05]),
            ("literal past input end", [0x05, 0x10, 0x68, 0x65]),
            ("output longer than preamble", [0x02, 0x10, 0x68, 0x65, 0x6C, 0x6C, 0x6F]),
            ("output shorter than preamble", [0x09, 0x10, 0x68, 0x65, 0x6C, 0x6C, 0x6F]),
            ("truncated 2-byte offset", [0x08, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x0E, 0x04]),
            ("truncated literal length", [0x64, 0xF0]),
            ("copy overflowing preamble", [0x05, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x11, 0x04]),
        ]
        for (name, stream) in corrupt {
            XCTAssertThrowsError(try Snappy.decompress(stream, limit: limit), name) { error in
                guard case ParquetError.compressionFailed(codec: "SNAPPY", _) = error else {
                    return XCTFail("\(name): unexpected error \(error)")
                }
            }
        }
    }

    func testRejectsDeclaredLengthAboveLimit() {
        // preamble 0xFFFFFFFF with a 1 KiB limit must fail before allocating anything.
        XCTAssertThrowsError(try Snappy.decompress([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], limit: 1024)) { error in
            XCTAssertEqual(error as? ParquetError, .decompressedSizeLimitExceeded(limit: 1024))
        }
    }

    func testRejectsRandomGarbageWithoutCrashing() {
        var generator = SeededGenerator(seed: 7)
        for length in 0..<300 {
            let garbage = [UInt8(length % 100)] + generator.bytes(length)
            _ = try? Snappy.decompress(garbage, limit: 1 << 16)
        }
    }

    // MARK: Compressor

    func testCompressorEncodesLiteralOnlyStreamAsSpecified() {
        let input = Array("hello".utf8)
        XCTAssertEqual(Snappy.compress(input, mode: .literalOnly), [0x05, 0x10] + input)
    }

    func testMatchingCompressorFindsRepeats() throws {
        // The reference algorithm turns 200 000 zero bytes into 9 386 bytes (parquet-notes §4.1).
        let zeros = [UInt8](repeating: 0, count: 200_000)
        let compressed = Snappy.compress(zeros)
        XCTAssertEqual(compressed.count, 9_386)
        XCTAssertEqual(try Snappy.decompress(compressed, limit: limit), zeros)
    }

    func testRoundTripsEdgeAndRandomInputs() throws {
        var generator = SeededGenerator(seed: 42)
        let text = Array(String(repeating: "lakemake builds parquet files; ", count: 3_000).utf8)
        var inputs: [[UInt8]] = [[], [0x41], Array("xababababab".utf8), text, generator.bytes(70_000)]
        // Mixed: random bytes with repeated segments, crossing the 64 KiB fragment boundary.
        var mixed: [UInt8] = []
        while mixed.count < 200_000 {
            let chunk = generator.bytes(Int.random(in: 1...40, using: &generator))
            mixed += chunk
            if Bool.random(using: &generator), mixed.count > 100 {
                let start = Int.random(in: 0..<(mixed.count - 50), using: &generator)
                mixed += mixed[start..<(start + Int.random(in: 4...50, using: &generator))]
            }
        }
        inputs.append(mixed)
        for input in inputs {
            for mode in [Snappy.Mode.matching, .literalOnly] {
                let compressed = Snappy.compress(input, mode: mode)
                XCTAssertLessThanOrEqual(compressed.count, 32 + input.count + input.count / 6)
                XCTAssertEqual(try Snappy.decompress(compressed, limit: limit), input, "\(input.count) bytes, \(mode)")
            }
        }
        XCTAssertLessThan(Snappy.compress(text).count, text.count / 10)
    }
}
