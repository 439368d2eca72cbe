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

    /// The snapshot's own time decides its hour folder, whatever hour the name says (a fetcher
    /// names the file when it writes it, which may be the next hour); the file keeps its name.
    func testTheSnapshotTimeDecidesTheFolder() throws {
        let lake = try setUpLake()
        try lake.write("../incoming/flight_data_20250918_170000.json", snapshot)
        let result = try lake.run("ingest", "incoming/flight_data_20250918_170000.json")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ingested raw/flights/date=2025-09-18/hour=16/flight_data_20250918_170000.json\n")
        XCTAssertEqual(lake.read("raw/flights/date=2025-09-18/hour=16/flight_data_20250918_170000.json"), snapshot)
    }

    /// The names real exports carry: the original's `_test_` infix and the production hex suffix.
    func testTheNamesRealExportsCarryAreAccepted() throws {
        let lake = try setUpLake()
        let names = ["flight_data_test_20250918_160327.json", "flight_data_20250918_160327_1a2b3c4d.json",
                     "flight_data_test_20250918_160327_00ff.json"]
        for name in names {
            try lake.write("../incoming/" + name, snapshot)
            let result = try lake.run("ingest", "incoming/" + name)
            XCTAssertEqual(result.status, 0, name + ": " + result.stderr)
            XCTAssertEqual(result.stdout, "ingested raw/flights/date=2025-09-18/hour=16/\(name)\n")
        }
        for name in ["flight_data_20250918_160327_.json", "flight_data_20250918_160327_xyz.json", "flight_data_prod_20250918_160327.json",
                     "flight_data_20250931_160327.json", "flight_data_20250918_246000.json", "flight_data_test_20250918_1603.json"] {
            try lake.write("../incoming/" + name, snapshot)
            let result = try lake.run("ingest", "incoming/" + name)
            XCTAssertEqual(result.status, 2, name)
            XCTAssertTrue(result.stderr.hasPrefix("lakemake: error: incoming/\(name): no pipeline accepts a file named"), result.stderr)
        }
    }

    /// The original pipeline's own sample is ingested as it is named, into the hour of its time.
    func testTheOriginalSampleIsIngested() throws {
        let lake = try setUpLake()
        let result = try lake.run("ingest", FlightsOriginSampleTests.fixture)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "ingested raw/flights/date=2025-09-02/hour=15/flight_data_test_20250902_153045.json\n")
    }

    /// A broken snapshot is refused with its line and column, as a build reports it.
    func testABrokenSnapshotShowsLineAndColumn() throws {
        let lake = try setUpLake()
        try lake.write("../incoming/flight_data_20250918_160327.json", "{\"time\": 1758211407,\n\"states\": [[\"3c6444\", \"DLH]]}")
        let result = try lake.run("ingest", "incoming/flight_data_20250918_160327.json")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").first.map(String.init),
                       "lakemake: error: incoming/flight_data_20250918_160327.json:2:23: string is never closed (at $.states[0][1])")
        XCTAssertFalse(lake.exists("raw/flights"))

        try lake.write("../incoming/flight_data_20250918_160328.json", "{\"time\": \"today\", \"states\": []}")
        let noTime = try lake.run("ingest", "incoming/flight_data_20250918_160328.json")
        XCTAssertEqual(noTime.status, 1)
        XCTAssertEqual(noTime.stderr.split(separator: "\n").first.map(String.init),
                       "lakemake: error: incoming/flight_data_20250918_160328.json: 'time' must be a number of unix seconds (at $.time)")

        try lake.write("../incoming/flight_data_20250918_160329.json", "{\"time\": 1758211407000, \"states\": []}")
        let milliseconds = try lake.run("ingest", "incoming/flight_data_20250918_160329.json")
        XCTAssertEqual(milliseconds.status, 1)
        XCTAssertEqual(milliseconds.stderr.split(separator: "\n").first.map(String.init),
                       "lakemake: error: incoming/flight_data_20250918_160329.json: 'time' 1758211407000 is not unix seconds (it would be the year 57685) (at $.time)")
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
