// A build on a terminal, watched through a real pseudo-terminal (`script` from util-linux): each
// failure shows up while the build is still running, a progress line counts what was built,
// outcomes are coloured, and none of those escape codes appear with NO_COLOR, TERM=dumb or
// when the output is a pipe.

import Foundation
import Glibc
import XCTest

final class BuildConsoleTests: XCTestCase {
    /// `slow` waits until the file `go` appears in the lake (at most 30 s), so the build cannot
    /// end before the test says so; `broken` fails at once; `sales_parquet` rejects an upload
    /// that is not JSON; `copy` gives the build enough targets for a progress line.
    private static let rules = """
        rule slow
          in   raw/slow/{name}.txt
          out  processed/slow/{name}.txt
          run  sh i=0; while [ ! -f go ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; cat {in} > {out}

        rule broken
          in   raw/bad/{name}.txt
          out  processed/bad/{name}.txt
          run  sh echo cannot process {in} >&2; exit 3

        rule sales_parquet
          in   raw/sales/store_{store:\\d{4}}_{date:date}.json
          out  processed/sales/date={date}/store_id={store}/data.parquet
          run  sales.parquet

        rule copy
          in   raw/c/{name}.txt
          out  processed/c/{name}.txt
          run  copy

        """

    private func lake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: Self.rules)
        try lake.write("raw/slow/s.txt", "s\n")
        try lake.write("raw/bad/b.txt", "b\n")
        try lake.write("raw/sales/store_0002_2025-11-27.json", "[{\"sale_id\": ")
        for i in 1...9 { try lake.write("raw/c/f\(i).txt", "\(i)\n") }
        return lake
    }

    /// What the terminal showed so far, collected from `script`'s output as it arrives.
    private final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        func append(_ d: Data) { lock.lock(); bytes.append(d); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: bytes, as: UTF8.self) }
    }

    /// Starts `lakemake ARGS` in the lake's project folder on a pseudo-terminal.
    private func startOnTerminal(_ lake: TemporaryLake, _ args: [String], environment: [String: String]) throws -> (Process, Screen) {
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "cd \(quoted(lake.root)) && exec " + ([try Lakemake.binary()] + args).map(quoted).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LAKEMAKE_LAKE")
        env.removeValue(forKey: "LAKEMAKE_RULES")
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        let screen = Screen()
        out.fileHandleForReading.readabilityHandler = { handle in
            let d = handle.availableData
            if !d.isEmpty { screen.append(d) }
        }
        try process.run()
        return (process, screen)
    }

    /// Waits until `condition` holds, at most `seconds`.
    private func wait(_ seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Runs a build on a terminal: checks that the failure is on screen while `slow` still
    /// waits, then lets the build finish and returns everything the terminal showed.
    private func watchBuild(environment: [String: String]) throws -> String {
        let lake = try lake()
        defer { lake.remove() }
        let (process, screen) = try startOnTerminal(lake, ["build", "-j", "2"], environment: environment)
        defer { if process.isRunning { process.terminate() } }
        XCTAssertTrue(wait(30) { screen.text.contains("processed/bad/b.txt — ") }, "no failure line on the terminal:\n\(screen.text)")
        XCTAssertTrue(wait(30) { screen.text.contains("processed/sales/date=2025-11-27/store_id=0002/data.parquet — raw/sales/") },
                      "no rejection line on the terminal:\n\(screen.text)")
        XCTAssertTrue(process.isRunning, "the build must still be running when its failure is shown")
        XCTAssertFalse(screen.text.contains("build 1:"),
                       "the summary came first:\n\(screen.text)")
        XCTAssertFalse(lake.exists("processed/slow/s.txt"), "slow is still waiting")
        XCTAssertTrue(FileManager.default.createFile(atPath: lake.lake + "/go", contents: Data()))
        XCTAssertTrue(wait(60) { !process.isRunning }, "the build did not finish")
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, screen.text)
        XCTAssertTrue(wait(5) { screen.text.contains("build 1: ") }, screen.text)
        let text = screen.text
        XCTAssertTrue(text.contains("cannot process raw/bad/b.txt"), text)
        // The failure line printed live comes before the final report's line for it.
        let live = try XCTUnwrap(text.range(of: "processed/bad/b.txt — "))
        let summary = try XCTUnwrap(text.range(of: "build 1: "))
        XCTAssertLessThan(live.lowerBound, summary.lowerBound)
        return text
    }

    func testFailureIsPrintedTheMomentItHappensWithColourAndCounts() throws {
        let text = try watchBuild(environment: ["TERM": "xterm"])
        XCTAssertTrue(text.contains("\u{1B}[31mfailed\u{1B}[0m"), "failed in red:\n\(text)")
        XCTAssertTrue(text.contains("\u{1B}[32mbuilt\u{1B}[0m"), "built in green:\n\(text)")
        XCTAssertTrue(text.contains("\u{1B}[33mrejected\u{1B}[0m"), "rejected in yellow:\n\(text)")
        XCTAssertTrue(text.contains("[12/12] "), "a progress line with the target count:\n\(text)")
        XCTAssertTrue(text.contains("10 built"), "the progress line counts what was built:\n\(text)")
        XCTAssertTrue(text.contains("1 rejected"), "and what was rejected:\n\(text)")
    }

    func testNoEscapeCodesWithNoColour() throws {
        let text = try watchBuild(environment: ["TERM": "xterm", "NO_COLOR": "1"])
        XCTAssertFalse(text.contains("\u{1B}"), "escape codes with NO_COLOR:\n\(text.debugDescription)")
    }

    func testNoEscapeCodesOnADumbTerminal() throws {
        let text = try watchBuild(environment: ["TERM": "dumb"])
        XCTAssertFalse(text.contains("\u{1B}"), "escape codes with TERM=dumb:\n\(text.debugDescription)")
    }

    func testNoEscapeCodesAndNoLiveLinesInAPipe() throws {
        let lake = try lake()
        defer { lake.remove() }
        try lake.write("go", "")
        let r = try Lakemake.run(["build", "-j", "2"], in: lake.root, environment: ["NO_COLOR": "", "TERM": "xterm"])
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse((r.stdout + r.stderr).contains("\u{1B}"), (r.stdout + r.stderr).debugDescription)
        XCTAssertFalse(r.stderr.contains("processed/bad/b.txt"), "the failure is in the report on stdout only:\n\(r.stderr)")
        XCTAssertTrue(r.stdout.contains("  failed     processed/bad/b.txt — "), r.stdout)
    }
}
