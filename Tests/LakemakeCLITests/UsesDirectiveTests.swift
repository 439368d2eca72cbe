// `uses`: a script a rule's command runs is an input of every target of that rule. Editing it
// rebuilds exactly those targets, `build -n` and `explain` say why, lineage shows it, and a
// missing one fails the targets naming it.

import Foundation
import XCTest

final class UsesDirectiveTests: XCTestCase {
    static let rules = """
        rule shout
          in   raw/{n}.txt
          out  processed/{n}.txt
          uses scripts/shout.sh
          run  sh sh ../scripts/shout.sh {in} > {out}

        rule copy_raw
          in   raw/{n}.txt
          out  metrics/{n}.txt
          run  copy

        """

    func testEditingAUsedScriptRebuildsExactlyItsRulesTargets() throws {
        let lake = try TemporaryLake(rules: Self.rules)
        defer { lake.remove() }
        try FileManager.default.createDirectory(atPath: lake.root + "/scripts", withIntermediateDirectories: true)
        try "tr a-z A-Z < \"$1\"\n".write(toFile: lake.root + "/scripts/shout.sh", atomically: true, encoding: .utf8)
        try lake.write("raw/a.txt", "alpha\n")
        try lake.write("raw/b.txt", "beta\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        XCTAssertEqual(lake.read("processed/a.txt"), "ALPHA\n")
        XCTAssertEqual(try lake.run("build", "--json").stdout.contains("\"built\": 0"), true, "a no-op")

        try "tr a-z A-Z < \"$1\" | rev\n".write(toFile: lake.root + "/scripts/shout.sh", atomically: true, encoding: .utf8)
        let plan = try lake.run("build", "-n")
        XCTAssertTrue(plan.stdout.contains("would build processed/a.txt — input changed: ../scripts/shout.sh"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("would build processed/b.txt — input changed: ../scripts/shout.sh"), plan.stdout)
        XCTAssertFalse(plan.stdout.contains("metrics/"), "the other rule does not use the script: \(plan.stdout)")
        let rebuilt = try lake.run("build")
        XCTAssertEqual(rebuilt.status, 0)
        XCTAssertTrue(rebuilt.stdout.contains("2 built"), rebuilt.stdout)
        XCTAssertEqual(lake.read("processed/a.txt"), "AHPLA\n")

        let explain = try lake.run("explain", "processed/a.txt")
        XCTAssertTrue(explain.stdout.contains("../scripts/shout.sh"), explain.stdout)
        let lineage = try lake.run("lineage", "processed/a.txt")
        XCTAssertTrue(lineage.stdout.contains("../scripts/shout.sh") && lineage.stdout.contains("used by the rule"), lineage.stdout)
        XCTAssertTrue(try lake.run("build").stdout.contains("0 built"), "no-op again")

        try FileManager.default.removeItem(atPath: lake.root + "/scripts/shout.sh")
        let missing = try lake.run("build")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stdout.contains("uses scripts/shout.sh: no such file in the project folder"), missing.stdout)
        XCTAssertEqual(lake.read("metrics/a.txt"), "alpha\n", "the other rule is untouched")
    }
}
