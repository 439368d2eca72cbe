// A reduced run of the crash harness `bench/crash-test.sh` (the full one is `make crash-test`):
// a few SIGKILLs at random moments of full builds of small sales and flights lakes, each followed by a
// build that must equal a clean build, a clean `PRAGMA integrity_check`, no temporary file
// and a clean `verify`.

import Foundation
import XCTest

final class CrashHarnessTests: XCTestCase {
    func testKilledSalesAndFlightsBuildsRecover() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let checkers = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/usr/bin/python3", "/usr/local/bin/python3"]
        guard checkers.contains(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("neither the sqlite3 shell nor python3 is installed; the crash harness needs one for PRAGMA integrity_check")
        }
        let work = FileManager.default.temporaryDirectory.path + "/lakemake-crash-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.path + "/bench/crash-test.sh", "6", try Lakemake.binary(), "11"]
        var env = ProcessInfo.processInfo.environment
        env["CRASH_WORK"] = work
        env["CRASH_STORES"] = "3"
        env["CRASH_DAYS"] = "3"
        env["CRASH_PIPELINES"] = "sales flights"
        env["CRASH_HOURS"] = "2"
        env["CRASH_AIRCRAFT"] = "30"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("crash test: 6 kills over sales flights, 6 recovered, 0 failures"), text)
    }
}
