import Foundation
import XCTest

final class LineageCommandTests: XCTestCase {
    /// one.txt and two.txt copied, then concatenated; one.txt changed and rebuilt in build 2.
    private func makeLake() throws -> TemporaryLake {
        let lake = try TemporaryLake()
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/two.txt", "two\n")
        try lake.run("build")
        try lake.write("raw/a/one.txt", "hello, world\n")
        try lake.run("build")
        return lake
    }

    // sha256sum prefixes of the contents written above.
    private let hello = "5891b5b522d5", two = "27dd8ed44a83"

    func testUpstreamTreeReachesTheRawFilesWithHashesRulesAndBuilds() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let helloWorld = String(try Lakemake.sha256sum(lake.lake + "/raw/a/one.txt").prefix(12))
        let all = String(try Lakemake.sha256sum(lake.lake + "/reports/all.txt").prefix(12))
        let result = try lake.run("lineage", "reports/all.txt")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [
            "reports/all.txt  \(all)  rule all, build 2",
            "├── processed/a/one.txt  \(helloWorld)  rule copy_a, build 2",
            "│   └── raw/a/one.txt  \(helloWorld)  raw",
            "└── processed/a/two.txt  \(two)  rule copy_a, build 1",
            "    └── raw/a/two.txt  \(two)  raw",
        ])
    }

    func testAsOfBuildOneShowsTheOldInputs() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let result = try lake.run("lineage", "reports/all.txt", "--build", "1", "--depth", "1")
        XCTAssertEqual(result.status, 0, result.stderr)
        // "hello\n" + "two\n" concatenated is 10 bytes; its hash is not checked, only the inputs'.
        XCTAssertEqual(Array(result.lines.dropFirst()), [
            "├── processed/a/one.txt  \(hello)  rule copy_a, build 1",
            "│   └── … (more; raise --depth)",
            "└── processed/a/two.txt  \(two)  rule copy_a, build 1",
            "    └── … (more; raise --depth)",
        ])
    }

    func testDownstreamFromARawFile() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let result = try lake.run("lineage", "raw/a/two.txt", "--down", "--format", "json")
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(root["path"] as? String, "raw/a/two.txt")
        let copies = try XCTUnwrap(root["consumers"] as? [[String: Any]])
        XCTAssertEqual(copies.map { $0["path"] as? String }, ["processed/a/two.txt"])
        let reports = try XCTUnwrap(copies.first?["consumers"] as? [[String: Any]])
        XCTAssertEqual(reports.map { $0["path"] as? String }, ["reports/all.txt"])
        XCTAssertEqual(reports.first?["rule"] as? String, "all")
        XCTAssertEqual(reports.first?["build"] as? Int, 2)
    }

    func testDotIsADigraphWithOneEdgePerInputLabelledByRule() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        let result = try lake.run("lineage", "reports/all.txt", "--format", "dot")
        XCTAssertEqual(result.lines.first, "digraph lineage {")
        XCTAssertEqual(result.lines.last, "}")
        let edges = result.lines.filter { $0.contains(" -> ") }
        XCTAssertEqual(edges, [
            "  \"processed/a/one.txt\" -> \"reports/all.txt\" [label=\"all\"];",
            "  \"raw/a/one.txt\" -> \"processed/a/one.txt\" [label=\"copy_a\"];",
            "  \"processed/a/two.txt\" -> \"reports/all.txt\" [label=\"all\"];",
            "  \"raw/a/two.txt\" -> \"processed/a/two.txt\" [label=\"copy_a\"];",
        ])
        if let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile) {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: dot)
            check.arguments = ["-Tcanon"]
            let input = Pipe()
            check.standardInput = input
            check.standardOutput = FileHandle.nullDevice
            try check.run()
            input.fileHandleForWriting.write(Data(result.stdout.utf8))
            try input.fileHandleForWriting.close()
            check.waitUntilExit()
            XCTAssertEqual(check.terminationStatus, 0, "Graphviz rejected the digraph")
        }
    }

    func testUnknownPathExitsTwo() throws {
        let lake = try makeLake()
        defer { lake.remove() }
        XCTAssertEqual(try lake.run("lineage", "processed/none.txt").status, 2)
    }
}
