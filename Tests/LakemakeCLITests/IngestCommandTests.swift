import Foundation
import XCTest

final class IngestCommandTests: XCTestCase {
    private var lake: TemporaryLake?

    override func tearDown() { lake?.remove() }

    private func setUpLake() throws -> TemporaryLake {
        let lake = try TemporaryLake(rules: nil)
        try FileManager.default.createDirectory(atPath: lake.lake + "/raw", withIntermediateDirectories: true)
        self.lake = lake
        return lake
    }

    private let snapshot = "{\"time\": 1758211407, \"states\": []}"

    func testSnapshotLandsInItsHour() throws {
        let lake = try setUpLake()
        try lake.write("../incoming/flight_data_20250918_160327.json", snapshot)
        let result = try lake.run("ingest", "incoming/flight_data_20250918_160327.json")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ingested raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160327.json\n")
        XCTAssertEqual(lake.read("raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160327.json"), snapshot)

        let again = try lake.run("ingest", "incoming/flight_data_20250918_160327.json")
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.hasPrefix("lakemake: error: raw/flights/date=2025-09-18/hour=16/flight_data_20250918_160327.json already exists"), again.stderr)
        XCTAssertEqual(try lake.run("ingest", "--replace", "incoming/flight_data_20250918_160327.json").status, 0)
    }

    func testTimeOutsideTheNamedHourIsRefused() throws {
        let lake = try setUpLake()
        try lake.write("../incoming/flight_data_20250918_170000.json", snapshot)
        let result = try lake.run("ingest", "incoming/flight_data_20250918_170000.json")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").first.map(String.init),
                       "lakemake: error: flight_data_20250918_170000.json: not accepted as a flight snapshot: its time 2025-09-18T16:03:27Z is not in the hour its name says (2025-09-18 17:00)")
        XCTAssertFalse(lake.exists("raw/flights"))
    }

    func testUnknownNamesAndBrokenSnapshotsAreRefused() throws {
        let lake = try setUpLake()
        try lake.write("../incoming/notes.json", snapshot)
        try lake.write("../incoming/flight_data_20250918_160327.json", "{\"time\": ")
        let unknown = try lake.run("ingest", "incoming/notes.json")
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("lakemake: error: incoming/notes.json: no pipeline accepts a file named 'notes.json'"), unknown.stderr)
        let broken = try lake.run("ingest", "incoming/flight_data_20250918_160327.json")
        XCTAssertEqual(broken.status, 1)
        XCTAssertFalse(lake.exists("raw/flights"))
    }
}
