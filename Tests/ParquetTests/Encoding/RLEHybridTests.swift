import XCTest
@testable import Parquet

/// RLE / bit-packing hybrid: vectors from Encodings.md and files read by pyarrow (parquet-notes
/// §3.4, §3.5, §9), corrupt runs, and seeded round trips.
final class RLEHybridTests: XCTestCase {
    func testBitWidthForMaxValue() {
        XCTAssertEqual(RLEHybrid.bitWidth(forMaxValue: 0), 0)
        XCTAssertEqual(RLEHybrid.bitWidth(forMaxValue: 1), 1)
        XCTAssertEqual(RLEHybrid.bitWidth(forMaxValue: 2), 2)
        XCTAssertEqual(RLEHybrid.bitWidth(forMaxValue: 7), 3)
        XCTAssertEqual(RLEHybrid.bitWidth(forMaxValue: 8), 4)
        XCTAssertEqual(RLEHybrid.bitWidth(forMaxValue: UInt32.max), 32)
    }

    func testBitPackedSpecVector() throws {
        // Encodings.md: 0…7 at width 3 → 88 C6 FA, after the header 0x03 (one group).
        XCTAssertEqual(RLEHybrid.encode(Array(0...7), bitWidth: 3), [0x03, 0x88, 0xC6, 0xFA])
        XCTAssertEqual(try RLEHybrid.decode([0x03, 0x88, 0xC6, 0xFA], bitWidth: 3, count: 8), Array(0...7))
    }

    func testDefinitionLevelsFromPyarrowPage() throws {
        // Optional INT32 [1,null,1,null,1,1,1,1,1,1] as written by pyarrow 26: 05 F5 03.
        let levels: [UInt32] = [1, 0, 1, 0, 1, 1, 1, 1, 1, 1]
        XCTAssertEqual(RLEHybrid.encode(levels, bitWidth: 1), [0x05, 0xF5, 0x03])
        XCTAssertEqual(try RLEHybrid.decode([0x05, 0xF5, 0x03], bitWidth: 1, count: 10), levels)
    }

    func testDictionaryIndicesFromPyarrowPage() throws {
        // Eight indices 0 at width 1 as written by pyarrow 26: RLE run 10 00.
        XCTAssertEqual(RLEHybrid.encode(Array(repeating: 0, count: 8), bitWidth: 1), [0x10, 0x00])
        XCTAssertEqual(try RLEHybrid.decode([0x10, 0x00], bitWidth: 1, count: 8), Array(repeating: 0, count: 8))
    }

    func testDefinitionLevelsOfGoldenFile() {
        // parquet-minimal-example.parquet: levels 1,1,0,1 → 03 0B.
        XCTAssertEqual(RLEHybrid.encode([1, 1, 0, 1], bitWidth: 1), [0x03, 0x0B])
    }

    func testWidthZeroRunFromParquetMr() throws {
        // rle-dict-snappy-checksum.parquet: run of 1000 at width 0 is D0 0F with no value bytes.
        XCTAssertEqual(try RLEHybrid.decode([0xD0, 0x0F], bitWidth: 0, count: 1000), Array(repeating: 0, count: 1000))
        XCTAssertEqual(RLEHybrid.encode(Array(repeating: 0, count: 1000), bitWidth: 0), [0xD0, 0x0F])
    }

    func testRepeatedValueUsesLittleEndianBytes() throws {
        // Run of 9 × 0x1234 at width 13: header 9<<1 = 0x12, value in 2 bytes LE.
        XCTAssertEqual(RLEHybrid.encode(Array(repeating: 0x1234, count: 9), bitWidth: 13), [0x12, 0x34, 0x12])
        XCTAssertEqual(try RLEHybrid.decode([0x12, 0x34, 0x12], bitWidth: 13, count: 9),
                       Array(repeating: 0x1234, count: 9))
    }

    func testMixedRunsAndTrailingBytes() throws {
        // RLE 3 × 5 (06 05), then bit-packed 1 group of width 3 (03 88 C6 FA) → 3 + 8 values;
        // asking for 5 stops inside the bit-packed run; trailing 0xEE is ignored.
        let bytes: [UInt8] = [0x06, 0x05, 0x03, 0x88, 0xC6, 0xFA, 0xEE]
        XCTAssertEqual(try RLEHybrid.decode(bytes, bitWidth: 3, count: 11), [5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(try RLEHybrid.decode(bytes, bitWidth: 3, count: 5), [5, 5, 5, 0, 1])
        XCTAssertEqual(try RLEHybrid.decode(bytes[2...], bitWidth: 3, count: 2), [0, 1], "slices keep their indices")
    }

    func testRejectsCorruptRuns() {
        let corrupt: [(String, [UInt8], Int, Int)] = [
            ("no runs at all", [], 1, 1),
            ("runs end too early", [0x06, 0x01], 1, 4),
            ("truncated repeated value", [0x10], 9, 8),
            ("repeated value wider than width", [0x10, 0x04], 2, 8),
            ("truncated bit-packed run", [0x03, 0x88], 3, 8),
            ("header longer than 5 bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 1, 1),
            ("bit width above 32", [0x10, 0x00], 33, 8),
        ]
        for (name, bytes, width, count) in corrupt {
            XCTAssertThrowsError(try RLEHybrid.decode(bytes, bitWidth: width, count: count, column: "c"), name) { error in
                guard case ParquetError.corruptPage(column: "c", _) = error else {
                    return XCTFail("\(name): unexpected error \(error)")
                }
            }
        }
    }

    func testSeededRoundTrips() throws {
        var generator = SeededGenerator(seed: 99)
        for width in [0, 1, 2, 3, 7, 8, 13, 16, 20, 31, 32] {
            let maxValue: UInt32 = width == 0 ? 0 : UInt32.max >> UInt32(32 - width)
            for count in [0, 1, 7, 8, 9, 100, 1000] {
                var values: [UInt32] = []
                while values.count < count {
                    let value = UInt32.random(in: 0...maxValue, using: &generator)
                    values += Array(repeating: value, count: Int.random(in: 1...20, using: &generator))
                }
                values = Array(values.prefix(count))
                let encoded = RLEHybrid.encode(values, bitWidth: width)
                XCTAssertEqual(try RLEHybrid.decode(encoded, bitWidth: width, count: count), values,
                               "width \(width), count \(count)")
            }
        }
    }
}
