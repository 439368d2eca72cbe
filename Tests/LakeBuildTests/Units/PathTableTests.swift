// The index from paths to their numbers in a string table, built one insert at a time or in
// bulk with the hashes computed on every core: either way each number is found by its own
// bytes, and nothing else is found.

import XCTest
@testable import LakeBuild

final class PathTableTests: XCTestCase {
    func testATableBuiltInBulkFindsWhatOneBuiltByInsertsFinds() {
        // Enough paths to be hashed in several chunks, two spellings of one accented name
        // among them (two paths on disk), and numbers of only some of the strings indexed.
        var strings = (0..<60_000).map { "processed/sales/date=2021-\($0 % 12 + 1)/store_id=\($0).parquet" }
        strings += ["raw/caf\u{E9}.json", "raw/cafe\u{301}.json"]
        let ids = strings.indices.filter { $0 % 3 != 1 }.map(Int32.init)
        let bulk = PathTable(capacity: ids.count, ids: ids, strings: strings)
        var oneByOne = PathTable(capacity: ids.count)
        for id in ids { oneByOne.insert(id, strings: strings) }
        for (i, s) in strings.enumerated() {
            let expected: Int32? = i % 3 != 1 ? Int32(i) : nil
            XCTAssertEqual(bulk.find(s, strings: strings), expected, s)
            XCTAssertEqual(oneByOne.find(s, strings: strings), expected, s)
        }
        XCTAssertNil(bulk.find("processed/sales/date=2021-1/store_id=60000.parquet", strings: strings))
        XCTAssertEqual(bulk.find("raw/caf\u{E9}.json", strings: strings), Int32(strings.count - 2))
        XCTAssertNil(bulk.find("raw/cafe\u{301}.json", strings: strings), "the other spelling is not indexed, and not found as this one")
    }
}
