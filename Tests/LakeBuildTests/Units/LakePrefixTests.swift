import LakeBuild
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
        XCTAssertTrue(LakePrefix.matches(day, prefix: ""), "the empty prefix selects everything")
        XCTAssertFalse(LakePrefix.matches("processed", prefix: "processed/"))
        XCTAssertTrue(LakePrefix.matches("processed/é/x", prefix: "processed/é"))
        XCTAssertFalse(LakePrefix.matches("processed/é/x", prefix: "processed/e"))
    }
}
