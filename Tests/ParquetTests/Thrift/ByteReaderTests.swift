import XCTest
@testable import Parquet

/// Bounds checks of the byte cursor: every failure is `.truncated` at the right offset.
final class ByteReaderTests: XCTestCase {
    func testLittleEndianReads() throws {
        var reader = ByteReader([0x01, 0x02, 0x03, 0x04, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(try reader.readUInt32LE(), 0x0403_0201)
        XCTAssertEqual(try reader.readInt64LE(), -1)
        XCTAssertTrue(reader.isAtEnd)
    }

    func testTruncatedReadsReportOffsetAndNeed() throws {
        var reader = ByteReader([0x01, 0x02, 0x03])
        _ = try reader.readUInt8()
        XCTAssertThrowsError(try reader.readUInt32LE()) { error in
            XCTAssertEqual(error as? ParquetError, .truncated(offset: 1, needed: 4))
        }
        XCTAssertThrowsError(try reader.readBytes(-1))
        XCTAssertThrowsError(try reader.readInt64Array(Int.max / 2)) { error in
            XCTAssertEqual(error as? ParquetError, .truncated(offset: 1, needed: Int.max))
        }
        XCTAssertEqual(try reader.readBytes(2), [0x02, 0x03])
    }

    func testOverlongVarintIsRejected() {
        var reader = ByteReader([UInt8](repeating: 0x80, count: 11) + [0x01])
        XCTAssertThrowsError(try reader.readVarUInt64())
        var wide = ByteReader([0x80, 0x80, 0x80, 0x80, 0x10])  // 2^32 does not fit in 32 bits
        XCTAssertThrowsError(try wide.readVarUInt32())
    }

    func testSubReaderSharesBoundsWithoutCopying() throws {
        var reader = ByteReader([1, 2, 3, 4, 5])
        _ = try reader.readUInt8()
        var sub = try reader.readSubReader(2)
        XCTAssertEqual(sub.offset, 1)
        XCTAssertEqual(try sub.readBytes(2), [2, 3])
        XCTAssertThrowsError(try sub.readUInt8())
        XCTAssertEqual(try reader.readUInt8(), 4)
    }

    func testWriterMatchesSpecVectors() {
        var writer = ByteWriter()
        writer.writeVarUInt64(50399)       // DF 89 03
        writer.writeZigZagInt32(-1)        // 01
        writer.writeZigZagInt64(Int64.min) // FF×9 01
        writer.writeInt32LE(-5)            // FB FF FF FF
        XCTAssertEqual(writer.bytes, [0xDF, 0x89, 0x03, 0x01] + [UInt8](repeating: 0xFF, count: 9) + [0x01, 0xFB, 0xFF, 0xFF, 0xFF])
    }
}
