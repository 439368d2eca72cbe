import XCTest
import LakeFormats
@testable import Pipelines

final class FlightsQuickSightExportTests: XCTestCase {
    func testHourlyLinesCoverTheDay() throws {
        let t = ObservationFixtures.dayStart
        let rows = [ObservationFixtures.observation("aaaaaa", "X", at: t + 7200 + 5, lat: 50, lon: 8, feet: 35_000, knots: 450)]
        let lines = NDJSONLines(FlightsQuickSightExport.hourly(date: "2025-09-18", observations: rows)).compactMap { try? JSONValue.parse(Array($0.bytes)) }
        XCTAssertEqual(lines.count, 24)
        XCTAssertEqual(lines[2]["observations"], .number(JSONNumber("1")!))
        XCTAssertEqual(lines[2]["altitude_high"], .number(JSONNumber("1")!))
        XCTAssertEqual(lines[2]["speed_high"], .number(JSONNumber("1")!))
        XCTAssertEqual(lines[3]["observations"], .number(JSONNumber("0")!))
    }

    func testManifestKeepsLatestDays() {
        let paths = (1...5).map { "reports/quicksight/flights_daily/date=2025-09-0\($0).ndjson" }
        let text = String(decoding: QuickSightManifest.bytes(paths: paths.reversed(), keep: 2, base: "s3://bucket/lake/"), as: UTF8.self)
        XCTAssertEqual(text, """
            {
              "fileLocations": [
                {
                  "URIs": [
                    "s3://bucket/lake/reports/quicksight/flights_daily/date=2025-09-04.ndjson",
                    "s3://bucket/lake/reports/quicksight/flights_daily/date=2025-09-05.ndjson"
                  ]
                }
              ],
              "globalUploadSettings": {
                "format": "JSON"
              }
            }

            """)
    }
}
