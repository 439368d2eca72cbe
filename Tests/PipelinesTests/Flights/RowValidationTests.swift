import XCTest
@testable import Pipelines

/// Every critical and non-critical rule of flights.md §2, each tripped by a row, with the
/// exact reason codes.
final class RowValidationTests: XCTestCase {
    private let t = FlightFixtures.snapshotTime

    private func reasons(_ row: String) throws -> [String] {
        switch try FlightFixtures.judge(row) {
        case .rejected(let problems): return RowProblem.codes(problems).map(\.rawValue)
        case .kept: return []
        }
    }

    private func flags(_ row: String) throws -> [String] {
        guard case .kept(let o) = try FlightFixtures.judge(row) else { XCTFail("rejected"); return [] }
        return o.qualityFlags.map(\.rawValue)
    }

    func testValidRowIsKept() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow()), [])
    }

    func testBadShapeTooFewValues() throws {
        XCTAssertEqual(try problems("[\"3c6444\",\"DLH9LF\",\"Germany\",\(t),\(t),8.5,50.0,1000.0,false]"),
                       [RowProblem(.badShape, value: "9 values, 17 expected")])
        XCTAssertEqual(try problems("[\"3c6444\",\"DLH9LF\"]"), [
            RowProblem(.badShape, value: "2 values, 17 expected"),
            RowProblem(.missingPosition, field: "latitude"), RowProblem(.missingPosition, field: "longitude"),
        ])
    }

    private func problems(_ row: String) throws -> [RowProblem] {
        if case .rejected(let problems) = try FlightFixtures.judge(row) { return problems }
        return []
    }

    /// A used field of the wrong JSON type is `bad_type`, naming the field and quoting the value
    /// as received; it is not also missing.
    func testWrongTypeNamesTheFieldAndTheValue() throws {
        XCTAssertEqual(try problems(FlightFixtures.servedRow(velocity: "\"fast\"")), [RowProblem(.badType, field: "velocity", value: "\"fast\"")])
        XCTAssertEqual(try problems(FlightFixtures.servedRow(lat: "\"45.1\"")), [RowProblem(.badType, field: "latitude", value: "\"45.1\"")])
        XCTAssertEqual(try problems(FlightFixtures.servedRow(squawk: "4211")), [RowProblem(.badType, field: "squawk", value: "4211")])
        XCTAssertEqual(try problems(FlightFixtures.servedRow(icao24: "123456", lon: "[8.5]")),
                       [RowProblem(.badType, field: "icao24", value: "123456"), RowProblem(.badType, field: "longitude", value: "[8.5]")])
        XCTAssertEqual(try problems(FlightFixtures.servedRow(lastContact: "null")), [RowProblem(.badType, field: "last_contact", value: "null")])
        XCTAssertEqual(try problems(FlightFixtures.servedRow(velocity: "1e400")), [RowProblem(.badType, field: "velocity", value: "1e400")])
    }

    func testRangeReasonsNameTheFieldAndTheValue() throws {
        XCTAssertEqual(try problems(FlightFixtures.servedRow(icao24: "\"3c64zz\"", lastContact: String(t - 1801), lat: "91.5")), [
            RowProblem(.invalidICAO24, field: "icao24", value: "\"3c64zz\""), RowProblem(.invalidLatitude, field: "latitude", value: "91.5"),
            RowProblem(.stale, field: "last_contact", value: String(t - 1801)),
        ])
        XCTAssertEqual(try problems(FlightFixtures.servedRow(lon: "null", lat: "null")),
                       [RowProblem(.missingPosition, field: "latitude"), RowProblem(.missingPosition, field: "longitude")])
    }

    /// `sensors` is neither validated nor output: null, a bare integer (as the original fetcher
    /// stored it), an array or anything else never rejects a row.
    func testSensorsNeverRejectARow() throws {
        let row = FlightFixtures.servedRow()
        XCTAssertEqual(try reasons(row), [], "the base row has null sensors")
        for sensors in ["2", "[1, 2]", "\"x\"", "{\"a\": 1}"] {
            let withSensors = row.replacingOccurrences(of: ",null,", with: ",\(sensors),")
            XCTAssertNotEqual(withSensors, row)
            XCTAssertEqual(try reasons(withSensors), [], "sensors \(sensors)")
        }
    }

    func testBadShapeNotAnArray() throws {
        XCTAssertEqual(try reasons("42"), ["bad_shape", "invalid_icao24", "missing_position"])
    }

    func testInvalidICAO24() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(icao24: "\"3c64zz\"")), ["invalid_icao24"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(icao24: "\"3c644\"")), ["invalid_icao24"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(icao24: "\" 3C6444 \"")), [], "trimmed and lower-cased first")
    }

    func testMissingPosition() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lat: "null")), ["missing_position"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lon: "null")), ["missing_position"])
    }

    func testInvalidCoordinates() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lat: "90.5")), ["invalid_latitude"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lon: "-180.01")), ["invalid_longitude"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lon: "200", lat: "-91")), ["invalid_latitude", "invalid_longitude"])
    }

    func testNullIsland() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lon: "0", lat: "0.0")), ["null_island"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lon: "0", lat: "0.0001")), [])
    }

    func testFutureContact() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lastContact: String(t + 301))), ["future_contact"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lastContact: String(t + 300))), [])
    }

    func testStale() throws {
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lastContact: String(t - 1801))), ["stale"])
        XCTAssertEqual(try reasons(FlightFixtures.servedRow(lastContact: String(t - 1800))), [])
    }

    func testEveryReasonIsReported() throws {
        let row = FlightFixtures.servedRow(icao24: "\"xyz\"", lastContact: String(t - 5000), lon: "0", lat: "0")
        XCTAssertEqual(try reasons(row), ["invalid_icao24", "null_island", "stale"])
    }

    func testInvalidAltitudeIsFlaggedAndNulled() throws {
        XCTAssertEqual(try flags(FlightFixtures.servedRow(baro: "18500")), ["invalid_altitude"])   // 60 696 ft
        XCTAssertEqual(try flags(FlightFixtures.servedRow(baro: "-305")), ["invalid_altitude"])    // −1000.7 ft
        XCTAssertEqual(try flags(FlightFixtures.servedRow(baro: "-304")), [])                      // −997 ft
    }

    func testInvalidVelocity() throws {
        XCTAssertEqual(try flags(FlightFixtures.servedRow(velocity: "515")), ["invalid_velocity"]) // 1001 kt
        XCTAssertEqual(try flags(FlightFixtures.servedRow(velocity: "-1")), ["invalid_velocity"])
    }

    func testExcessiveVerticalRate() throws {
        XCTAssertEqual(try flags(FlightFixtures.servedRow(rate: "40.7")), ["excessive_vertical_rate"]) // 8012 ft/min
        XCTAssertEqual(try flags(FlightFixtures.servedRow(rate: "-40.7")), ["excessive_vertical_rate"])
        XCTAssertEqual(try flags(FlightFixtures.servedRow(rate: "40.6")), [])                        // 7992 ft/min
    }

    func testGroundAltitudeConflict() throws {
        XCTAssertEqual(try flags(FlightFixtures.servedRow(baro: "305", onGround: "true", velocity: "0")), ["ground_altitude_conflict"])
        XCTAssertEqual(try flags(FlightFixtures.servedRow(baro: "304", onGround: "true", velocity: "0")), [])
    }

    func testMissingValues() throws {
        XCTAssertEqual(try flags(FlightFixtures.servedRow(callsign: "\"        \"")), ["missing_callsign"])
        XCTAssertEqual(try flags(FlightFixtures.servedRow(baro: "null")), ["missing_altitude"])
        XCTAssertEqual(try flags(FlightFixtures.servedRow(velocity: "null")), ["missing_velocity"])
    }

    /// Zero is a value, not a missing value.
    func testZeroAltitudeAndSpeedAreKeptAsZero() throws {
        guard case .kept(let o) = try FlightFixtures.judge(FlightFixtures.servedRow(baro: "0", onGround: "true", velocity: "0")) else {
            return XCTFail("rejected")
        }
        XCTAssertEqual(o.baroAltitudeMetres, 0)
        XCTAssertEqual(o.altitudeFeet, 0)
        XCTAssertEqual(o.velocityMetresPerSecond, 0)
        XCTAssertEqual(o.velocityKnots, 0)
        XCTAssertEqual(o.qualityFlags, [])
        XCTAssertEqual(o.phase, .ground)
        XCTAssertEqual(o.speedBand, .stationary)
    }

    func testDerivedColumns() throws {
        guard case .kept(let o) = try FlightFixtures.judge(FlightFixtures.servedRow(rate: "5.08")) else { return XCTFail("rejected") }
        XCTAssertEqual(o.altitudeFeet ?? 0, 10_000, accuracy: 0.01)
        XCTAssertEqual(o.velocityKnots ?? 0, 250, accuracy: 0.1)
        XCTAssertEqual(o.verticalRateFPM ?? 0, 1000, accuracy: 0.01)
        XCTAssertEqual(o.altitudeBand, .medium)
        XCTAssertEqual(o.speedBand, .medium)
        XCTAssertEqual(o.phase, .climb)
        XCTAssertEqual(o.callsign, "DLH9LF")
        XCTAssertEqual(o.squawk, "0421")
    }
}
