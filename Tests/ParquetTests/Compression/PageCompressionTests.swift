import XCTest
@testable import Parquet

/// The codec-keyed entry point: dispatch, size checks, limit and unsupported codecs.
final class PageCompressionTests: XCTestCase {
    func testEveryWritableCodecRoundTrips() throws {
        let body = Array(String(repeating: "page body ", count: 500).utf8)
        for codec in PageCompression.supportedCodecs {
            let stored = try PageCompression.compress(body, codec: codec)
            XCTAssertEqual(try PageCompression.decompress(stored, codec: codec, uncompressedSize: body.count), body,
                           codec.description)
        }
    }

    func testUncompressedPassesBytesThroughAndChecksSize() throws {
        XCTAssertEqual(try PageCompression.compress([1, 2, 3], codec: .uncompressed), [1, 2, 3])
        XCTAssertThrowsError(try PageCompression.decompress([1, 2, 3], codec: .uncompressed, uncompressedSize: 4))
    }

    func testSnappySizeMustMatchHeader() {
        // Valid stream of 5 bytes, header claims 6.
        let stream: [UInt8] = [0x05, 0x10] + Array("hello".utf8)
        XCTAssertThrowsError(try PageCompression.decompress(stream, codec: .snappy, uncompressedSize: 6))
    }

    func testDeclaredSizeAboveLimitIsRejectedFirst() {
        XCTAssertThrowsError(try PageCompression.decompress([0x00], codec: .gzip, uncompressedSize: 1 << 40,
                                                            limit: 1 << 20)) { error in
            XCTAssertEqual(error as? ParquetError, .decompressedSizeLimitExceeded(limit: 1 << 20))
        }
    }

    func testUnsupportedCodecsAreNamed() {
        for codec in [CompressionCodec.lzo, .brotli, .lz4, .lz4Raw, CompressionCodec(rawValue: 42)] {
            XCTAssertThrowsError(try PageCompression.compress([1], codec: codec)) { error in
                XCTAssertEqual(error as? ParquetError, .unsupportedCodec(codec.description))
            }
            XCTAssertThrowsError(try PageCompression.decompress([1], codec: codec, uncompressedSize: 1)) { error in
                XCTAssertEqual(error as? ParquetError, .unsupportedCodec(codec.description))
            }
        }
    }
}
