import XCTest
@testable import Parquet

/// Streams written out by hand from the DELTA_BINARY_PACKED layout in Encodings.md.
final class DeltaBinaryPackedDecoderTests: XCTestCase {
    func testConstantDeltaWithZeroWidths() throws {
        // 1,2,3,4,5: block 128, 4 miniblocks, 5 values, first 1 (zz 2); min delta 1 (zz 2), widths 0 → no data bytes.
        var reader = ByteReader([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00])
        XCTAssertEqual(try DeltaBinaryPackedDecoder.decode(&reader, maxCount: 5, column: "c"), [1, 2, 3, 4, 5])
        XCTAssertTrue(reader.isAtEnd)
    }

    func testNegativeMinDeltaAndPackedMiniblock() throws {
        // 7,5,3,1,2,3,4,5: deltas -2,-2,-2,1,1,1,1; min -2 (zz 3); relative 0,0,0,3,3,3,3 at width 2:
        // byte0 = 3<<6 = C0, byte1 = 3 | 3<<2 | 3<<4 = 3F, then 6 zero bytes (32 values × 2 bits).
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F]
            + [UInt8](repeating: 0, count: 6) + [0xAA]
        var reader = ByteReader(bytes)
        XCTAssertEqual(try DeltaBinaryPackedDecoder.decode(&reader, maxCount: 8, column: "c"), [7, 5, 3, 1, 2, 3, 4, 5])
        XCTAssertEqual(try reader.readUInt8(), 0xAA, "the reader stops right after the stream")
    }

    func testInt32ColumnsWrapAt32Bits() throws {
        // first = Int32.max (zz FE FF FF FF 0F), min delta +1, widths 0: second value wraps to Int32.min.
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x02, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0x02, 0, 0, 0, 0]
        XCTAssertEqual(try DecoderTestSupport.decode(bytes, .deltaBinaryPacked, .int32, count: 2), .int32([.max, .min]))
    }

    func testBadHeadersAndCountsAreRejected() {
        var zeroBlock = ByteReader([0x00, 0x04, 0x05, 0x02])
        XCTAssertThrowsError(try DeltaBinaryPackedDecoder.decode(&zeroBlock, maxCount: 5, column: "c"))
        var tooMany = ByteReader([0x80, 0x01, 0x04, 0xE8, 0x07, 0x02])
        XCTAssertThrowsError(try DeltaBinaryPackedDecoder.decode(&tooMany, maxCount: 10, column: "c"))
        var truncated = ByteReader([0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0])
        XCTAssertThrowsError(try DeltaBinaryPackedDecoder.decode(&truncated, maxCount: 8, column: "c"))
    }
}
