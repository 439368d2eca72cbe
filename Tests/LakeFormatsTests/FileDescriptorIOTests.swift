import Foundation
import Glibc
import LakeFormats
import XCTest

final class FileDescriptorIOTests: XCTestCase {
    func testWritesEverythingAndReadsAtAnOffset() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fdio-\(UUID().uuidString)").path
        defer { unlink(path) }
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        // Larger than a pipe's or a page's worth, in two writes.
        let first = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }, second: [UInt8] = [1, 2, 3]
        XCTAssertNil(FileDescriptorIO.writeAll(fd, first))
        XCTAssertNil(FileDescriptorIO.writeAll(fd, second))
        XCTAssertNil(FileDescriptorIO.writeAll(fd, []))
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(first + second))
        XCTAssertEqual(FileDescriptorIO.read(fd, offset: 0, count: first.count), first)
        XCTAssertEqual(FileDescriptorIO.read(fd, offset: first.count, count: 3), second)
        XCTAssertEqual(FileDescriptorIO.read(fd, offset: 5, count: 0), [])
        XCTAssertNil(FileDescriptorIO.read(fd, offset: first.count, count: 4), "the file ends first")
        XCTAssertNil(FileDescriptorIO.read(fd, offset: -1, count: 1))
    }

    func testAFailureGivesItsErrno() {
        XCTAssertEqual(FileDescriptorIO.writeAll(-1, [1]), EBADF)
        XCTAssertNil(FileDescriptorIO.read(-1, offset: 0, count: 1))
    }
}
