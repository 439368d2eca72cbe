import XCTest
@testable import Parquet

/// The Encodings.md example "axis", "axle", "babble", "babyhood", encoded by hand.
final class DeltaByteArrayDecoderTests: XCTestCase {
    // prefixes 0,2,0,3: first 0, deltas 2,-2,3, min -2 (zz 3), relative 4,0,5 at width 3 → 44 01 + 10 zeros.
    private let prefixes: [UInt8] = [0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x44, 0x01]
        + [UInt8](repeating: 0, count: 10)
    // suffix lengths 4,2,6,5: first 4 (zz 8), deltas -2,4,-1, min -2, relative 0,6,1 at width 3 → 70 00 + 10 zeros.
    private let suffixLengths: [UInt8] = [0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00, 0x70, 0x00]
        + [UInt8](repeating: 0, count: 10)

    func testDeltaByteArray() throws {
        let bytes = prefixes + suffixLengths + Array("axislebabbleyhood".utf8)
        let values = try DecoderTestSupport.decode(bytes, .deltaByteArray, .byteArray, count: 4)
        XCTAssertEqual(values, .byteArray(["axis", "axle", "babble", "babyhood"].map { Array($0.utf8) }))
    }

    func testDeltaLengthByteArray() throws {
        let bytes = suffixLengths + Array("axislebabbleyhood".utf8)
        let values = try DecoderTestSupport.decode(bytes, .deltaLengthByteArray, .byteArray, count: 4)
        XCTAssertEqual(values, .byteArray(["axis", "le", "babble", "yhood"].map { Array($0.utf8) }))
    }

    func testPrefixLongerThanPreviousValueIsRejected() {
        // prefixes start at 5 with an empty previous value.
        var badPrefixes = prefixes
        badPrefixes[4] = 0x0A
        XCTAssertThrowsError(try DecoderTestSupport.decode(
            badPrefixes + suffixLengths + Array("axislebabbleyhood".utf8), .deltaByteArray, .byteArray, count: 4))
    }
}
