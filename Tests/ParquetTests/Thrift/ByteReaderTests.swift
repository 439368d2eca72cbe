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

    /// Varints at every length from 1 to 10 bytes, with the largest value, one after the
    /// other and at the very end of a sub-reader's bounds; a varint cut by the end is
    /// `.truncated` where the bytes ran out, even when the buffer goes on past the bounds.
    func testVarintsOfEveryLengthAndCutByTheEnd() throws {
        var bytes: [UInt8] = []
        var values: [UInt64] = []
        for length in 1...10 {
            let value: UInt64 = length == 10 ? UInt64.max : (1 << UInt64(7 * length)) - 1
            values.append(value)
            var v = value
            while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            bytes.append(UInt8(v))
        }
        var reader = ByteReader(bytes)
        for value in values { XCTAssertEqual(try reader.readVarUInt64(), value) }
        XCTAssertTrue(reader.isAtEnd)
        var zigzag = ByteReader([0x03, 0x04])
        XCTAssertEqual(try zigzag.readZigZagInt64(), -2)
        XCTAssertEqual(try zigzag.readZigZagInt64(), 2)

        let cut = bytes + [0x80, 0x80, 0x01]
        var bounded = try ByteReader(cut, range: bytes.count..<(bytes.count + 2))
        XCTAssertThrowsError(try bounded.readVarUInt64()) { error in
            XCTAssertEqual(error as? ParquetError, .truncated(offset: bytes.count + 2, needed: 1))
        }
        var overlong = ByteReader([UInt8](repeating: 0xFF, count: 10) + [0x01])
        XCTAssertThrowsError(try overlong.readVarUInt64()) { error in
            XCTAssertEqual(error as? ParquetError, .invalidThrift(offset: 0, reason: "varint longer than 10 bytes"))
        }
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
