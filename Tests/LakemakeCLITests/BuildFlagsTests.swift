// Flags people type by habit (make, ninja, Snakemake, dvc): each one does what its name says
// there, with the exit status to match.

import Foundation
import XCTest

final class BuildFlagsTests: XCTestCase {
    /// raw/d/PART/x.txt → processed/d/PART/x.txt, and a command that fails for raw/bad/.
    private static let rules = """
        rule copy_d
          in   raw/d/{part}/x.txt
          out  processed/d/{part}/x.txt
          run  sh cat {in} > {out}

        rule broken
          in   raw/bad/{name}.txt
          out  processed/bad/{name}.txt
          run  sh echo cannot process >&2; exit 3

        """

    private static let days = ["date=2025-11-2", "date=2025-11-20", "date=2025-11-29"]

    private func daysLake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: Self.rules)
        for d in Self.days { try lake.write("raw/d/\(d)/x.txt", d + "\n") }
        return lake
    }

    func testDryRunLongNameEqualsDashN() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        let short = try lake.run("build", "-n")
        let long = try lake.run("build", "--dry-run")
        XCTAssertEqual(short.status, 0, short.stderr)
        XCTAssertEqual(long.stdout, short.stdout)
        XCTAssertEqual(long.lines.last, "3 targets would be rebuilt")
    }

    /// After a raw file goes, `build -n` names the output the build will delete (it said
    /// "nothing to do"), and deletes nothing.
    func testDryRunSaysWhichOutputsTheBuildWouldRemove() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("build").status, 0)
        try FileManager.default.removeItem(atPath: lake.lake + "/raw/d/date=2025-11-20/x.txt")
        let plan = try lake.run("build", "-n")
        XCTAssertEqual(plan.status, 0, plan.stderr)
        XCTAssertEqual(plan.lines, ["  would remove processed/d/date=2025-11-20/x.txt", "1 output would be removed"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: lake.lake + "/processed/d/date=2025-11-20/x.txt"))
        XCTAssertTrue(try lake.run("build").lines.contains("  removed    processed/d/date=2025-11-20/x.txt"))
    }

    func testBuildPrefixMatchesWholeSegments() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        let one = try lake.run("build", "processed/d/date=2025-11-2")
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(one.lines.filter { $0.hasPrefix("  built") }, ["  built      processed/d/date=2025-11-2/x.txt — new target"])
        XCTAssertFalse(lake.exists("processed/d/date=2025-11-20/x.txt"), "day 20 is not under day 2")

        let file = try lake.run("build", "processed/d/date=2025-11-20/x.txt")
        XCTAssertEqual(file.lines.filter { $0.hasPrefix("  built") }, ["  built      processed/d/date=2025-11-20/x.txt — new target"])
        let folder = try lake.run("build", "processed/d/")
        XCTAssertEqual(folder.lines.filter { $0.hasPrefix("  built") }, ["  built      processed/d/date=2025-11-29/x.txt — new target"])
    }

    func testCleanPrefixMatchesWholeSegments() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("build", "processed/d/").status, 0)
        let preview = try lake.run("clean", "-n", "processed/d/date=2025-11-2")
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertEqual(preview.lines, ["would remove  processed/d/date=2025-11-2/x.txt", "would remove 1 file of 1 target"])
        XCTAssertTrue(lake.exists("processed/d/date=2025-11-2/x.txt"), "-n changes nothing")

        let clean = try lake.run("clean", "processed/d/date=2025-11-2")
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertFalse(lake.exists("processed/d/date=2025-11-2/x.txt"))
        XCTAssertTrue(lake.exists("processed/d/date=2025-11-20/x.txt"))
        XCTAssertTrue(lake.exists("processed/d/date=2025-11-29/x.txt"))
    }

    func testCleanJSON() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("build", "processed/d/").status, 0)
        try lake.write("processed/d/date=2025-11-29/x.txt", "edited\n")
        let preview = try lake.run("clean", "processed/d/", "-n", "--json")
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertEqual(preview.stdout, """
            {
              "dry_run": true,
              "removed": [
                "processed/d/date=2025-11-2/x.txt",
                "processed/d/date=2025-11-20/x.txt"
              ],
              "kept": [
                {
                  "path": "processed/d/date=2025-11-29/x.txt",
                  "reason": "changed outside lakemake"
                }
              ],
              "targets": 3
            }

            """)
        XCTAssertTrue(lake.exists("processed/d/date=2025-11-2/x.txt"))
        let clean = try lake.run("clean", "processed/d/", "--json")
        XCTAssertTrue(clean.stdout.contains("\"dry_run\": false"), clean.stdout)
        XCTAssertFalse(lake.exists("processed/d/date=2025-11-2/x.txt"))
    }

    func testKeepGoingIsTheDefaultAndFailFastStopsAtTheFirstFailure() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        try lake.write("raw/bad/a.txt", "a\n")
        for d in Self.days { try lake.write("raw/d/\(d)/x.txt", d + "\n") }
        let keepGoing = try lake.run("build", "-k", "-j", "1")
        XCTAssertEqual(keepGoing.status, 1, keepGoing.stderr)
        XCTAssertTrue(keepGoing.stdout.contains("  failed     processed/bad/a.txt"), keepGoing.stdout)
        XCTAssertEqual(keepGoing.lines.filter { $0.hasPrefix("  built") }.count, 3, keepGoing.stdout)

        let both = try lake.run("build", "-k", "--fail-fast")
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("contradict"), both.stderr)
    }

    func testFailFastStartsNoTargetAfterAFailure() throws {
        // Every target of this lake fails; with -j 1 and --fail-fast only the first runs.
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        for name in ["a", "b", "c"] { try lake.write("raw/bad/\(name).txt", name + "\n") }
        let fast = try lake.run("build", "--fail-fast", "-j", "1")
        XCTAssertEqual(fast.status, 1, fast.stderr)
        XCTAssertEqual(fast.lines.filter { $0.hasPrefix("  failed") }.count, 1, fast.stdout)
        XCTAssertTrue(fast.stderr.contains("stopped at the first failure (--fail-fast): 2 targets not started"), fast.stderr)

        let all = try lake.run("build", "-j", "1")
        XCTAssertEqual(all.status, 1)
        XCTAssertEqual(all.lines.filter { $0.hasPrefix("  failed") }.count, 3, "the targets not started are taken up next time")
    }

    func testAlwaysMakeAndForceRebuildTargetsWhoseKeyDidNotChange() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(try lake.run("build").lines.filter { $0.hasPrefix("  ") }, [], "nothing to do without a force")

        let forced = try lake.run("build", "--force", "processed/d/date=2025-11-2")
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(forced.lines.filter { $0.hasPrefix("  ") },
                       ["  unchanged  processed/d/date=2025-11-2/x.txt — forced (-B or --force)"])

        let plan = try lake.run("build", "-n", "-B")
        XCTAssertEqual(plan.lines.last, "3 targets would be rebuilt")
        XCTAssertTrue(plan.lines.contains("  would build processed/d/date=2025-11-29/x.txt — forced (-B or --force)"), plan.stdout)

        let always = try lake.run("build", "--always-make")
        XCTAssertEqual(always.status, 0, always.stderr)
        XCTAssertEqual(always.lines.filter { $0.contains("forced") }.count, 3, always.stdout)
        XCTAssertEqual(try lake.run("build").lines.filter { $0.hasPrefix("  ") }, [], "forcing changes no key")
    }

    func testVerbosePrintsEachShellCommand() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        let quiet = try lake.run("build", "processed/d/date=2025-11-2")
        XCTAssertFalse(quiet.stderr.contains("cat raw/d/"), quiet.stderr)
        let verbose = try lake.run("build", "-v", "processed/d/date=2025-11-20")
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        let commands = verbose.stderr.split(separator: "\n").filter { $0.contains(": cat ") }
        XCTAssertEqual(commands.count, 1, verbose.stderr)
        XCTAssertTrue(commands[0].hasPrefix("  run        processed/d/date=2025-11-20/x.txt: cat raw/d/date=2025-11-20/x.txt > "),
                      String(commands[0]))
    }

    func testStatusQuietExitsOneWhileAnythingIsStale() throws {
        let lake = try daysLake()
        defer { lake.remove() }
        let stale = try lake.run("status", "-q")
        XCTAssertEqual(stale.status, 1)
        XCTAssertEqual(stale.stdout + stale.stderr, "", "-q prints nothing, also on a never-built lake")
        XCTAssertEqual(try lake.run("status").status, 0, "without -q staleness alone is not an error")
        XCTAssertEqual(try lake.run("build").status, 0)
        let clean = try lake.run("status", "--quiet")
        XCTAssertEqual(clean.status, 0)
        XCTAssertEqual(clean.stdout + clean.stderr, "")
        try lake.write("raw/d/date=2025-11-2/x.txt", "changed\n")
        XCTAssertEqual(try lake.run("status", "-q").status, 1)
    }

    func testLineageJSONFlagIsTheJSONFormatWithEveryFormatsData() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "hello\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        let flag = try lake.run("lineage", "reports/all.txt", "--json")
        let format = try lake.run("lineage", "reports/all.txt", "--format", "json")
        XCTAssertEqual(flag.status, 0, flag.stderr)
        XCTAssertEqual(flag.stdout, format.stdout)
        // What the tree shows (kind) and what OpenLineage shows (the run and its times) are there too.
        XCTAssertTrue(flag.stdout.contains("\"kind\": \"derived\""), flag.stdout)
        XCTAssertTrue(flag.stdout.contains("\"kind\": \"raw\""), flag.stdout)
        let events = try lake.run("lineage", "reports/all.txt", "--format", "openlineage")
        let runID = try XCTUnwrap(events.lines.first.flatMap { line in
            line.range(of: "\"runId\":\"").map { String(line[$0.upperBound...].prefix(36)) }
        }, events.stdout)
        XCTAssertTrue(flag.stdout.contains("\"id\": \"\(runID)\""), flag.stdout)
        XCTAssertTrue(flag.stdout.contains("\"started_at\": \"20"), flag.stdout)

        let clash = try lake.run("lineage", "reports/all.txt", "--json", "--format", "dot")
        XCTAssertEqual(clash.status, 2)
    }

    func testRetryFailedSaysWhatItRetries() throws {
        let help = try Lakemake.run(["build", "--help"], in: NSTemporaryDirectory())
        let page = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(page.contains("--retry-failed Also retry standing rejections"), help.stdout)
        XCTAssertTrue(page.contains("failed targets are retried on every build anyway"), help.stdout)
    }
}
