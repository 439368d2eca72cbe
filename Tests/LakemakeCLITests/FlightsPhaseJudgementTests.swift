// Flight judgement before nulling (flights.md §2–§3), through the binary: phase, consistency
// and quality are judged on the values as received, an invalid value counts as unknown (not as
// 0), and only then is it nulled in the output.

import Foundation
import LakeFormats
import XCTest

final class FlightsPhaseJudgementTests: XCTestCase {
    private var lake: TemporaryLake?

    override func tearDown() { lake?.remove() }

    /// The kept rows of one built snapshot, by icao24.
    private func keptRows(_ rows: [String]) throws -> [String: JSONValue] {
        let lake = try FlightsLake.make()
        self.lake = lake
        let hour = FlightsRowReasonsTests.hour
        try lake.write("raw/flights/\(hour)/flight_data_20250918_160327.json",
                       "{\"time\": \(FlightsRowReasonsTests.time), \"states\": [\n" + rows.joined(separator: ",\n") + "\n]}\n")
        let build = try lake.run("build", "-j", "2", "-q")
        XCTAssertEqual(build.status, 0, build.stdout + build.stderr)
        let cat = try lake.run("parquet", "cat", lake.lake + "/processed/flights/\(hour)/data.parquet")
        XCTAssertEqual(cat.status, 0, cat.stderr)
        var byICAO: [String: JSONValue] = [:]
        for line in cat.lines {
            let row = try JSONValue.parse(Array(line.utf8))
            if let icao = row["icao24"].flatMap(HostileInputTests.string) { byICAO[icao] = row }
        }
        return byICAO
    }

    func testInvalidValuesAreUnknownForThePhaseAndNulledAfterwards() throws {
        let row = { (changes: [Int: String]) in FlightsRowReasonsTests.row(changes) }
        let outOfRange = "30480.0"  // 100 000 ft
        let rows = try keptRows([
            row([0: "\"a00001\"", 7: outOfRange, 11: "null"]),                  // airborne, no valid altitude or rate
            row([0: "\"a00002\"", 7: outOfRange, 11: "10.16"]),                 // airborne, climbing 2000 ft/min
            row([0: "\"a00003\"", 7: outOfRange, 8: "true", 9: "0.0"]),         // on ground, altitude out of range
            row([0: "\"a00004\"", 7: "0.0", 8: "true", 9: "null"]),             // on ground, speed unknown
            row([0: "\"a00005\"", 7: "0.0", 8: "true", 9: "0.0"]),              // on ground, parked
        ])
        XCTAssertEqual(rows.count, 5)
        func column(_ icao: String, _ name: String) -> String? { rows[icao]?[name].flatMap(HostileInputTests.string) }

        XCTAssertEqual(column("a00001", "flight_phase"), "unknown", "an invalid altitude is not 0 ft, so not a takeoff")
        XCTAssertEqual(column("a00002", "flight_phase"), "climb")
        XCTAssertEqual(column("a00003", "flight_phase"), "ground")
        XCTAssertEqual(column("a00004", "flight_phase"), "unknown", "no speed: not a takeoff either")
        XCTAssertEqual(column("a00005", "flight_phase"), "ground")

        XCTAssertEqual(column("a00001", "quality_flags"), "invalid_altitude")
        XCTAssertEqual(column("a00003", "quality_flags"), "invalid_altitude,ground_altitude_conflict",
                       "the conflict is judged on the altitude as received")
        for icao in ["a00001", "a00002", "a00003"] {
            let kept = try XCTUnwrap(rows[icao])
            XCTAssertEqual(kept["baro_altitude_m"] ?? JSONValue.null, JSONValue.null, "\(icao): the invalid altitude is nulled in the output")
        }
        // Validity 2 of 3 range checks; consistency judged on the received altitude: the on-ground
        // conflict fails it (0.25 · 0 instead of 0.25 · 1).
        if case .number(let score)? = rows["a00003"]?["quality_score"], let value = score.double() {
            XCTAssertEqual(value, 0.30 * 1 + 0.30 * 2 / 3 + 0.25 * 0 + 0.15 * 1, accuracy: 0.0001)
        } else {
            XCTFail("a00003 has no quality_score")
        }
    }
}
