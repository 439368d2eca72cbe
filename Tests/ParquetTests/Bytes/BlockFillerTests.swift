import XCTest
@testable import Parquet

/// The fenced output cursor of block decoders: its two moves, and every move that does not fit
/// refused without writing.
final class BlockFillerTests: XCTestCase {
    func testCopiesAndRepeats() {
        let input = Array("abcdefgh".utf8)
        let output = ByteWriter.filling(16) { f in
            XCTAssertTrue(f.copy(input, 1..<4))               // bcd
            XCTAssertTrue(f.repeatBack(distance: 3, count: 3))  // bcd again: a disjoint copy
            XCTAssertTrue(f.repeatBack(distance: 2, count: 5))  // cdcdc: overlapping, repeats the pattern
            XCTAssertTrue(f.copy(input, 7..<8))               // h
            XCTAssertTrue(f.copy(input, 0..<0))
            XCTAssertEqual(f.filled, 12)
            XCTAssertEqual(f.remaining, 4)
        }
        XCTAssertEqual(Array(output.prefix(12)), Array("bcdbcdcdcdch".utf8))
        XCTAssertEqual(Array(output.suffix(4)), [0, 0, 0, 0], "bytes not written stay zero")
    }

    func testMovesThatDoNotFitWriteNothing() {
        let input = Array("abcd".utf8)
        let output = ByteWriter.filling(4) { f in
            XCTAssertFalse(f.repeatBack(distance: 1, count: 1), "nothing written yet to repeat")
            XCTAssertFalse(f.copy(input, 2..<5), "past the input")
            XCTAssertFalse(f.copy(input, -1..<1), "before the input")
            XCTAssertTrue(f.copy(input, 0..<3))
            XCTAssertFalse(f.copy(input, 0..<2), "past the output")
            XCTAssertFalse(f.repeatBack(distance: 4, count: 1), "further back than written")
            XCTAssertFalse(f.repeatBack(distance: 0, count: 1))
            XCTAssertFalse(f.repeatBack(distance: 1, count: 2), "past the output")
            XCTAssertTrue(f.repeatBack(distance: 1, count: 1))
            XCTAssertEqual(f.filled, 4)
        }
        XCTAssertEqual(output, Array("abcc".utf8))
        XCTAssertEqual(ByteWriter.filling(0) { f in XCTAssertFalse(f.copy([1], 0..<1)) }, [])
    }
}
