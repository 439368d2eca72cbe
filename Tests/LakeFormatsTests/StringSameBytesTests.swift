// Paths are compared by their bytes: Swift's `==` holds canonically equivalent spellings equal,
// which on disk are two different names.

import LakeFormats
import XCTest

final class StringSameBytesTests: XCTestCase {
    func testASCIITextIsComparedByItsBytes() {
        XCTAssertTrue("raw/sales/store_0001.json".hasSameUTF8(as: String(decoding: Array("raw/sales/store_0001.json".utf8), as: UTF8.self)))
        XCTAssertFalse("raw/a.json".hasSameUTF8(as: "raw/b.json"))
        XCTAssertFalse("raw/a.json".hasSameUTF8(as: "raw/a.jso"))
        XCTAssertTrue("".hasSameUTF8(as: ""))
    }

    func testCanonicallyEquivalentSpellingsAreDifferentBytes() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        XCTAssertEqual(composed, decomposed)
        XCTAssertFalse(composed.hasSameUTF8(as: decomposed))
        // The same length in bytes, the combining marks in the other order.
        let one = "a\u{301}\u{327}", other = "a\u{327}\u{301}"
        XCTAssertEqual(one, other)
        XCTAssertEqual(one.utf8.count, other.utf8.count)
        XCTAssertFalse(one.hasSameUTF8(as: other))
        XCTAssertTrue(decomposed.hasSameUTF8(as: String(decoding: Array(decomposed.utf8), as: UTF8.self)))
    }

    func testByteExactKeysKeepBothSpellings() {
        let keys: Set = [ByteExactString("caf\u{E9}"), ByteExactString("cafe\u{301}"), ByteExactString("caf\u{E9}")]
        XCTAssertEqual(keys.count, 2)
        XCTAssertEqual(Set(["caf\u{E9}", "cafe\u{301}"]).count, 1, "a set of Swift strings conflates them")
    }
}
