// A lake that was never built (a fresh `init`, a clone) answers every reading command with what
// it can show and a note that it has not been built, exits 0, and gets no catalog created by
// reading. The project is found from any folder below it, or from `-C DIR`.

import Foundation
import XCTest

final class FirstContactTests: XCTestCase {
    private static let note = "this lake has not been built yet"

    /// A fresh `lakemake init` project in a temporary folder.
    private func initialised() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: nil)
        let r = try lake.run("init", ".")
        XCTAssertEqual(r.status, 0, r.stderr)
        return lake
    }

    func testDryRunOnANeverBuiltLakePrintsThePlanAndCreatesNothing() throws {
        let lake = try initialised()
        defer { lake.remove() }
        let plan = try lake.run("build", "-n")
        XCTAssertEqual(plan.status, 0, plan.stderr)
        XCTAssertEqual(plan.lines, ["  would build processed/example/hello.txt — new target", "1 target would be rebuilt"])
        XCTAssertTrue(plan.stderr.contains(Self.note), plan.stderr)
        let json = try lake.run("build", "--dry-run", "--json")
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertTrue(json.stdout.contains("\"outcome\": \"would_build\""), json.stdout)
        XCTAssertFalse(lake.exists(".lakemake"), "a dry run must not create the catalog")
        // And the real build still works afterwards.
        let build = try lake.run("build")
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(lake.read("processed/example/hello.txt"), "hello, lake\n")
    }

    func testReadingCommandsOnANeverBuiltLakeSaySoAndExitZero() throws {
        let lake = try initialised()
        defer { lake.remove() }
        let status = try lake.run("status")
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stderr.contains(Self.note), status.stderr)
        XCTAssertEqual(status.lines, ["changed inputs (1):", "  new       raw/example/hello.txt",
                                      "stale targets (1):", "  processed/example/hello.txt — new target"])
        let statusJSON = try lake.run("status", "--json")
        XCTAssertEqual(statusJSON.status, 0, statusJSON.stderr)
        XCTAssertTrue(statusJSON.stdout.contains("\"never_built\": true"), statusJSON.stdout)

        let explain = try lake.run("explain", "processed/example/hello.txt")
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertEqual(explain.lines, ["processed/example/hello.txt (rule example_copy)", "would be rebuilt now:", "  new target"])

        let files = try lake.run("files")
        XCTAssertEqual(files.status, 0, files.stderr)
        XCTAssertEqual(files.stdout, "")
        XCTAssertTrue(files.stderr.contains(Self.note), files.stderr)

        let log = try lake.run("log")
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertEqual(log.lines, ["no builds yet"])

        let verify = try lake.run("verify")
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertEqual(verify.lines, ["new since the last build (not damage): raw/example/hello.txt", "verified 0 outputs: all intact"])
        XCTAssertTrue(verify.stderr.contains(Self.note), verify.stderr)

        let clean = try lake.run("clean")
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertEqual(clean.lines, ["would remove 0 files of 0 targets"])
        XCTAssertTrue(clean.stderr.contains(Self.note), clean.stderr)

        XCTAssertFalse(lake.exists(".lakemake"), "reading commands must not create the catalog")
    }

    func testTheProjectIsFoundFromAFolderInsideTheLake() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        try lake.write("raw/a/two.txt", "two\n")
        let inside = lake.lake + "/processed/a"

        let status = try Lakemake.run(["status"], in: inside)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.lines.contains("  new       raw/a/two.txt"), status.stdout)

        // A path given from inside the lake means the file there.
        let explain = try Lakemake.run(["explain", "one.txt"], in: inside)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertEqual(explain.lines.first, "processed/a/one.txt (rule copy_a)")

        // A prefix given from inside the lake is taken from there, even for an output not built yet.
        let build = try Lakemake.run(["build", "two.txt"], in: inside)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.lines.filter { $0.hasPrefix("  ") }, ["  built      processed/a/two.txt — new target"])
        // A path naming one of the lake's folders stays lake-relative from anywhere.
        let clean = try Lakemake.run(["clean", "-n", "processed/a/one.txt"], in: inside)
        XCTAssertEqual(clean.lines, ["would remove  processed/a/one.txt", "would remove 1 file of 1 target"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: inside + "/lake"), "nothing is created where the command ran")
    }

    func testDashCRunsAsIfStartedInDir() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        let elsewhere = NSTemporaryDirectory()
        let build = try Lakemake.run(["-C", lake.root, "build"], in: elsewhere)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(lake.read("processed/a/one.txt"), "hello\n")
        // After the command, too, and from a folder inside the project.
        let status = try Lakemake.run(["status", "-C", lake.lake + "/raw"], in: elsewhere)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertEqual(status.lines, ["everything is up to date"])

        let missing = try Lakemake.run(["-C", lake.root + "/nowhere", "status"], in: elsewhere)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("-C \(lake.root)/nowhere: cannot change to this folder"), missing.stderr)
    }
}
