import Foundation
import XCTest
@testable import LakeFormats

/// Expected digests are the FIPS 180-2 / NIST CSRC example vectors, or the system `sha256sum`.
final class SHA256Tests: XCTestCase {
    private func hexHash(_ text: String) -> String {
        SHA256.hex(SHA256.hash(Array(text.utf8)))
    }

    func testEmptyMessage() {
        XCTAssertEqual(hexHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(hexHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func test448BitMessage() {
        XCTAssertEqual(
            hexHash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func test896BitMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(hexHash(message), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        let digest = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        XCTAssertEqual(SHA256.hex(digest), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testDigestIs32Bytes() {
        XCTAssertEqual(SHA256.hash([1, 2, 3]).count, SHA256.digestByteCount)
    }

    func testStreamingSplitAtEveryBoundaryMatchesOneShot() {
        let message = (0..<130).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let expected = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(message[0..<split])
            hasher.update(Array(message[split...]))
            XCTAssertEqual(hasher.finalize(), expected, "split at \(split)")
        }
    }

    func testStreamingOneByteAtATimeMatchesOneShot() {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0) }
        var hasher = SHA256()
        for byte in message { hasher.update([byte]) }
        XCTAssertEqual(hasher.finalize(), SHA256.hash(message))
    }

    func testPaddingBoundaryLengthsMatchSystemTool() throws {
        // Lengths around the 55/56/64-byte padding edges, checked against sha256sum.
        for length in [55, 56, 57, 63, 64, 65, 119, 120] {
            let bytes = [UInt8](repeating: 0x61, count: length)
            let url = try temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            XCTAssertEqual(SHA256.hex(SHA256.hash(bytes)), try systemSHA256(url), "length \(length)")
        }
    }

    /// The SHA-instruction and the portable compression give the same state for any blocks
    /// from any state (the digests above run on whichever this processor uses).
    func testSHAExtensionsAgreeWithThePortableLoop() throws {
        try XCTSkipUnless(SHA256.hasSHAExtensions, "this processor has no SHA extensions")
        var generator = SplitMix64(seed: 0xC0FFEE)
        for round in 0..<300 {
            let blocks = 1 + round % 17
            let bytes = (0..<blocks * 64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var start = SHA256.State()
            if round % 2 == 1 {
                start = SHA256.State(a: UInt32(truncatingIfNeeded: generator.next()), b: UInt32(truncatingIfNeeded: generator.next()),
                                     c: UInt32(truncatingIfNeeded: generator.next()), d: UInt32(truncatingIfNeeded: generator.next()),
                                     e: UInt32(truncatingIfNeeded: generator.next()), f: UInt32(truncatingIfNeeded: generator.next()),
                                     g: UInt32(truncatingIfNeeded: generator.next()), h: UInt32(truncatingIfNeeded: generator.next()))
            }
            var portable = start, extensions = start
            bytes.withUnsafeBytes { SHA256.compressPortably(&portable, blocks: $0) }
            bytes.withUnsafeBytes { SHA256.compressWithExtensions(&extensions, blocks: $0) }
            XCTAssertEqual([extensions.a, extensions.b, extensions.c, extensions.d, extensions.e, extensions.f, extensions.g, extensions.h],
                           [portable.a, portable.b, portable.c, portable.d, portable.e, portable.f, portable.g, portable.h], "round \(round)")
        }
    }

    func testHashFileMatchesSystemSha256sum() throws {
        var generator = SplitMix64(seed: 0x5EED)
        // Slightly over 1 MiB so the last chunk is partial.
        let bytes = (0..<(1 << 20) + 4097).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try SHA256.hashFile(atPath: url.path)
        XCTAssertEqual(result.size, Int64(bytes.count))
        XCTAssertEqual(result.digest, try systemSHA256(url))
    }

    /// The read buffer is the file's size, up to 1 MiB: sizes on each side of the block, the
    /// page and the chunk give the system's digest.
    func testHashFileOfEverySizeAroundTheBufferEdges() throws {
        var generator = SplitMix64(seed: 0xF11E)
        for count in [1, 63, 64, 65, 4095, 4096, 4097, 6000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 5] {
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let url = try temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            let result = try SHA256.hashFile(atPath: url.path)
            XCTAssertEqual(result.size, Int64(count))
            XCTAssertEqual(result.digest, try systemSHA256(url), "\(count) bytes")
        }
    }

    func testHashFileOfEmptyFile() throws {
        let url = try temporaryFile([])
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try SHA256.hashFile(atPath: url.path)
        XCTAssertEqual(result.size, 0)
        XCTAssertEqual(result.digest, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testHashFileMissingFileThrowsCannotOpen() {
        let path = NSTemporaryDirectory() + "lakeformats-missing-\(UUID().uuidString)"
        XCTAssertThrowsError(try SHA256.hashFile(atPath: path)) { error in
            guard case let .cannotOpen(reportedPath, code)? = error as? HashFileError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reportedPath, path)
            XCTAssertEqual(code, ENOENT)
        }
    }

    // MARK: - Test files and the system tool

    private func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("lakeformats-sha-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    private func systemSHA256(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let text = String(decoding: output, as: UTF8.self)
        return String(text.prefix(64))
    }
}

