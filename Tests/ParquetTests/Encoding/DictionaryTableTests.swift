import XCTest
@testable import Parquet

/// The open-addressing table under the dictionary encoder: collisions, growth, and the encoder
/// on byte strings of every size.
final class DictionaryTableTests: XCTestCase {
    func testCollidingHashesStayDistinctEntries() {
        // Every key has the same hash: entries are told apart only by the equality callback.
        var table = DictionaryTable(capacity: 4)
        var keys: [String] = []
        func find(_ key: String) -> (entry: Int, inserted: Bool) {
            let result = table.findOrInsert(hash: 42) { keys[$0] == key }
            if result.inserted { keys.append(key) }
            return result
        }
        XCTAssertEqual(find("a").entry, 0)
        XCTAssertEqual(find("b").entry, 1)
        XCTAssertEqual(find("c").entry, 2)
        XCTAssertEqual(find("b").entry, 1)
        XCTAssertFalse(find("a").inserted)
        XCTAssertEqual(table.count, 3)
    }

    func testGrowthKeepsEveryEntryFindable() {
        var table = DictionaryTable(capacity: 1)
        let initial = table.capacity
        let hashes = (0..<10_000).map { DictionaryTable.hash(bits: UInt64($0)) }
        for (index, hash) in hashes.enumerated() {
            XCTAssertEqual(table.findOrInsert(hash: hash) { $0 == index }.entry, index)
        }
        XCTAssertGreaterThan(table.capacity, initial)
        XCTAssertGreaterThanOrEqual(table.capacity, 2 * table.count, "load factor at most 1/2")
        for (index, hash) in hashes.enumerated().reversed() {
            let result = table.findOrInsert(hash: hash) { $0 == index }
            XCTAssertEqual(result.entry, index)
            XCTAssertFalse(result.inserted)
        }
    }

    func testEncoderOnEmptyLongAndManyByteStrings() throws {
        var random = SeededGenerator(seed: 3)
        let big = random.bytes(100_000)
        var strings: [[UInt8]] = [[], big, [], big]
        for index in 0..<5_000 { strings.append(Array("key-\(index % 2_500)".utf8)) }
        let encoder = try XCTUnwrap(DictionaryEncoder(.byteArray(strings), maxDictionaryBytes: 1 << 20))
        guard case let .byteArray(entries) = encoder.entries else { return XCTFail("wrong case") }
        XCTAssertEqual(entries.count, 2 + 2_500)
        XCTAssertEqual(Array(entries[0]), [])
        XCTAssertEqual(Array(entries[1]), big)
        XCTAssertEqual(Array(encoder.indices.prefix(4)), [0, 1, 0, 1])
        for (position, index) in encoder.indices.enumerated() {
            XCTAssertEqual(Array(entries[Int(index)]), strings[position], "value \(position)")
        }
        // 100 000 bytes + 4 of length prefix do not fit a 100 000-byte dictionary.
        XCTAssertNil(DictionaryEncoder(.byteArray([big]), maxDictionaryBytes: 100_000))
        XCTAssertNotNil(DictionaryEncoder(.byteArray([big]), maxDictionaryBytes: 100_004))
    }

    func testNumbersAreKeyedByExactBits() throws {
        let stamps = [Int96(nanosOfDay: 1, julianDay: 2), Int96(nanosOfDay: 2, julianDay: 1), Int96(nanosOfDay: 1, julianDay: 2)]
        let encoder = try XCTUnwrap(DictionaryEncoder(.int96(stamps), maxDictionaryBytes: 100))
        XCTAssertEqual(encoder.indices, [0, 1, 0])
        let floats = try XCTUnwrap(DictionaryEncoder(.float([0.0, -0.0, .nan, 1, 0.0]), maxDictionaryBytes: 100))
        XCTAssertEqual(floats.indices, [0, 1, 2, 3, 0])
    }
}
