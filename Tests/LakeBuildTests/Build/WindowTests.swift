// Date windows: a new day rebuilds exactly the later days whose windows include it.

import LakeBuild
import XCTest

final class WindowTests: XCTestCase {
    static let rules = """
    rule day
      in   raw/d/{date:date}.txt
      out  metrics/d/{date}.txt
      run  test.upper

    rule week
      in   metrics/d/{date:date}.txt
      in   metrics/d/{date-2d..date-1d}.txt
      out  reports/d/{date}.txt
      run  test.concat
    """

    func testLateDayRebuildsTheDaysWhoseWindowHoldsIt() throws {
        let f = try EngineFixture(rules: Self.rules)
        for d in ["2025-11-01", "2025-11-02", "2025-11-04", "2025-11-05", "2025-11-06"] { f.fs.put("raw/d/\(d).txt", d + "\n") }
        try f.build()
        XCTAssertEqual(f.fs.contents("reports/d/2025-11-05.txt"), "metrics/d/2025-11-05.txt: 2025-11-05\nmetrics/d/2025-11-04.txt: 2025-11-04\n")
        f.fs.put("raw/d/2025-11-03.txt", "2025-11-03\n")
        let report = try f.build()
        // Its own day and report, plus the reports of the two following days.
        XCTAssertEqual(f.runner.ran, ["metrics/d/2025-11-03.txt", "reports/d/2025-11-03.txt",
                                      "reports/d/2025-11-04.txt", "reports/d/2025-11-05.txt"])
        XCTAssertEqual(report.targets.first { $0.primaryOutput == "reports/d/2025-11-04.txt" }?.outcome,
                       .built(reason: .inputAdded(path: "metrics/d/2025-11-03.txt"), changed: true))
    }

    func testInvalidCalendarDateDoesNotMatch() throws {
        let f = try EngineFixture(rules: Self.rules)
        f.fs.put("raw/d/2025-02-30.txt", "x\n")
        let report = try f.build()
        XCTAssertEqual(f.runner.ran, [])
        XCTAssertEqual(report.unmatched.map(\.path), ["raw/d/2025-02-30.txt"])
    }
}
