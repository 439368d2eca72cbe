// Timestamps, upload names and the sales extensions of calendar dates, against values known
// from the calendar itself.

import LakeBuild
@testable import Pipelines
import XCTest

final class SalesTimestampTests: XCTestCase {
    func testWeekday() throws {
        // 2025-11-27 was a Thursday; 2025-11-24 a Monday.
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2025-11-27")).weekdayFromMonday, 3)
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2025-11-24")).weekdayFromMonday, 0)
        XCTAssertEqual(try XCTUnwrap(CalendarDate("1969-12-28")).weekdayFromMonday, 6)
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2025-10-29")).compact, "20251029")
    }

    func testTimestamps() {
        XCTAssertEqual(SalesTimestamp.millis("1970-01-01T00:00:01Z"), 1000)
        XCTAssertEqual(SalesTimestamp.millis("1970-01-01T01:00:00.250+01:00"), 250)
        XCTAssertNil(SalesTimestamp.millis("1970-01-01T24:00:00Z"))
        XCTAssertNil(SalesTimestamp.millis("1970-01-01T10:00:00"))
        XCTAssertEqual(SalesTimestamp.utcHour(millis: 23 * 3_600_000 + 5), 23)
        XCTAssertEqual(SalesTimestamp.text(millis: 1000), "1970-01-01T00:00:01Z")
    }

    func testUploadNames() {
        XCTAssertEqual(SalesUploadName(fileName: "store_0003_2025-11-20.json")?.storeID, "0003")
        XCTAssertNil(SalesUploadName(fileName: "store_003_2025-11-20.json"))
        XCTAssertNil(SalesUploadName(fileName: "store_0003_2025-11-31.json"))
        XCTAssertNil(SalesUploadName(fileName: "store_0003_2025-11-20.JSON"))
    }
}
