import XCTest
import LakeFormats
@testable import Pipelines

final class DailyStatisticsTests: XCTestCase {
    private let t = ObservationFixtures.dayStart

    func testCountsBandsAndPercentiles() throws {
        let dlh = Airline(icao: "DLH", iata: "LH", name: "Lufthansa", callsign: nil, country: "Germany")
        // Airborne altitudes 1000, 2000, …, 10000 ft for one aircraft at 01:00, one ground row at 13:00.
        var rows = (1...10).map {
            ObservationFixtures.observation("aaaaaa", "DLH1", at: t + 3600 + Int64($0) * 60, lat: 50, lon: 8,
                                            feet: Double($0) * 1000, knots: Double($0) * 50, airline: dlh)
        }
        rows.append(ObservationFixtures.observation("bbbbbb", nil, at: t + 13 * 3600, lat: 48, lon: 2, feet: 0, knots: 0,
                                                    onGround: true, country: "France", grade: "B"))
        var hour = HourlyCounts()
        hour.snapshots = 2; hour.rowsRead = 14; hour.kept = 11; hour.rejectedRows = 2; hour.duplicates = 1
        hour.reasonCounts = ["stale": 2]
        let doc = try JSONValue.parse(DailyStatistics.encode(date: "2025-09-18", observations: rows, hours: [hour]))
        func n(_ v: JSONValue?) -> String? { if case .number(let x)? = v { return x.literal }; return nil }
        XCTAssertEqual(n(doc["rows_read"]), "14")
        XCTAssertEqual(doc["balanced"], .bool(true))
        XCTAssertEqual(n(doc["rejected_by_reason"]?["stale"]), "2")
        XCTAssertEqual(n(doc["unique_aircraft"]), "2")
        XCTAssertEqual(n(doc["airborne"]), "10")
        XCTAssertEqual(n(doc["on_ground"]), "1")
        XCTAssertEqual(n(doc["hourly"]?[1]?["observations"]), "10")
        XCTAssertEqual(n(doc["hourly"]?[13]?["unique_aircraft"]), "1")
        XCTAssertEqual(n(doc["hourly"]?[0]?["observations"]), "0")
        // Bands: 1000–9000 ft low (9), 10000 ft medium (1), ground 1.
        XCTAssertEqual(n(doc["altitude_bands"]?["low"]), "9")
        XCTAssertEqual(n(doc["altitude_bands"]?["medium"]), "1")
        XCTAssertEqual(n(doc["altitude_bands"]?["ground"]), "1")
        // Nearest rank over 10 values: p50 = 5th = 5000 ft, p95 = 10th = 10000 ft.
        XCTAssertEqual(n(doc["altitude_ft"]?["min"]), "1000.0")
        XCTAssertEqual(n(doc["altitude_ft"]?["p50"]), "5000.0")
        XCTAssertEqual(n(doc["altitude_ft"]?["p95"]), "10000.0")
        XCTAssertEqual(n(doc["speed_kt"]?["max"]), "500.0")
        XCTAssertEqual(doc["top_airlines"]?[0]?["code"], .string("DLH"))
        XCTAssertEqual(n(doc["top_airlines"]?[0]?["observations"]), "10")
        XCTAssertEqual(doc["top_origin_countries"]?[0]?["code"], .string("Germany"))
        XCTAssertEqual(doc["top_origin_countries"]?[1]?["code"], .string("France"))
        XCTAssertEqual(n(doc["quality_grades"]?["B"]), "1")
    }

    func testNearestRank() {
        XCTAssertEqual(NearestRank.percentile([15, 20, 35, 40, 50], 30), 20)
        XCTAssertEqual(NearestRank.percentile([15, 20, 35, 40, 50], 40), 20)
        XCTAssertEqual(NearestRank.percentile([15, 20, 35, 40, 50], 50), 35)
        XCTAssertEqual(NearestRank.percentile([15, 20, 35, 40, 50], 100), 50)
        XCTAssertNil(NearestRank.percentile([], 50))
    }
}
