// What a killed build leaves must let the next builds decide correctly, deletions included
// (spec §5.5): each finished target is journaled with its outputs' `files` rows in one
// transaction, and outputs of recorded targets are found even where a row is missing.

import Foundation
import Glibc
import XCTest

final class KilledBuildTests: XCTestCase {
    private static let rules = """
        rule c
          in   raw/{n}.txt
          out  processed/{n}.txt
          run  sh sleep 1; cat {in} > {out}

        """

    /// Every file under `folder` with its content.
    private func files(_ lake: TemporaryLake, _ folder: String) -> [String: String] {
        var found: [String: String] = [:]
        let base = lake.lake + "/" + folder
        for p in (FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                found[p] = lake.read(folder + "/" + p)
            }
        }
        return found
    }

    func testOutputsOfTargetsFinishedBeforeASIGKILLAreDeletedWhenTheirInputGoes() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        for i in 1...4 { try lake.write("raw/f\(i).txt", "\(i)\n") }
        let build = try Lakemake.process(["build", "-j", "1"], in: lake.root)
        try build.run()
        // Two targets finished (f2 published), the third is running its `sleep`.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !lake.exists("processed/f2.txt") { usleep(10_000) }
        XCTAssertTrue(lake.exists("processed/f2.txt"), "the build reached its second target")
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        XCTAssertEqual(build.terminationReason, .uncaughtSignal)

        XCTAssertEqual(try lake.run("build").status, 0)
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/f1.txt")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("removed    processed/f1.txt"), r.stdout)
        XCTAssertFalse(lake.exists("processed/f1.txt"), "a deleted upload's output must go")
        let status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stdout)
        XCTAssertFalse(status.stdout.contains("unknown"), status.stdout)

        // And after that: edit, add and delete, then compare with a clean build of the same raw files.
        try lake.write("raw/f2.txt", "2 edited\n")
        try lake.write("raw/f5.txt", "5\n")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/f3.txt")
        XCTAssertEqual(try lake.run("build").status, 0)
        let clean = try TemporaryLake(rules: Self.rules)
        defer { clean.remove() }
        for (path, text) in files(lake, "raw") { try clean.write("raw/" + path, text) }
        XCTAssertEqual(try clean.run("build", "-j", "2").status, 0)
        XCTAssertEqual(files(lake, "processed"), files(clean, "processed"))
        XCTAssertEqual(files(lake, "processed"), ["f2.txt": "2 edited\n", "f4.txt": "4\n", "f5.txt": "5\n"])
        XCTAssertEqual(try lake.run("verify").status, 0)
    }

    /// SIGINT or SIGTERM: no target starts after it, the running shell command gets the signal
    /// (in its own process group, so only lakemake could forward it), what finished is
    /// recorded, one line says so, and the exit status is 128 + the signal.
    private func stop(with signal: Int32, status expected: Int32, name: String) throws {
        // The rules name files of this lake's own folder, so they are written once it exists.
        let lake = try TemporaryLake(rules: "")
        defer { lake.remove() }
        let gate = lake.root + "/gate", started = lake.root + "/started"
        try lake.write("../rules/test.rules", """
            rule c
              in   raw/{n}.txt
              out  processed/{n}.txt
              run  sh if grep -q slow {in} && [ -e \(gate) ]; then echo $$ > \(started); sleep 60; fi; cat {in} > {out}

            """)
        XCTAssertTrue(FileManager.default.createFile(atPath: gate, contents: nil))
        try lake.write("raw/a.txt", "fast a\n")
        try lake.write("raw/b.txt", "slow b\n")
        try lake.write("raw/c.txt", "fast c\n")
        let build = try Lakemake.process(["build", "-j", "1"], in: lake.root)
        let stderr = Pipe()
        build.standardError = stderr
        try build.run()
        let deadline = Date().addingTimeInterval(30)
        var group: pid_t = 0
        while Date() < deadline {
            if let text = try? String(contentsOfFile: started, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                group = pid
                break
            }
            usleep(10_000)
        }
        XCTAssertGreaterThan(group, 0, "the slow command started")
        kill(build.processIdentifier, signal)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        build.waitUntilExit()
        XCTAssertEqual(build.terminationStatus, expected, message)
        XCTAssertTrue(message.contains("stopped by \(name): 2 targets finished and recorded, 1 not started"), message)
        let alive = kill(-group, 0), reason = errno
        XCTAssertEqual(alive, -1, "no process of the command's group outlives lakemake")
        XCTAssertEqual(reason, ESRCH)
        XCTAssertEqual(lake.read("processed/a.txt"), "fast a\n", "what finished before the signal is published")
        XCTAssertFalse(lake.exists("processed/b.txt"))
        XCTAssertFalse(lake.exists("processed/c.txt"))

        // The next build takes up exactly what was left; then edits, additions and deletions
        // behave as on a lake that was never stopped.
        try FileManager.default.removeItem(atPath: gate)
        let next = try lake.run("build")
        XCTAssertEqual(next.status, 0, next.stdout + next.stderr)
        XCTAssertFalse(next.stdout.contains("processed/a.txt"), "a was recorded before the stop: " + next.stdout)
        try lake.write("raw/c.txt", "fast c edited\n")
        try lake.write("raw/d.txt", "fast d\n")
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/a.txt")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(files(lake, "processed"), ["b.txt": "slow b\n", "c.txt": "fast c edited\n", "d.txt": "fast d\n"])
        XCTAssertEqual(try lake.run("verify").status, 0)
        XCTAssertEqual(try lake.run("status").status, 0)
    }

    func testSIGINTStopsSchedulingForwardsToTheCommandAndRecordsWhatFinished() throws {
        try stop(with: SIGINT, status: 130, name: "SIGINT")
    }

    func testSIGTERMStopsSchedulingForwardsToTheCommandAndRecordsWhatFinished() throws {
        try stop(with: SIGTERM, status: 143, name: "SIGTERM")
    }

    func testAFailingCommandKeepsOnlyTheTailOfItsStandardErrorInTheCatalog() throws {
        let rules = """
            rule loud
              in   raw/{n}.txt
              out  processed/{n}.txt
              run  sh head -c 3000000 /dev/zero | tr '\\000' x >&2; echo last words >&2; exit 1

            """
        let lake = try TemporaryLake(rules: rules)
        defer { lake.remove() }
        try lake.write("raw/a.txt", "a\n")
        for _ in 0..<3 {
            let r = try lake.run("build")
            XCTAssertEqual(r.status, 1)
            XCTAssertTrue(r.stdout.contains("last words"), String(r.stdout.suffix(300)))
        }
        let status = try lake.run("status", "--json")
        XCTAssertTrue(status.stdout.contains("3000011 bytes on standard error; the last 65536 kept"), String(status.stdout.prefix(300)))
        let catalog = try FileManager.default.attributesOfItem(atPath: lake.lake + "/.lakemake/catalog.db")[.size] as? Int ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: lake.lake + "/.lakemake/catalog.db-wal")[.size] as? Int) ?? 0
        XCTAssertLessThan(catalog + wal, 2_000_000, "three retries of 3 MB of stderr must not reach the catalog whole")
    }
}
