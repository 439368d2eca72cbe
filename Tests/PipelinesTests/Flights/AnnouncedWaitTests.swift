import Foundation
import XCTest
@testable import Pipelines

/// The waits a 429 or 503 can announce (flights.md §10), header by header and form by form.
final class AnnouncedWaitTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_758_211_407)

    private func wait(_ headers: [String: String]) -> AnnouncedWait? {
        AnnouncedWait.of(HTTPResponse(status: 429, headers: headers, body: []), now: now)
    }

    func testOpenSkysHeaderWinsOverTheStandardOne() {
        XCTAssertEqual(wait(["x-rate-limit-retry-after-seconds": "12", "Retry-After": "99"]),
                       AnnouncedWait(seconds: 12, header: "X-Rate-Limit-Retry-After-Seconds"))
    }

    func testRetryAfterSeconds() {
        XCTAssertEqual(wait(["Retry-After": "120"]), AnnouncedWait(seconds: 120, header: "Retry-After"))
        XCTAssertNil(wait(["Retry-After": "-5"]))
        XCTAssertNil(wait(["Retry-After": "soon"]))
        XCTAssertNil(wait([:]))
    }

    /// The three HTTP date forms, against the response's Date when it has one, else the clock.
    func testRetryAfterHTTPDate() {
        let date = "Thu, 18 Sep 2025 16:03:27 GMT"  // == now
        XCTAssertEqual(wait(["Retry-After": "Thu, 18 Sep 2025 16:05:27 GMT"])?.seconds, 120)
        XCTAssertEqual(wait(["Retry-After": "Thursday, 18-Sep-25 16:04:27 GMT"])?.seconds, 60)
        XCTAssertEqual(wait(["Retry-After": "Thu Sep 18 16:03:57 2025"])?.seconds, 30)
        XCTAssertEqual(wait(["Retry-After": "Thu, 18 Sep 2025 17:00:00 GMT", "Date": "Thu, 18 Sep 2025 16:59:50 GMT"])?.seconds, 10,
                       "measured against the server's own Date, not the local clock")
        XCTAssertEqual(wait(["Retry-After": date, "Date": "Thu, 18 Sep 2025 16:03:30 GMT"])?.seconds, 0, "a date in the past: no wait")
        XCTAssertNil(wait(["Retry-After": "18/09/2025 16:05"]))
    }
}
