// Calendar arithmetic against dates known from the calendar itself.

@testable import Pipelines
import XCTest

final class CalendarDateTests: XCTestCase {
    func testParsesOnlyRealDates() {
        XCTAssertNotNil(CalendarDate("2024-02-29"))
        XCTAssertNil(CalendarDate("2025-02-29"))
        XCTAssertNil(CalendarDate("2025-13-01"))
        XCTAssertNil(CalendarDate("2025-1-01"))
        XCTAssertNil(CalendarDate("1900-02-29"))
        XCTAssertNotNil(CalendarDate("2000-02-29"))
    }

    func testDaysSinceEpochRoundTrips() throws {
        // 2000-01-01 is day 10957 (30 years of 365 days plus 7 leap days).
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2000-01-01")).daysSinceEpoch, 10957)
        XCTAssertEqual(CalendarDate(daysSinceEpoch: 10957).description, "2000-01-01")
        XCTAssertEqual(CalendarDate(daysSinceEpoch: -1).description, "1969-12-31")
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2025-03-01")).adding(days: -1).description, "2025-02-28")
    }

    func testWeekday() throws {
        // 2025-11-27 was a Thursday; 2025-11-24 a Monday.
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2025-11-27")).weekdayFromMonday, 3)
        XCTAssertEqual(try XCTUnwrap(CalendarDate("2025-11-24")).weekdayFromMonday, 0)
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
