// `lakemake graph`: the rule graph with target and stale counts, as DOT, Mermaid and JSON.

import Catalog
import Foundation
import XCTest

final class GraphCommandTests: XCTestCase {
    /// `graph` counts from the stored plan (the dry run `build -n` makes, counting each rule's
    /// targets in the plan) or, with the stored plan gone, planned in full: the same drawing,
    /// byte for byte, as built and with new, changed and deleted files (rejected uploads too).
    func testTheGraphFromTheStoredPlanIsTheGraphPlannedInFull() throws {
        let lake = try StatusCommandTests.makeLakeWithBadFiles(sales: true)
        defer { lake.remove() }
        _ = try lake.run("build")
        func drawings() throws -> [String] {
            try [lake.run("graph", "--json"), lake.run("graph", "--format", "mermaid")].map { "\($0.status) \($0.stdout)\($0.stderr)" }
        }
        func assertSameInFull(_ fromPlan: [String], file: StaticString = #filePath, line: UInt = #line) throws {
            try Catalog.open(path: lake.lake + "/.lakemake/catalog.db").clearStoredPlan()
            XCTAssertEqual(try drawings(), fromPlan, file: file, line: line)
            _ = try lake.run("build")
        }
        let asBuilt = try drawings()
        XCTAssertTrue(asBuilt[0].contains("\"targets\":"), asBuilt[0])
        try assertSameInFull(asBuilt)

        try StatusCommandTests.changeLakeWithBadFiles(lake)
        let changed = try drawings()
        XCTAssertNotEqual(changed, asBuilt)
        try assertSameInFull(changed)
    }

    func testDrawsRulesWithTargetAndStaleCounts() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        try lake.write("raw/a/one.txt", "1\n")
        try lake.write("raw/a/two.txt", "2\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        try lake.write("raw/a/two.txt", "changed\n")

        let dot = try lake.run("graph")
        XCTAssertEqual(dot.status, 0, dot.stderr)
        XCTAssertEqual(dot.stdout, """
            digraph rules {
              rankdir=LR;
              node [shape=box, fontname="monospace"];
              "copy_a" [label="copy_a\\n2 targets, 1 stale", style=filled, fillcolor="#ffe3b3"];
              "all" [label="all\\n1 target, 1 stale", style=filled, fillcolor="#ffe3b3"];
              "copy_a" -> "all";
            }

            """)

        let mermaid = try lake.run("graph", "--format", "mermaid")
        XCTAssertEqual(mermaid.status, 0, mermaid.stderr)
        XCTAssertEqual(mermaid.stdout, """
            flowchart LR
              r0["copy_a<br/>2 targets, 1 stale"]
              r1["all<br/>1 target, 1 stale"]
              r0 --> r1
              classDef stale fill:#ffe3b3
              class r0,r1 stale

            """)

        XCTAssertEqual(try lake.run("build").status, 0)
        let json = try lake.run("graph", "--json")
        XCTAssertEqual(json.stdout, """
            {
              "rules": [
                {
                  "name": "copy_a",
                  "targets": 2,
                  "stale": 0,
                  "consumers": [
                    "all"
                  ]
                },
                {
                  "name": "all",
                  "targets": 1,
                  "stale": 0,
                  "consumers": []
                }
              ]
            }

            """)
    }

    func testWorksOnANeverBuiltLakeAndDrawsRulesWithoutTargets() throws {
        let lake = try TemporaryLake()
        defer { lake.remove() }
        let dot = try lake.run("graph")
        XCTAssertEqual(dot.status, 0, dot.stderr)
        XCTAssertTrue(dot.stdout.contains("\"copy_a\" [label=\"copy_a\\n0 targets, 0 stale\"];"), dot.stdout)
        XCTAssertTrue(dot.stdout.contains("\"copy_a\" -> \"all\";"), dot.stdout)
        try lake.write("raw/a/one.txt", "1\n")
        let mermaid = try lake.run("graph", "--format", "mermaid")
        XCTAssertTrue(mermaid.stdout.contains("r0[\"copy_a<br/>1 target, 1 stale\"]"), mermaid.stdout)
        XCTAssertFalse(lake.exists(".lakemake"))
    }
}
