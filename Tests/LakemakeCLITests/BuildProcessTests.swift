// Builds through the real binary: shell rules, the one-writer lock, and kills at random
// moments followed by a rebuild that must equal a clean build byte for byte.

import Foundation
import XCTest

final class BuildProcessTests: XCTestCase {
    func testShellRuleSubstitutionsAndFailure() throws {
        let lake = try TemporaryLake(rules: """
        rule words
          in   raw/{name}.txt
          out  processed/{name}.count
          run  sh wc -w < {in} | tr -d ' ' > {out}

        rule broken
          in   processed/{name}.count
          out  reports/{name}.txt
          run  sh test "$(cat {in1})" != 3 && cp {in} {out}
        """)
        defer { lake.remove() }
        try lake.write("raw/a.txt", "one two three\n")
        try lake.write("raw/b b.txt", "just two\n")
        let r = try lake.run("build", "-j", "2")
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertEqual(lake.read("processed/a.count"), "3\n")
        XCTAssertEqual(lake.read("processed/b b.count"), "2\n", "paths with spaces are quoted")
        XCTAssertEqual(lake.read("reports/b b.txt"), "2\n")
        XCTAssertNil(lake.read("reports/a.txt"), "the failing command publishes nothing")
        XCTAssertTrue(r.stdout.contains("failed     reports/a.txt — command exited with status 1"), r.stdout)
        // Failed targets are retried; the rest is up to date.
        let again = try lake.run("build", "--json")
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stdout.contains("\"reason\": \"previous_failure\""), again.stdout)
    }

    func testSecondBuildWaitsOrFailsWithNoWait() throws {
        // The first build's command holds until the test opens the gate, so the lock is held
        // exactly as long as the test needs, whatever the machine's speed.
        // The rules name files of this lake's own folder, so they are written once it exists.
        let lake = try TemporaryLake(rules: "")
        defer { lake.remove() }
        let gate = lake.root + "/gate"
        try lake.write("../rules/test.rules", """
            rule slow
              in   raw/{name}.txt
              out  processed/{name}.txt
              run  sh while [ ! -e \(gate) ]; do sleep 0.01; done; cp {in} {out}

            """)
        try lake.write("raw/a.txt", "a\n")
        let first = try lake.process(["build"])
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        // Wait until the first build holds the lock (its pid is in the lock file).
        var deadline = Date().addingTimeInterval(30)
        while Date() < deadline && (try? String(contentsOfFile: lake.lake + "/.lakemake/lock", encoding: .utf8))?.isEmpty ?? true {
            usleep(20_000)
        }
        let refused = try lake.run("build", "--no-wait")
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("another lakemake is building this lake (pid \(first.processIdentifier))"), refused.stderr)

        // A second build without --no-wait says it waits, and goes on once the first is done.
        let second = try lake.process(["build"])
        let secondErr = lake.root + "/second.err"
        XCTAssertTrue(FileManager.default.createFile(atPath: secondErr, contents: nil))
        second.standardError = FileHandle(forWritingAtPath: secondErr)
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !((try? String(contentsOfFile: secondErr, encoding: .utf8)) ?? "").contains("waiting for the build") {
            usleep(20_000)
        }
        XCTAssertTrue(second.isRunning, "the second build waits while the first holds the lock")
        XCTAssertTrue(FileManager.default.createFile(atPath: gate, contents: nil))
        first.waitUntilExit()
        second.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertEqual(second.terminationStatus, 0, (try? String(contentsOfFile: secondErr, encoding: .utf8)) ?? "")
        XCTAssertTrue(((try? String(contentsOfFile: secondErr, encoding: .utf8)) ?? "").contains("waiting for the build"))
        XCTAssertEqual(lake.read("processed/a.txt"), "a\n")
    }

    func testKilledBuildsRecoverToTheCleanResult() throws {
        let rules = """
        rule part
          in   raw/{day:date}_{n:\\d+}.txt
          out  processed/{day}/{n}.txt
          run  copy

        rule day
          in   processed/{day:date}/*.txt
          out  metrics/{day}.txt
          run  sh cat {in} > {out}
        """
        let clean = try TemporaryLake(rules: rules)
        let killed = try TemporaryLake(rules: rules)
        defer {
            clean.remove()
            killed.remove()
        }
        for day in 1...4 {
            for n in 0..<75 {
                let text = "day \(day) part \(n)\n" + String(repeating: "x", count: n * 13) + "\n"
                try clean.write("raw/2025-01-0\(day)_\(n).txt", text)
                try killed.write("raw/2025-01-0\(day)_\(n).txt", text)
            }
        }
        XCTAssertEqual(try clean.run("build").status, 0)
        let expected = clean.snapshot()
        XCTAssertEqual(expected.keys.filter { $0.hasPrefix("processed/") }.count, 300)

        var rng = UInt64(42)
        for round in 0..<6 {
            let p = try killed.process(["build", "-j", "2"])
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            usleep(useconds_t(20_000 + Int(rng >> 33) % 400_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // Every output present is complete: either absent or exactly the clean bytes.
            for (path, data) in killed.snapshot() where !path.hasPrefix("raw/") {
                XCTAssertEqual(data, expected[path], "round \(round): \(path) is a partial or wrong file")
            }
            if round % 2 == 1 {
                // Sometimes change a raw file between kills, as uploads keep landing.
                try killed.write("raw/2025-01-0\(round % 4 + 1)_7.txt", "day \(round % 4 + 1) part 7\n" + String(repeating: "x", count: 91) + "\n")
            }
        }
        let finish = try killed.run("build")
        XCTAssertEqual(finish.status, 0, finish.stdout + finish.stderr)
        XCTAssertEqual(killed.snapshot(), expected)
        let temps = (try? FileManager.default.contentsOfDirectory(atPath: killed.lake + "/.lakemake/tmp")) ?? []
        XCTAssertEqual(temps, [], "no temporary file survives")
        XCTAssertTrue(try killed.run("build").stdout.contains("0 built, 0 unchanged"))
    }
}

extension TemporaryLake {
    /// Every file under the lake except the catalog's folder, with its content.
    func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: lake) else { return result }
        while let p = e.nextObject() as? String {
            if p.hasPrefix(".lakemake") { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: lake + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                result[p] = FileManager.default.contents(atPath: lake + "/" + p)
            }
        }
        return result
    }

    /// A lakemake process in this project, not yet started.
    func process(_ arguments: [String]) throws -> Process { try Lakemake.process(arguments, in: root) }
}
