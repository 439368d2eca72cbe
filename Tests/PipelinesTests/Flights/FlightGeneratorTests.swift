import XCTest
import LakeFormats
@testable import Pipelines

final class FlightGeneratorTests: XCTestCase {
    private let airports = AirportTable(airports: [
        Airport(code: "EDDF", name: "Frankfurt", type: "large_airport", latitude: 50.0333, longitude: 8.5706),
        Airport(code: "EGLL", name: "Heathrow", type: "large_airport", latitude: 51.4706, longitude: -0.4619),
        Airport(code: "LEMD", name: "Madrid", type: "large_airport", latitude: 40.4719, longitude: -3.5626),
    ])
    private let airlines = AirlineTable(airlines: [Airline(icao: "DLH", iata: "LH", name: "Lufthansa", callsign: nil, country: "Germany")])

    private func generate(seed: UInt64, bad: Double = 0.1) throws -> [(path: String, bytes: [UInt8])] {
        try FlightGenerator(settings: FlightGeneratorSettings(date: "2025-09-18", hours: 2, aircraft: 40, interval: 600, seed: seed, badRows: bad),
                            airports: airports, airlines: airlines, aircraft: AircraftTable(records: [:])).snapshots()
    }

    func testSameSeedSameBytes() throws {
        let a = try generate(seed: 7), b = try generate(seed: 7), c = try generate(seed: 8)
        XCTAssertEqual(a.map(\.path), b.map(\.path))
        XCTAssertEqual(a.map(\.bytes), b.map(\.bytes))
        XCTAssertNotEqual(a.map(\.bytes), c.map(\.bytes))
    }

    /// 2 hours every 10 minutes: 12 snapshots, in the folder of their own time.
    func testFilesLandInTheirHour() throws {
        let files = try generate(seed: 7)
        XCTAssertEqual(files.count, 12)
        XCTAssertEqual(files.first?.path, "raw/flights/date=2025-09-18/hour=00/flight_data_20250918_000003.json")
        XCTAssertEqual(files.last?.path, "raw/flights/date=2025-09-18/hour=01/flight_data_20250918_015003.json")
    }

    /// Every generated row is accounted for, and the injected faults trip the rules.
    func testFaultsAreRejectedAndCountsBalance() throws {
        let files = try generate(seed: 7, bad: 0.2)
        let batch = try FlightFixtures.hour(files.map { ($0.path, $0.bytes) })
        let c = batch.counts
        XCTAssertEqual(c.kept + c.rejectedRows + c.duplicates, c.rowsRead)
        XCTAssertGreaterThan(c.rowsRead, 12 * 40)
        XCTAssertGreaterThan(c.duplicates, 0)
        for reason in ["null_island", "invalid_icao24", "stale", "future_contact", "missing_position"] {
            XCTAssertGreaterThan(c.reasonCounts[reason] ?? 0, 0, reason)
        }
        XCTAssertGreaterThan(batch.kept.filter { $0.qualityFlags.contains(.invalidAltitude) }.count, 0)
        XCTAssertGreaterThan(batch.kept.filter { !$0.onGround }.count, 0)
        XCTAssertTrue(batch.kept.contains { $0.phase == .cruise })
    }
}
