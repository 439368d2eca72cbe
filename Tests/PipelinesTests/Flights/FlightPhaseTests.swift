import XCTest
@testable import Pipelines

/// The flight-phase table of flights.md §3, case by case, including each boundary.
final class FlightPhaseTests: XCTestCase {
    private func phase(_ ground: Bool, _ alt: Double?, _ kt: Double?, _ fpm: Double?) -> FlightPhase {
        FlightPhase.classify(onGround: ground, altitudeFeet: alt, speedKnots: kt, verticalRateFPM: fpm)
    }

    func testOnGroundBySpeed() {
        XCTAssertEqual(phase(true, 0, 0, 0), .ground)
        XCTAssertEqual(phase(true, 0, 5, 0), .ground)
        XCTAssertEqual(phase(true, 0, 5.1, 0), .taxi)
        XCTAssertEqual(phase(true, 0, 30, 0), .taxi)
        XCTAssertEqual(phase(true, 0, 31, 0), .takeoff)
    }

    func testLowAltitudeCountsAsGround() {
        XCTAssertEqual(phase(false, 100, 0, 0), .ground)
        XCTAssertEqual(phase(false, 100, 20, 0), .taxi)
        XCTAssertEqual(phase(false, 100, 140, 2000), .takeoff)
    }

    func testClimbingRows() {
        XCTAssertEqual(phase(false, 2999, 160, 500), .takeoff)
        XCTAssertEqual(phase(false, 3000, 160, 500), .climb)
        XCTAssertEqual(phase(false, 20_000, 300, 1500), .climb)
    }

    func testDescendingRows() {
        XCTAssertEqual(phase(false, 2999, 160, -300), .approach)
        XCTAssertEqual(phase(false, 3000, 300, -300), .descent)
        XCTAssertEqual(phase(false, 3000, 300, -299), .cruise)
    }

    func testLevelRows() {
        XCTAssertEqual(phase(false, 10_000, 100, 0), .cruise)
        XCTAssertEqual(phase(false, 5000, 149, 0), .approach)
        XCTAssertEqual(phase(false, 5000, 150, 0), .cruise)
    }

    /// A null or invalid value (passed as nil) is unknown, not 0: every comparison on it is false.
    func testUnknownValuesAreNotZero() {
        XCTAssertEqual(phase(false, nil, nil, nil), .unknown)
        XCTAssertEqual(phase(false, nil, 400, nil), .unknown, "no altitude and no rate: not a takeoff at 0 ft")
        XCTAssertEqual(phase(false, nil, 400, 2000), .climb, "a climb of unknown altitude is not below 3000 ft")
        XCTAssertEqual(phase(false, nil, 120, -1000), .descent)
        XCTAssertEqual(phase(false, nil, 120, 0), .approach)
        XCTAssertEqual(phase(true, 0, nil, 0), .unknown, "on the ground without a speed: neither parked nor rolling")
        XCTAssertEqual(phase(false, 50, nil, nil), .unknown)
        XCTAssertEqual(phase(false, 12_000, nil, nil), .cruise)
        XCTAssertEqual(phase(false, 5000, nil, nil), .cruise, "an unknown speed is not below 150 kt")
    }

    func testBands() {
        XCTAssertEqual(AltitudeBand.classify(onGround: true, altitudeFeet: 0), .ground)
        XCTAssertEqual(AltitudeBand.classify(onGround: false, altitudeFeet: 9999), .low)
        XCTAssertEqual(AltitudeBand.classify(onGround: false, altitudeFeet: 10_000), .medium)
        XCTAssertEqual(AltitudeBand.classify(onGround: false, altitudeFeet: 30_000), .high)
        XCTAssertEqual(AltitudeBand.classify(onGround: false, altitudeFeet: 50_000), .veryHigh)
        XCTAssertNil(AltitudeBand.classify(onGround: false, altitudeFeet: nil))
        XCTAssertEqual(SpeedBand.classify(knots: 4.9), .stationary)
        XCTAssertEqual(SpeedBand.classify(knots: 5), .taxi)
        XCTAssertEqual(SpeedBand.classify(knots: 30), .low)
        XCTAssertEqual(SpeedBand.classify(knots: 150), .medium)
        XCTAssertEqual(SpeedBand.classify(knots: 350), .high)
        XCTAssertEqual(SpeedBand.classify(knots: 600), .supersonic)
    }
}
