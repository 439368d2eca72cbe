import Foundation
import XCTest

final class FetchOpenSkyCommandTests: XCTestCase {
    private var lake: TemporaryLake?
    private var server: FakeOpenSky?

    override func tearDown() {
        server?.stop()
        lake?.remove()
    }

    private func fetch(_ scenario: String, credentials: Bool = false, retries: Int = 3, timeout: Int = 5,
                       _ extra: [String] = []) throws -> RunResult {
        let lake = try TemporaryLake(rules: nil)
        try FileManager.default.createDirectory(atPath: lake.lake + "/raw", withIntermediateDirectories: true)
        self.lake = lake
        let server = try FakeOpenSky(scenario: scenario)
        self.server = server
        var env = ["OPENSKY_CLIENT_ID": "", "OPENSKY_CLIENT_SECRET": ""]
        if credentials { env = ["OPENSKY_CLIENT_ID": "analyst", "OPENSKY_CLIENT_SECRET": "s3cret"] }
        let args = ["fetch", "opensky", "--url", server.baseURL, "--token-url", server.tokenURL,
                    "--retry-base", "0.05", "--max-retries", String(retries), "--interval", "0", "--timeout", String(timeout)] + extra
        return try Lakemake.run(args, in: lake.root, environment: env)
    }

    private func rawFiles() -> [String] {
        guard let lake, let e = FileManager.default.enumerator(atPath: lake.lake + "/raw") else { return [] }
        var files: [String] = []
        while let p = e.nextObject() as? String {
            if p.hasSuffix(".json") { files.append("raw/" + p) }
        }
        return files.sorted()
    }

    func testAnonymousFetchWritesTheSnapshotAsServed() throws {
        let result = try fetch("ok")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(rawFiles(), ["raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160337.json"])
        XCTAssertEqual(server?.requests, ["GET /api/states/all -"])
        let text = lake?.read("raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160337.json") ?? ""
        XCTAssertTrue(text.hasPrefix("{\"time\": 1758211417, \"states\": [[\"3c6444\", \"DLH9LF  \""), text)
    }

    func testRateLimitWaitsTheAnnouncedSeconds() throws {
        let start = Date()
        let result = try fetch("429")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 1.0, "X-Rate-Limit-Retry-After-Seconds: 1 was honoured")
        XCTAssertTrue(result.stderr.contains("fetch: HTTP 429 (rate limited); retrying in 1.0 s (1/3)"), result.stderr)
        XCTAssertEqual(server?.requests.count, 2)
        XCTAssertEqual(rawFiles().count, 1)
    }

    func testServerErrorThenSuccess() throws {
        let result = try fetch("500")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("fetch: HTTP 500; retrying in"), result.stderr)
        XCTAssertEqual(server?.requests.count, 2)
        XCTAssertEqual(rawFiles(), ["raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160347.json"])
    }

    /// Every answer is cut short: the fetch gives up and nothing lands in raw/.
    func testTruncatedBodyWritesNothing() throws {
        let result = try fetch("truncated")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("lakemake: error: gave up after 4 attempts"), result.stderr)
        XCTAssertEqual(rawFiles(), [])
        XCTAssertEqual(server?.requests.count, 4)
    }

    /// A 401 drops the token once; the fresh token is accepted.
    func testUnauthorizedDropsTheTokenOnce() throws {
        let result = try fetch("401", credentials: true)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(server?.requests, [
            "POST /token -", "GET /api/states/all Bearer tok1", "POST /token -", "GET /api/states/all Bearer tok2",
        ])
        XCTAssertEqual(rawFiles().count, 1)
    }

    func testUnauthorizedTwiceFails() throws {
        let result = try fetch("401always", credentials: true)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").dropFirst().first.map(String.init),
                       "lakemake: error: OpenSky refused the credentials (HTTP 401), also with a fresh token")
        XCTAssertEqual(rawFiles(), [])
    }

    /// Three snapshots with one token request.
    func testTokenIsReused() throws {
        let result = try fetch("ok", credentials: true, ["--count", "3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(server?.requests, [
            "POST /token -", "GET /api/states/all Bearer tok1", "GET /api/states/all Bearer tok1", "GET /api/states/all Bearer tok1",
        ])
        XCTAssertEqual(rawFiles().count, 3)
    }

    /// The standard Retry-After in seconds is honoured like OpenSky's own header.
    func testRetryAfterSecondsIsHonoured() throws {
        let start = Date()
        let result = try fetch("retry-after")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 1.0, "Retry-After: 1 was honoured")
        XCTAssertTrue(result.stderr.contains("fetch: HTTP 429 (rate limited); retrying in 1.0 s (1/3)"), result.stderr)
        XCTAssertEqual(rawFiles().count, 1)
    }

    /// Retry-After as an HTTP date is measured against the response's own Date.
    func testRetryAfterHTTPDateIsHonoured() throws {
        let start = Date()
        let result = try fetch("retry-after-date")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 2.0, "Retry-After two seconds after the response's Date")
        XCTAssertTrue(result.stderr.contains("fetch: HTTP 503; retrying in 2.0 s (1/3)"), result.stderr)
        XCTAssertEqual(server?.requests.count, 2)
        XCTAssertEqual(rawFiles().count, 1)
    }

    /// A wait longer than --max-wait fails that snapshot at once, saying so; it is not waited out.
    func testAWaitPastMaxWaitFailsTheSnapshot() throws {
        let start = Date()
        let result = try fetch("long-retry-after", ["--max-wait", "5"])
        XCTAssertEqual(result.status, 1)
        XCTAssertLessThan(Date().timeIntervalSince(start), 60, "the two-hour wait was not waited out")
        XCTAssertEqual(result.stderr.split(separator: "\n").first.map(String.init),
                       "lakemake: error: OpenSky asked to wait 7200 s (Retry-After) after HTTP 503, longer than --max-wait 5 s; this snapshot is given up")
        XCTAssertEqual(server?.requests.count, 1)
        XCTAssertEqual(rawFiles(), [])
    }

    /// The default --max-wait is 300 s: OpenSky's hour-long quota wait is not waited out.
    func testTheDefaultMaxWaitIsFiveMinutes() throws {
        let result = try fetch("long-wait-first")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("lakemake: error: OpenSky asked to wait 3600 s (X-Rate-Limit-Retry-After-Seconds) after HTTP 429, longer than --max-wait 300 s"), result.stderr)
    }

    /// With --count N, a snapshot that gives up does not stop the ones after it; exit 1 at the end.
    func testCountGoesOnAfterASnapshotGivesUp() throws {
        let result = try fetch("long-wait-first", ["--count", "3", "--max-wait", "5"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("fetch: snapshot 1 of 3 given up: OpenSky asked to wait 3600 s"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lakemake: error: 1 of 3 snapshots failed"), result.stderr)
        XCTAssertEqual(server?.requests.count, 3)
        XCTAssertEqual(rawFiles(), ["raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160347.json",
                                    "raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160357.json"])
    }

    /// A timeout is reported in seconds, not as a URL-loading error number.
    func testATimeoutSaysTimedOut() throws {
        let result = try fetch("slow", retries: 0, timeout: 1)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").first.map(String.init),
                       "lakemake: error: gave up after 1 attempts; last problem: timed out after 1 s")
        XCTAssertFalse(result.stderr.contains("NSURLError"), result.stderr)
        XCTAssertEqual(rawFiles(), [])
    }
}
