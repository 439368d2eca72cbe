import Foundation
import TestSupport
import XCTest

/// `lineage --format openlineage --post URL`: every event reaches a local collector as one
/// POST, in order, byte for byte what the command prints; a refusal stops the rest.
final class OpenLineagePostTests: XCTestCase {
    private func builtLake() throws -> TemporaryLake {
        let lake = try TemporaryLake()
        try lake.write("raw/a/one.txt", "hello\n")
        try lake.write("raw/a/two.txt", "two\n")
        XCTAssertEqual(try lake.run("build").status, 0)
        return lake
    }

    func testEachEventIsPostedAsJSONInOrder() throws {
        let python = try InteropPython.path(for: "the local OpenLineage collector")
        let lake = try builtLake()
        defer { lake.remove() }
        let collector = try FakeLineageCollector(python: python)
        defer { collector.stop() }
        let printed = try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--namespace", "demo")
        XCTAssertEqual(printed.lines.count, 6, printed.stderr)

        let posted = try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--namespace", "demo", "--post", collector.url)
        XCTAssertEqual(posted.status, 0, posted.stderr)
        XCTAssertEqual(posted.stdout, "", "posted events are not printed too")
        XCTAssertEqual(posted.stderr, "lakemake: posted 6 OpenLineage events to \(collector.url)\n")
        let requests = try collector.requests()
        XCTAssertEqual(requests.map(\.body), printed.lines)
        XCTAssertEqual(Set(requests.map(\.path)), ["/api/v1/lineage"])
        XCTAssertEqual(Set(requests.map(\.type)), ["application/json"])
    }

    func testARefusedEventStopsTheRestWithExitStatusOne() throws {
        let python = try InteropPython.path(for: "the local OpenLineage collector")
        let lake = try builtLake()
        defer { lake.remove() }
        let collector = try FakeLineageCollector(python: python, scenario: "refuse-second")
        defer { collector.stop() }
        let result = try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--post", collector.url)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("posting OpenLineage event 2 of 6 to \(collector.url) failed: HTTP 400: {\"error\": \"bad event\"}"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("(the 1 before it were accepted)"), result.stderr)
        XCTAssertEqual(try collector.requests().count, 2, "nothing is sent after the refusal")
    }

    func testAServerThatIsGoneIsAFailureNotASilentSuccess() throws {
        let python = try InteropPython.path(for: "the local OpenLineage collector")
        let lake = try builtLake()
        defer { lake.remove() }
        let collector = try FakeLineageCollector(python: python)
        let url = collector.url
        collector.stop()
        let result = try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--post", url)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("posting OpenLineage event 1 of 6 to \(url) failed: cannot connect to the server"), result.stderr)
    }

    func testPostNeedsTheOpenLineageFormatAndAnHTTPURL() throws {
        let lake = try builtLake()
        defer { lake.remove() }
        let tree = try lake.run("lineage", "reports/all.txt", "--post", "http://127.0.0.1:9/x")
        XCTAssertEqual(tree.status, 2)
        XCTAssertTrue(tree.stderr.contains("--post applies to OpenLineage events only"), tree.stderr)
        XCTAssertTrue(tree.stderr.contains("add --format openlineage"), tree.stderr)
        for bad in ["ftp://127.0.0.1/x", "127.0.0.1:5000/api/v1/lineage", "http:///nohost"] {
            let result = try lake.run("lineage", "reports/all.txt", "--format", "openlineage", "--post", bad)
            XCTAssertEqual(result.status, 2, bad)
            XCTAssertTrue(result.stderr.contains("is not an http or https URL"), result.stderr)
        }
    }
}
