import XCTest
import Parquet
@testable import Pipelines

final class FlightQueryTests: XCTestCase {
    private let t = ObservationFixtures.dayStart

    private func file(_ rows: [FlightObservation]) throws -> (path: String, reader: ParquetFileReader) {
        ("hour.parquet", try ParquetFileReader(bytes: try HourlyParquet.encode(rows)))
    }

    /// Five aircraft, three inside 45–50 N × 5–10 E (edges included), two outside.
    func testBoxFilterSortAndPage() throws {
        let rows = [
            ObservationFixtures.observation("aaaaaa", "A1", at: t, lat: 47, lon: 7, feet: 30_000),
            ObservationFixtures.observation("bbbbbb", "B1", at: t + 10, lat: 45, lon: 10, feet: 10_000),
            ObservationFixtures.observation("cccccc", "C1", at: t + 20, lat: 50, lon: 5, feet: nil, onGround: true),
            ObservationFixtures.observation("dddddd", "D1", at: t, lat: 50.01, lon: 7, feet: 30_000),
            ObservationFixtures.observation("eeeeee", "E1", at: t, lat: 47, lon: 4.99, feet: 30_000),
        ]
        var q = FlightQuery()
        q.box = try BoundingBox(parsing: "45,5,50,10")
        try q.setSort("-altitude")
        let page = try q.run([try file(rows)])
        XCTAssertEqual(page.total, 3)
        XCTAssertEqual(page.flights.map(\.icao24), ["aaaaaa", "bbbbbb", "cccccc"], "descending altitude, unknown last")
        q.limit = 2
        q.offset = 1
        try q.setSort("time")
        let second = try q.run([try file(rows)])
        XCTAssertEqual(second.flights.map(\.icao24), ["bbbbbb", "cccccc"])
        XCTAssertFalse(second.hasMore)
        XCTAssertNil(second.nextOffset)
        q.offset = 0
        let first = try q.run([try file(rows)])
        XCTAssertTrue(first.hasMore)
        XCTAssertEqual(first.nextOffset, 2)
        q.onGround = true
        XCTAssertEqual(try q.run([try file(rows)]).flights.map(\.icao24), ["cccccc"])
    }

    func testFilters() throws {
        let rows = [
            ObservationFixtures.observation("aaaaaa", "DLH1", at: t, lat: 47, lon: 7, feet: 30_000),
            ObservationFixtures.observation("bbbbbb", "BAW2", at: t, lat: 47, lon: 7, feet: 12_000),
        ]
        var q = FlightQuery()
        q.callsign = " dlh1 "
        XCTAssertEqual(try q.run([try file(rows)]).flights.map(\.icao24), ["aaaaaa"])
        q = FlightQuery()
        q.icao24 = "BBBBBB"
        XCTAssertEqual(try q.run([try file(rows)]).flights.map(\.icao24), ["bbbbbb"])
        q = FlightQuery()
        q.minAltitudeFeet = 20_000
        XCTAssertEqual(try q.run([try file(rows)]).flights.map(\.icao24), ["aaaaaa"])
        q.minAltitudeFeet = nil
        q.maxAltitudeFeet = 20_000
        XCTAssertEqual(try q.run([try file(rows)]).flights.map(\.icao24), ["bbbbbb"])
    }

    func testBoxValidation() {
        XCTAssertThrowsError(try BoundingBox(parsing: "45,5,45,10")) {
            XCTAssertEqual($0 as? FlightQueryError, .invalidBoundingBox("45,5,45,10", reason: "LAMIN must be less than LAMAX"))
        }
        XCTAssertThrowsError(try BoundingBox(parsing: "-91,5,45,10")) {
            XCTAssertEqual($0 as? FlightQueryError, .invalidBoundingBox("-91,5,45,10", reason: "latitudes must be within ±90"))
        }
        XCTAssertEqual(try BoundingBox(parsing: "-90, -180, 90, 180"), try BoundingBox(parsing: "-90,-180,90,180"))
        var q = FlightQuery()
        XCTAssertThrowsError(try q.setSort("-speed")) { XCTAssertEqual($0 as? FlightQueryError, .invalidSort("-speed")) }
    }
}
