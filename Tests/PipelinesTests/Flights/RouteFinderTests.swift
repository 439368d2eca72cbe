import XCTest
import LakeFormats
@testable import Pipelines

/// A hand-built day of two aircraft with known origins and destinations.
final class RouteFinderTests: XCTestCase {
    private let t = ObservationFixtures.dayStart
    private let airports = AirportTable(airports: [
        Airport(code: "EDDF", iata: "FRA", name: "Frankfurt", type: "large_airport", latitude: 50.0333, longitude: 8.5706),
        Airport(code: "EGLL", iata: "LHR", name: "Heathrow", type: "large_airport", latitude: 51.4706, longitude: -0.4619),
        Airport(code: "LFPG", iata: "CDG", name: "Charles de Gaulle", type: "large_airport", latitude: 49.0097, longitude: 2.5479),
    ])

    private func o(_ icao: String, _ cs: String?, _ minutes: Int64, _ lat: Double, _ lon: Double, _ feet: Double, ground: Bool = false) -> FlightObservation {
        ObservationFixtures.observation(icao, cs, at: t + minutes * 60, lat: lat, lon: lon, feet: feet, knots: ground ? 10 : 400, onGround: ground)
    }

    func testTwoAircraft() throws {
        let rows = [
            // A: Frankfurt → Heathrow, then (after 2 h on the ground, new callsign) Heathrow → Frankfurt.
            o("aaaaaa", "DLH1", 0, 50.04, 8.56, 0, ground: true),
            o("aaaaaa", "DLH1", 20, 50.5, 5.0, 35_000),
            o("aaaaaa", "DLH1", 45, 51.46, -0.40, 1500),
            o("aaaaaa", "DLH2", 180, 51.47, -0.45, 0, ground: true),
            o("aaaaaa", "DLH2", 200, 51.0, 3.0, 30_000),
            o("aaaaaa", "DLH2", 225, 50.05, 8.50, 2500),
            // B: Paris → Frankfurt, but a 40-minute gap in coverage splits it into two tracks with one end each.
            o("bbbbbb", "AFR7", 0, 49.01, 2.55, 0, ground: true),
            o("bbbbbb", "AFR7", 10, 49.3, 4.0, 20_000),
            o("bbbbbb", "AFR7", 50, 49.8, 7.5, 12_000),
            o("bbbbbb", "AFR7", 55, 50.02, 8.55, 500),
            // C: seen only at cruise: a track with no ends.
            o("cccccc", "BAW9", 30, 52.0, 0.0, 37_000),
        ]
        let finder = RouteFinder(observations: rows.reversed(), airports: airports)
        XCTAssertEqual(finder.tracks.count, 5)
        XCTAssertEqual(finder.tracksWithBothEnds, 2)
        XCTAssertEqual(finder.routes.map { "\($0.origin.code)-\($0.destination.code):\($0.flights)" }, ["EDDF-EGLL:1", "EGLL-EDDF:1"])

        let doc = try JSONValue.parse(finder.encode(date: "2025-09-18"))
        XCTAssertEqual(doc["routes"]?[0]?["percentage"], .number(JSONNumber("50.0")!))
        XCTAssertEqual(doc["routes"]?[0]?["origin_name"], .string("Frankfurt"))
    }

    /// A track whose end is high up has no destination, even right over an airport.
    func testHighEndsAreNotAirports() {
        let rows = [o("aaaaaa", "X", 0, 50.04, 8.56, 0, ground: true), o("aaaaaa", "X", 10, 51.47, -0.45, 3000)]
        let finder = RouteFinder(observations: rows, airports: airports)
        XCTAssertEqual(finder.tracksWithBothEnds, 0)
        XCTAssertEqual(finder.routes, [])
    }
}
