// Resource faults through the real binary (spec §8): a disk that fills up mid-build, a
// read-only lake, and the lock of a build that was killed. The small filesystems are tmpfs
// mounts the test makes when it may (root, or CAP_SYS_ADMIN); otherwise the test is skipped
// with a message.

import Foundation
import Glibc
import LakeFormats
import XCTest

final class ResourceFaultTests: XCTestCase {
    /// A tmpfs of `kilobytes` at a fresh folder, or nil when mounting is not allowed here.
    func mountTmpfs(kilobytes: Int, options: String = "") throws -> String? {
        let point = FileManager.default.temporaryDirectory.path + "/lakemake-fault-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        let opts = "size=\(kilobytes)k" + (options.isEmpty ? "" : "," + options)
        guard command("/bin/mount", ["-t", "tmpfs", "-o", opts, "tmpfs", point]) == 0 else {
            try? FileManager.default.removeItem(atPath: point)
            return nil
        }
        return point
    }

    func unmount(_ point: String) {
        _ = command("/bin/umount", [point])
        try? FileManager.default.removeItem(atPath: point)
    }

    @discardableResult
    func command(_ tool: String, _ args: [String]) -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return -1 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Copies the project folder of `lake` (rules and lake, no build state) to `destination`.
    func copyProject(_ lake: TemporaryLake, to destination: String) throws {
        for item in ["rules", "lake"] {
            try FileManager.default.copyItem(atPath: lake.root + "/" + item, toPath: destination + "/" + item)
        }
    }

    func free(_ path: String) -> Int {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return 0 }
        return Int(s.f_bavail) * Int(s.f_frsize)
    }

    func testDiskFillingUpMidBuildFailsCleanlyAndTheNextBuildCompletes() throws {
        let clean = try HostileInputTests.salesSample()
        defer { clean.remove() }
        guard let mount = try mountTmpfs(kilobytes: 4096) else {
            throw XCTSkip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN); the full-disk test is skipped")
        }
        defer { unmount(mount) }
        try copyProject(clean, to: mount)
        let cleanBuild = try clean.run("build", "-j", "2", "-q")
        XCTAssertEqual(cleanBuild.status, 0, cleanBuild.stderr)
        var outputs: [String: Data] = [:]
        for folder in ["processed", "metrics", "reports"] { outputs.merge(LakeTree.snapshot(clean.lake, under: folder)) { a, _ in a } }
        let outputBytes = outputs.values.reduce(0) { $0 + $1.count }

        // Leave room for the catalog and about half of the outputs, so the disk fills mid-build.
        // A new catalog takes about 280 KB while it is created (its tables and indexes, and the
        // write-ahead log of the migrations that create them).
        let ballast = mount + "/ballast"
        let room = 320 * 1024 + outputBytes / 2
        let fill = free(mount) - room
        XCTAssertGreaterThan(fill, 0)
        try Data(count: fill).write(to: URL(fileURLWithPath: ballast))

        let full = try Lakemake.run(["build", "-j", "2"], in: mount)
        XCTAssertNotEqual(full.status, 0, "a full disk is a failure")
        let said = full.stdout + full.stderr
        XCTAssertTrue(said.contains("no space left on device") || said.contains("database or disk is full"), said)
        if said.contains("database or disk is full") {
            XCTAssertTrue(said.contains("free some space"), "the hint says what to do, not to move the catalog: \(said)")
        }
        XCTAssertFalse(full.stderr.contains("Fatal error"), full.stderr)
        XCTAssertFalse(LakeTree.snapshot(mount + "/lake", under: "processed").isEmpty,
                       "the disk filled mid-build, after the catalog was created and some outputs written: \(said)")
        // No partial output: whatever is in place is either the file a clean build makes or a
        // complete document (an aggregate built without its failed members, spec §5.6).
        for folder in ["processed", "metrics", "reports"] {
            for (path, bytes) in LakeTree.snapshot(mount + "/lake", under: folder) where outputs[path] != bytes {
                XCTAssertNotNil(outputs[path], "\(path) is not an output of the rules")
                XCTAssertTrue(try isComplete(path, bytes, lakeRoot: mount), "\(path) is partial")
            }
        }

        try FileManager.default.removeItem(atPath: ballast)
        let next = try Lakemake.run(["build", "-j", "2"], in: mount)
        XCTAssertEqual(next.status, 0, next.stdout + next.stderr)
        for folder in ["processed", "metrics", "reports"] {
            XCTAssertEqual(LakeTree.snapshot(mount + "/lake", under: folder), LakeTree.snapshot(clean.lake, under: folder),
                           "after space is freed the lake equals a clean build")
        }
        XCTAssertEqual(LakeTree.snapshot(mount + "/lake", under: ".lakemake/tmp").count, 0, "no temporary file is left")
        let verify = try Lakemake.run(["verify"], in: mount)
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    /// Whether an output file is a whole document of its kind: JSON that parses, NDJSON whose
    /// every line parses, Parquet our `parquet meta` command opens, a report with its last line.
    func isComplete(_ path: String, _ bytes: Data, lakeRoot: String) throws -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        if path.hasSuffix(".ndjson") {
            return text.split(separator: "\n").allSatisfy { (try? JSONValue.parse(Array($0.utf8))) != nil }
                && (text.isEmpty || text.hasSuffix("\n"))
        }
        if path.hasSuffix(".json") { return (try? JSONValue.parse(Array(bytes))) != nil }
        if path.hasSuffix(".parquet") { return try Lakemake.run(["parquet", "meta", "lake/" + path], in: lakeRoot).status == 0 }
        if path.hasSuffix(".html") { return text.hasSuffix("</html>\n") }
        return text.hasSuffix("\n")
    }

    func testReadOnlyLakeGivesAClearError() throws {
        let lake = try HostileInputTests.salesSample()
        defer { lake.remove() }
        guard let mount = try mountTmpfs(kilobytes: 8192) else {
            throw XCTSkip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); the read-only lake test is skipped")
        }
        defer { unmount(mount) }
        try copyProject(lake, to: mount)
        // Root ignores file modes, so the lake is made read-only by remounting it.
        XCTAssertEqual(command("/bin/mount", ["-o", "remount,ro", mount]), 0)
        let before = LakeTree.snapshot(mount, under: "lake")
        let r = try Lakemake.run(["build"], in: mount)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("lakemake: error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("read-only file system"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        XCTAssertEqual(LakeTree.snapshot(mount, under: "lake"), before)
    }

    func testLockOfAKilledBuildIsNotStale() throws {
        let lake = try TemporaryLake(rules: """
        rule slow
          in   raw/{name}.txt
          out  processed/{name}.txt
          run  sh sleep 30
        """)
        defer { lake.remove() }
        try lake.write("raw/a.txt", "a\n")
        let first = try Lakemake.process(["build"], in: lake.root)
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        let lockFile = lake.lake + "/.lakemake/lock"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && ((try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? "").isEmpty { usleep(20_000) }
        XCTAssertEqual(try String(contentsOfFile: lockFile, encoding: .utf8), "\(first.processIdentifier)\n")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        // The pid is still written in the lock file, but the holder is dead: no wait, no refusal.
        XCTAssertEqual(try String(contentsOfFile: lockFile, encoding: .utf8), "\(first.processIdentifier)\n")
        try lake.write("../rules/test.rules", "rule quick\n  in   raw/{name}.txt\n  out  processed/{name}.txt\n  run  copy\n")
        let next = try lake.run("build", "--no-wait")
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertFalse(next.stderr.contains("another lakemake"), next.stderr)
        XCTAssertEqual(lake.read("processed/a.txt"), "a\n")
    }

    func testLockFileLeftByAnotherMachineStateIsNotStale() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/x.txt", "x\n")
        // A lock file naming a pid that does not exist (as after a reboot).
        try lake.write(".lakemake/lock", "999999\n")
        let r = try lake.run("build", "--no-wait")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(lake.read("reports/all.txt"), "x\n")
    }
}
