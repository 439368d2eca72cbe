import LakeBuild
import LakeFormats
import XCTest

final class LakePrefixTests: XCTestCase {
    func testPrefixesMatchWholeSegments() {
        let day = "processed/d/date=2025-11-2/x.txt"
        let later = "processed/d/date=2025-11-20/x.txt"
        XCTAssertTrue(LakePrefix.matches(day, prefix: "processed/d/date=2025-11-2"))
        XCTAssertFalse(LakePrefix.matches(later, prefix: "processed/d/date=2025-11-2"))
        XCTAssertTrue(LakePrefix.matches(later, prefix: "processed/d/"))
        XCTAssertTrue(LakePrefix.matches(day, prefix: day), "a prefix naming the file itself")
        XCTAssertFalse(LakePrefix.matches(day, prefix: "processed/d/date=2025-11-2/x"))
        XCTAssertTrue(LakePrefix.selects(["reports/", "processed/d/date=2025-11-2"], anyOf: [later, day]), "one output is enough")
        XCTAssertFalse(LakePrefix.selects(["processed/d/date=2025-11-2"], anyOf: [later]))
        XCTAssertFalse(LakePrefix.selects([], anyOf: [day]), "no prefix selects nothing")
        XCTAssertTrue(LakePrefix.matches(day, prefix: ""), "the empty prefix selects everything")
        XCTAssertFalse(LakePrefix.matches("processed", prefix: "processed/"))
        XCTAssertTrue(LakePrefix.matches("processed/é/x", prefix: "processed/é"))
        XCTAssertFalse(LakePrefix.matches("processed/é/x", prefix: "processed/e"))
    }
}

/// Paths are ordered by their UTF-8 bytes, as unsigned bytes (the order a sorted listing and
/// the stored plan keep), whatever their Unicode spelling: checked against the byte arrays'
/// own lexicographic order.
final class LakePathOrderTests: XCTestCase {
    func testBytewiseOrderIsTheOrderOfTheUTF8Bytes() {
        var generator = SplitMix64(seed: 5)
        let pieces = ["", "a", "b", "raw/", "raw/sales/", "store_0001", "store_0002", "é", "e\u{301}", "日本", "\u{7F}", "~", "Z", "/"]
        var strings: [String] = []
        for _ in 0..<400 {
            let n = Int.random(in: 0..<4, using: &generator)
            strings.append((0..<n).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined())
        }
        for a in strings.prefix(120) {
            for b in strings {
                XCTAssertEqual(LakePath.bytewiseLess(a, b), Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), "\(a) < \(b)")
                XCTAssertEqual(LakePath.hasBytePrefix(a, b), Array(a.utf8).starts(with: Array(b.utf8)), "\(a) starts with \(b)")
            }
        }
    }
}
