// The catalog's timestamps are written without Foundation's formatter (its first use costs
// 5 ms a build); they must read as that formatter writes them, checked against it.

import Foundation
import XCTest
@testable import LakeBuild

final class TimestampTests: XCTestCase {
    func testTimestampsAreWhatFoundationsFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // The epoch, a leap day, the last millisecond of a year, single-digit fields, far future.
        let moments: [(Int, Int)] = [(0, 0), (951_782_400, 5_000_000), (1_767_225_599, 999_999_999), (1_704_164_645, 7_000_000),
                                     (1_796_318_725, 123_456_789), (4_102_444_800, 0)]
        for (seconds, nanoseconds) in moments {
            // Foundation rounds to the millisecond; the catalog's text truncates. Compare on
            // whole milliseconds, where both agree.
            let whole = nanoseconds / 1_000_000 * 1_000_000
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(whole) / 1e9 + 1e-7)
            XCTAssertEqual(Build.isoTimestamp(seconds: seconds, nanoseconds: nanoseconds), formatter.string(from: date), "\(seconds)")
        }
        let now = Build.isoNow()
        XCTAssertNotNil(formatter.date(from: now), now)
        XCTAssertLessThan(abs(formatter.date(from: now)!.timeIntervalSinceNow), 5)
    }
}
