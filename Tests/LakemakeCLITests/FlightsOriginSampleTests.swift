// The original flight pipeline's own sample snapshot (`Fixtures/flights-origin-sample/`, see its
// ORIGIN.md) through the real binary: a real export, shaped as the original fetcher wrote it,
// must keep its good rows and reject exactly its six real faults.

import Foundation
import LakeFormats
import XCTest

final class FlightsOriginSampleTests: XCTestCase {
    static let fixtureName = "flight_data_test_20250902_153045.json"
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/flights-origin-sample/" + fixtureName).path
    static let hour = "date=2025-09-02/hour=15"

    private var lake: TemporaryLake?

    override func tearDown() { lake?.remove() }

    /// A flight lake with the sample placed in its hour, built.
    private func builtLake() throws -> TemporaryLake {
        let lake = try FlightsLake.make()
        self.lake = lake
        try FileManager.default.createDirectory(atPath: lake.lake + "/raw/flights/" + Self.hour, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: lake.lake + "/raw/flights/\(Self.hour)/" + Self.fixtureName)
        let build = try lake.run("build", "-j", "2", "-q")
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)
        return lake
    }

    /// Every row of a Parquet file as JSON objects, via `lakemake parquet cat`.
    private func rows(_ lake: TemporaryLake, _ path: String) throws -> [JSONValue] {
        let cat = try lake.run("parquet", "cat", lake.lake + "/" + path)
        XCTAssertEqual(cat.status, 0, cat.stderr)
        return try cat.lines.map { try JSONValue.parse(Array($0.utf8)) }
    }

    func testTheSampleKeepsItsNinetyFourGoodRows() throws {
        let lake = try builtLake()
        let metrics = try JSONValue.parse(Array(try XCTUnwrap(lake.read("metrics/flights/hourly/\(Self.hour).json")).utf8))
        XCTAssertEqual(metrics["rows_read"].flatMap(HostileInputTests.int), 100)
        XCTAssertEqual(metrics["kept"].flatMap(HostileInputTests.int), 94)
        XCTAssertEqual(metrics["rejected"].flatMap(HostileInputTests.int), 6)
        XCTAssertEqual(metrics["duplicates"].flatMap(HostileInputTests.int), 0)
        let byReason = metrics["rejected_by_reason"]
        XCTAssertEqual(byReason?["null_island"].flatMap(HostileInputTests.int), 3)
        XCTAssertEqual(byReason?["stale"].flatMap(HostileInputTests.int), 2)
        XCTAssertEqual(byReason?["future_contact"].flatMap(HostileInputTests.int), 1)
        XCTAssertEqual(byReason?["bad_shape"].flatMap(HostileInputTests.int), 0)

        let rejected = try rows(lake, "processed/flights_rejected/\(Self.hour)/data.parquet")
        let reasonsByRow = Dictionary(uniqueKeysWithValues: rejected.compactMap { row -> (Int, String)? in
            guard let index = row["row_index"].flatMap(HostileInputTests.int),
                  let reasons = row["reasons"].flatMap(HostileInputTests.string) else { return nil }
            return (index, reasons)
        })
        XCTAssertEqual(reasonsByRow, [15: "stale", 30: "null_island", 39: "null_island", 44: "future_contact",
                                      63: "null_island", 65: "stale"])
        XCTAssertEqual(try rows(lake, "processed/flights/\(Self.hour)/data.parquet").count, 94)
    }

    /// states[12] reports 100 000 m while airborne, and a vertical rate out of range too: it is
    /// kept, both values flagged and nulled, and with neither a valid altitude nor a valid rate
    /// its phase is unknown (counted as 0 ft it used to be a takeoff).
    func testTheAbsurdAltitudeIsUnknownNotATakeoff() throws {
        let lake = try builtLake()
        let kept = try rows(lake, "processed/flights/\(Self.hour)/data.parquet")
        let absurd = try XCTUnwrap(kept.first { $0["icao24"].flatMap(HostileInputTests.string) == "3cb671" })
        XCTAssertEqual(absurd["flight_phase"].flatMap(HostileInputTests.string), "unknown")
        XCTAssertEqual(absurd["quality_flags"].flatMap(HostileInputTests.string), "invalid_altitude,excessive_vertical_rate")
        XCTAssertEqual(absurd["baro_altitude_m"] ?? JSONValue.null, JSONValue.null)
        XCTAssertEqual(absurd["vertical_rate_ms"] ?? JSONValue.null, JSONValue.null)
    }
}
