import XCTest
@testable import Pipelines

final class UnitConversionTests: XCTestCase {
    /// 3048 m is exactly 10 000 ft (1 ft = 0.3048 m by definition).
    func testMetresToFeet() {
        XCTAssertEqual(UnitConversion.feet(metres: 3048), 10_000, accuracy: 0.01)
    }

    /// 250 kt = 250 × 1852 / 3600 m/s = 128.61 m/s.
    func testMetresPerSecondToKnots() {
        XCTAssertEqual(UnitConversion.knots(metresPerSecond: 128.6), 250, accuracy: 0.1)
    }

    /// 1 m/s = 60 / 0.3048 ft/min = 196.85 ft/min.
    func testVerticalRate() {
        XCTAssertEqual(UnitConversion.feetPerMinute(metresPerSecond: 5.08), 1000, accuracy: 0.01)
    }
}
