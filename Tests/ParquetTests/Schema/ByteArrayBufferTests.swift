import XCTest
@testable import Parquet

/// The Arrow-style byte string buffer: offsets, slices, in-place hashing and comparison.
final class ByteArrayBufferTests: XCTestCase {
    private let words: [[UInt8]] = [Array("b".utf8), [], Array("abc".utf8), [0xFF, 0x00], Array("abc".utf8)]

    func testOffsetsAndValuesFollowTheArrowLayout() throws {
        let buffer = ByteArrayBuffer(words)
        XCTAssertEqual(buffer.count, 5)
        XCTAssertEqual(buffer.offsets, [0, 1, 1, 4, 6, 9])
        XCTAssertEqual(buffer.values, Array("babc".utf8) + [0xFF, 0x00] + Array("abc".utf8))
        XCTAssertEqual(buffer.arrays, words)
        XCTAssertEqual(Array(buffer[2]), Array("abc".utf8))
        XCTAssertTrue(buffer[1].isEmpty)
        XCTAssertEqual(buffer.byteCount(1..<4), 5)
        XCTAssertEqual(try ByteArrayBuffer(offsets: buffer.offsets, values: buffer.values), buffer)
    }

    func testInvalidOffsetsAreRejected() {
        for (offsets, values) in [([1, 2], [UInt8](repeating: 0, count: 2)), ([0, 3, 2], [0, 0]), ([0, 1], [0, 0]), ([], [])] {
            XCTAssertThrowsError(try ByteArrayBuffer(offsets: offsets, values: values), "\(offsets)") { error in
                guard case .invalidWriterUse = error as? ParquetError else { return XCTFail("\(error)") }
            }
        }
    }

    func testSlicesAndAppendsShiftOffsets() {
        let buffer = ByteArrayBuffer(words)
        let middle = buffer.slice(2..<4)
        XCTAssertEqual(middle.offsets, [0, 3, 5])
        XCTAssertEqual(middle.arrays, Array(words[2..<4]))
        var joined = ByteArrayBuffer([Array("x".utf8)])
        joined.append(contentsOf: buffer, range: 1..<5)
        joined.append(buffer, at: 0)
        XCTAssertEqual(joined.arrays, [Array("x".utf8)] + Array(words[1..<5]) + [words[0]])
        XCTAssertEqual(buffer.slice(3..<3), ByteArrayBuffer())
    }

    /// Taking values back leaves the buffer as if they had never been appended.
    func testRemoveLastTakesValuesBack() {
        var buffer = ByteArrayBuffer([Array("ab".utf8), [], Array("cde".utf8)])
        let before = buffer
        buffer.append(Array("fghij".utf8))
        buffer.append([])
        buffer.removeLast(2)
        XCTAssertEqual(buffer, before)
        buffer.removeLast(0)
        XCTAssertEqual(buffer, before)
        buffer.removeLast(3)
        XCTAssertEqual(buffer, ByteArrayBuffer())
    }

    /// Values of one width, given back to back, read as if appended one by one.
    func testFixedWidthValues() {
        XCTAssertEqual(ByteArrayBuffer(width: 2, values: Array("abcdef".utf8)), ByteArrayBuffer(["ab", "cd", "ef"].map { Array($0.utf8) }))
        XCTAssertEqual(ByteArrayBuffer(width: 6, values: []), ByteArrayBuffer())
    }

    func testEmptyAndHundredThousandByteValues() {
        var random = SeededGenerator(seed: 7)
        let big = random.bytes(100_000)
        var bigTwin = big
        bigTwin[99_999] ^= 1
        let buffer = ByteArrayBuffer([[], big, [], bigTwin, big])
        XCTAssertEqual(buffer.length(at: 1), 100_000)
        XCTAssertEqual(buffer.values.count, 200_000 + 100_000)
        XCTAssertTrue(buffer.elementsEqual(at: 0, buffer, at: 2))
        XCTAssertTrue(buffer.elementsEqual(at: 1, buffer, at: 4))
        XCTAssertFalse(buffer.elementsEqual(at: 1, buffer, at: 3), "differs only in the last byte")
        XCTAssertEqual(buffer.hash(at: 1), buffer.hash(at: 4))
        XCTAssertNotEqual(buffer.hash(at: 1), buffer.hash(at: 3))
        XCTAssertEqual(buffer.hash(at: 0), buffer.hash(at: 2))
        XCTAssertNotEqual(buffer.hash(at: 0), buffer.hash(at: 1))
    }

    func testSpansAreAppendedAndComparedByTheirBytes() {
        var random = SeededGenerator(seed: 11)
        let big = random.bytes(100_000)
        let source: [UInt8] = Array("..abc..".utf8) + big
        var buffer = ByteArrayBuffer([Array("x".utf8)])
        buffer.append(source.span.extracting(2..<5))
        buffer.append(source.span.extracting(7..<7))
        buffer.append(source.span.extracting(7..<source.count))
        XCTAssertEqual(buffer.arrays, [Array("x".utf8), Array("abc".utf8), [], big])
        XCTAssertEqual(buffer.offsets, [0, 1, 4, 4, 100_004])
        XCTAssertTrue(buffer.elementsEqual(at: 1, Array("abc".utf8).span))
        XCTAssertFalse(buffer.elementsEqual(at: 1, Array("abd".utf8).span))
        XCTAssertFalse(buffer.elementsEqual(at: 1, Array("ab".utf8).span), "a prefix is not equal")
        XCTAssertFalse(buffer.elementsEqual(at: 1, Array("abcd".utf8).span))
        XCTAssertTrue(buffer.elementsEqual(at: 2, [UInt8]().span))
        XCTAssertFalse(buffer.elementsEqual(at: 2, Array("x".utf8).span))
        XCTAssertTrue(buffer.elementsEqual(at: 3, big.span))
        var twin = big
        twin[99_999] ^= 1
        XCTAssertFalse(buffer.elementsEqual(at: 3, twin.span), "differs only in the last byte")
    }

    /// Short values are compared a word at a time (the last word overlapping): a difference
    /// at any position of any length around the word sizes is seen.
    func testSpanComparisonSeesEveryByteAtEveryLength() {
        for length in 1...40 {
            let value = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
            let buffer = ByteArrayBuffer([[0x00], value])  // value 1 starts at an odd offset
            XCTAssertTrue(buffer.elementsEqual(at: 1, value.span), "length \(length)")
            for position in 0..<length {
                var other = value
                other[position] ^= 0x20
                XCTAssertFalse(buffer.elementsEqual(at: 1, other.span), "length \(length), position \(position)")
            }
        }
    }

    func testHashDependsOnBytesNotPosition() {
        // The same bytes at different offsets (and alignments) hash the same; a trailing zero
        // byte changes the hash (length is part of it).
        let buffer = ByteArrayBuffer([[1], Array("0123456789abcdef!".utf8), [2, 3], Array("0123456789abcdef!".utf8),
                                      [0], [0, 0]])
        XCTAssertEqual(buffer.hash(at: 1), buffer.hash(at: 3))
        XCTAssertNotEqual(buffer.hash(at: 4), buffer.hash(at: 5))
    }

    func testComparisonIsUnsignedBytesThenLength() {
        let buffer = ByteArrayBuffer([Array("abc".utf8), Array("abd".utf8), Array("ab".utf8), [0xC3, 0xA9], [0x7A], []])
        XCTAssertLessThan(buffer.compareBytes(at: 0, buffer, at: 1), 0)
        XCTAssertGreaterThan(buffer.compareBytes(at: 0, buffer, at: 2), 0, "a prefix sorts first")
        XCTAssertGreaterThan(buffer.compareBytes(at: 3, buffer, at: 4), 0, "0xC3 is above 0x7A unsigned")
        XCTAssertLessThan(buffer.compareBytes(at: 5, buffer, at: 2), 0, "empty sorts first")
        XCTAssertEqual(buffer.compareBytes(at: 0, ByteArrayBuffer([Array("abc".utf8)]), at: 0), 0)
    }

    func testReservingPageAfterPageGrowsGeometrically() {
        // A reader reserves room for every page it appends; exact reservations would reallocate
        // (and copy everything so far) once per page.
        var buffer = ByteArrayBuffer()
        var capacities = Set<Int>()
        for _ in 0..<200 {
            buffer.reserveCapacity(count: 10, bytes: 100)
            for _ in 0..<10 { buffer.append([UInt8](repeating: 7, count: 10)) }
            capacities.insert(buffer.values.capacity)
        }
        XCTAssertEqual(buffer.values.count, 20_000)
        XCTAssertLessThanOrEqual(capacities.count, 12, "\(capacities.sorted())")
    }

    func testColumnBufferConvertsBothWays() {
        let values = ColumnValues.byteArray(words)
        let buffer = ColumnBuffer(values)
        XCTAssertEqual(buffer.columnValues, values)
        XCTAssertEqual(buffer.count, 5)
        XCTAssertEqual(buffer.plainSize(0..<5), 5 * 4 + 9)
        XCTAssertEqual(buffer.slice(2..<3).columnValues, .byteArray([Array("abc".utf8)]))
        XCTAssertEqual(ColumnBuffer(.int64([1, 2, 3])).slice(1..<3), .int64([2, 3]))
    }
}
