import XCTest
@testable import Pipelines

final class QualityScoreTests: XCTestCase {
    private func kept(_ row: String) throws -> FlightObservation {
        guard case .kept(let observation) = try FlightFixtures.judge(row) else {
            XCTFail("row was rejected"); throw XCTSkip()
        }
        return observation
    }

    /// The golden check of flights.md §2.
    func testCompleteValidThirtySecondOldRowScoresOneGradeA() throws {
        let o = try kept(FlightFixtures.servedRow())
        XCTAssertEqual(o.qualityScore, 1.0)
        XCTAssertEqual(o.qualityGrade, "A")
        XCTAssertEqual(o.qualityFlags, [])
    }

    /// Missing callsign, 180 s old: 0.30·8/9 + 0.30 + 0.25 + 0.15·(1 − 0.2·120/240) = 0.9517.
    func testMissingCallsignAndAge() throws {
        let o = try kept(FlightFixtures.servedRow(callsign: "null", lastContact: String(FlightFixtures.snapshotTime - 180)))
        XCTAssertEqual(o.qualityScore, 0.9517, accuracy: 0.00005)
        XCTAssertEqual(o.qualityGrade, "A")
        XCTAssertEqual(o.qualityFlags, [.missingCallsign])
    }

    /// On the ground at 5000 ft: consistency 0 → 0.30 + 0.30 + 0 + 0.15 = 0.75, grade C.
    func testGroundAltitudeConflict() throws {
        let o = try kept(FlightFixtures.servedRow(baro: "1524", onGround: "true", velocity: "0"))
        XCTAssertEqual(o.qualityScore, 0.75, accuracy: 0.00005)
        XCTAssertEqual(o.qualityGrade, "C")
        XCTAssertEqual(o.qualityFlags, [.groundAltitudeConflict])
    }

    /// 400 s old: timeliness 0.5 → 0.925, grade B.
    func testOldRow() throws {
        let o = try kept(FlightFixtures.servedRow(lastContact: String(FlightFixtures.snapshotTime - 400)))
        XCTAssertEqual(o.qualityScore, 0.925, accuracy: 0.00005)
        XCTAssertEqual(o.qualityGrade, "B")
    }

    /// An altitude out of range fails one of three validity checks and nulls the value:
    /// 0.30 + 0.30·2/3 + 0.25 + 0.15 = 0.90 (the airborne check no longer applies).
    func testInvalidAltitudeLowersValidity() throws {
        let o = try kept(FlightFixtures.servedRow(baro: "30000"))
        XCTAssertEqual(o.qualityScore, 0.9, accuracy: 0.00005)
        XCTAssertEqual(o.qualityGrade, "B")
        XCTAssertNil(o.baroAltitudeMetres)
        XCTAssertNil(o.altitudeFeet)
    }

    func testTimelinessCurve() {
        XCTAssertEqual(QualityScore.timeliness(age: 0), 1.0)
        XCTAssertEqual(QualityScore.timeliness(age: 60), 1.0)
        XCTAssertEqual(QualityScore.timeliness(age: 180), 0.9, accuracy: 1e-12)
        XCTAssertEqual(QualityScore.timeliness(age: 300), 0.8, accuracy: 1e-12)
        XCTAssertEqual(QualityScore.timeliness(age: 301), 0.5)
        XCTAssertEqual(QualityScore.timeliness(age: 1800), 0.5)
    }

    func testGrades() {
        XCTAssertEqual(QualityScore.grade(0.95), "A")
        XCTAssertEqual(QualityScore.grade(0.9499), "B")
        XCTAssertEqual(QualityScore.grade(0.85), "B")
        XCTAssertEqual(QualityScore.grade(0.70), "C")
        XCTAssertEqual(QualityScore.grade(0.50), "D")
        XCTAssertEqual(QualityScore.grade(0.4999), "F")
    }
}
