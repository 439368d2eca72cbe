import Foundation
import XCTest

/// Runs `lakemake watch` as a subprocess, drops files into raw/, and reads its summary lines.
final class WatchCommandTests: XCTestCase {
    /// Collects a child's stdout as it arrives.
    final class LineCollector: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func append(_ chunk: Data) { lock.lock(); data.append(chunk); lock.unlock() }

        var lines: [String] {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        /// Waits until there are at least `count` lines, or the deadline passes.
        func waitFor(_ count: Int, seconds: Double = 30) -> [String] {
            let deadline = Date().addingTimeInterval(seconds)
            while lines.count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return lines
        }
    }

    /// Starts `lakemake watch` in `lake`, its summary lines going to the collector returned.
    private func startWatch(_ lake: TemporaryLake) throws -> (Process, LineCollector) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Lakemake.binary())
        process.arguments = ["watch", "--quiet-period", "0.3", "-j", "1"]
        process.currentDirectoryURL = URL(fileURLWithPath: lake.root)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let collector = LineCollector()
        out.fileHandleForReading.readabilityHandler = { handle in collector.append(handle.availableData) }
        try process.run()
        return (process, collector)
    }

    func testBuildsOnceAfterABurstAndAgainAfterALaterFileThenStopsOnSIGINT() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/first.txt", "first\n")
        let (process, collector) = try startWatch(lake)
        defer { if process.isRunning { process.terminate() } }

        // Start-up build: the file that was already there (its copy and the report).
        XCTAssertEqual(collector.waitFor(1).first, "build 1: 2 built, 0 unchanged, 0 up to date")

        for i in 1...5 {
            try lake.write("raw/a/burst\(i).txt", "burst \(i)\n")
            Thread.sleep(forTimeInterval: 0.02)
        }
        // One build for the whole burst: five copies and the report, the first copy untouched.
        XCTAssertEqual(collector.waitFor(2).dropFirst().first, "build 2: 6 built, 0 unchanged, 1 up to date")

        try lake.write("raw/b/stray.bin", "x")   // unmatched, in a new folder: listed, never built
        try lake.write("raw/a/later.txt", "later\n")
        // Build numbers are consecutive, so "build 3" here also proves the burst gave one build only.
        XCTAssertEqual(collector.waitFor(3).dropFirst(2).first, "build 3: 2 built, 0 unchanged, 6 up to date")
        XCTAssertEqual(lake.read("processed/a/later.txt"), "later\n")

        // A build from outside while watch waits (an output deleted by hand, which watch does
        // not see) changes the stored plan that watch keeps decoded: its next build must start
        // from the plan as that build left it.
        try FileManager.default.removeItem(atPath: lake.lake + "/processed/a/later.txt")
        let outside = try lake.run("build", "-q")
        XCTAssertEqual(outside.status, 0, outside.stdout + outside.stderr)
        XCTAssertEqual(lake.read("processed/a/later.txt"), "later\n")

        // After the start-up build, builds stat only what inotify reported: a deletion and an
        // edit must still reach their outputs, and the lake must be what a walk finds up to date.
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/a/burst1.txt")
        try lake.write("raw/a/burst2.txt", "burst 2 edited\n")
        let fourth = collector.waitFor(4).dropFirst(3).first ?? ""
        XCTAssertTrue(fourth.hasPrefix("build 5: 2 built"), fourth)
        XCTAssertFalse(lake.exists("processed/a/burst1.txt"), "a file deleted while watching loses its output")
        XCTAssertEqual(lake.read("processed/a/burst2.txt"), "burst 2 edited\n")

        process.interrupt()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertFalse(process.isRunning, "watch did not stop on SIGINT")
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(collector.lines.count, 4, "\(collector.lines)")
        let after = try lake.run("build", "-n")
        XCTAssertEqual(after.status, 0, after.stdout + after.stderr)
        XCTAssertFalse(after.stdout.contains("would build"), "a walk finds nothing left to do: " + after.stdout)
    }

    /// A raw file renamed to the other Unicode spelling of its name while watch runs: the new
    /// name is built and the old name's output goes, as a build that walks would do it.
    func testARenameToTheOtherUnicodeSpellingLeavesOnlyTheNewNamesOutput() throws {
        let nfd = "cafe\u{301}", nfc = "caf\u{E9}"
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/\(nfd).txt", "same\n")
        let (process, collector) = try startWatch(lake)
        defer { if process.isRunning { process.terminate() } }
        XCTAssertEqual(collector.waitFor(1).first, "build 1: 2 built, 0 unchanged, 0 up to date")

        try FileManager.default.moveItem(atPath: lake.lake + "/raw/a/\(nfd).txt", toPath: lake.lake + "/raw/a/\(nfc).txt")
        let second = collector.waitFor(2).dropFirst().first ?? ""
        XCTAssertTrue(second.hasPrefix("build 2:") && second.contains("1 removed"), second)
        let outputs = try FileManager.default.contentsOfDirectory(atPath: lake.lake + "/processed/a").map { Array($0.utf8) }
        XCTAssertEqual(outputs, [Array("\(nfc).txt".utf8)])
        process.interrupt()
        process.waitUntilExit()
        let after = try lake.run("build", "-n")
        XCTAssertEqual(after.status, 0, after.stdout + after.stderr)
        XCTAssertTrue(after.stdout.contains("nothing to do"), after.stdout)
    }
}
