import Foundation
import XCTest
@testable import Pipelines

final class SnapshotTests: XCTestCase {
    func testServedLayout() throws {
        let s = try Snapshot.parse(FlightFixtures.snapshot(rows: [FlightFixtures.servedRow()]))
        XCTAssertEqual(s.time, FlightFixtures.snapshotTime)
        XCTAssertEqual(s.rows.count, 1)
        XCTAssertEqual(s.rows[0].state.icao24, "3c6444")
        XCTAssertEqual(s.rows[0].state.baroAltitude, 3048)
        XCTAssertEqual(s.rows[0].state.squawk, "0421")
        XCTAssertEqual(s.rows[0].state.readProblems, [])
    }

    func testNullStatesIsAnEmptySnapshot() throws {
        let s = try Snapshot.parse(Array("{\"time\": 1758211407, \"states\": null}".utf8))
        XCTAssertEqual(s.rows.count, 0)
    }

    /// The archive layout: objects keyed by name, units from `_m`/`_ms` keys when the SI keys are absent.
    func testArchiveLayout() throws {
        let text = """
            {"time": 1758211407, "states": [{"icao24": "3c6444", "callsign": "DLH9LF", "origin_country": "Germany",
              "time_position": 1758211377, "last_contact": 1758211377, "longitude": 8.5, "latitude": 50.0,
              "baro_altitude_m": 3048.0, "baro_altitude_ft": 1.0, "on_ground": false, "velocity_ms": 128.6,
              "vertical_rate": 0, "squawk": "0421", "spi": false, "position_source": 0}],
             "metadata": {"fetched_at": "x"}}
            """
        let s = try Snapshot.parse(Array(text.utf8))
        let state = s.rows[0].state
        XCTAssertEqual(state.baroAltitude, 3048)
        XCTAssertEqual(state.velocity, 128.6)
        XCTAssertEqual(state.readProblems, [])
        guard case .kept(let o) = RowJudgement.judge(state, snapshotTime: s.time, references: .empty) else { return XCTFail("rejected") }
        XCTAssertEqual(o.altitudeFeet ?? 0, 10_000, accuracy: 0.01)
    }

    func testWholeFileRejections() {
        XCTAssertThrowsError(try Snapshot.parse(Array("not json".utf8))) { error in
            guard case .notJSON = error as? SnapshotError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Snapshot.parse(Array("{\"states\": []}".utf8))) { XCTAssertEqual($0 as? SnapshotError, .missingTime) }
        XCTAssertThrowsError(try Snapshot.parse(Array("{\"time\": \"now\", \"states\": []}".utf8))) { XCTAssertEqual($0 as? SnapshotError, .missingTime) }
        XCTAssertThrowsError(try Snapshot.parse(Array("{\"time\": 1, \"states\": {}}".utf8))) { XCTAssertEqual($0 as? SnapshotError, .badStates) }
        XCTAssertThrowsError(try Snapshot.parse(Array("{\"time\": 1}".utf8))) { XCTAssertEqual($0 as? SnapshotError, .badStates) }
        XCTAssertThrowsError(try Snapshot.parse(Array("[1]".utf8))) { XCTAssertEqual($0 as? SnapshotError, .notAnObject) }
    }

    /// A row's raw text is exactly the bytes that arrived, nested values included.
    func testRawTextIsTheRowAsItArrived() throws {
        let s = try Snapshot.parse(Array("{\"time\":1,\"states\":[[\"abc\", 1.50, null, [1, {\"a\": 2}]] , 7, {\"icao24\": \"x\"}]}".utf8))
        XCTAssertEqual(s.rows.map(\.rawText), ["[\"abc\", 1.50, null, [1, {\"a\": 2}]]", "7", "{\"icao24\": \"x\"}"])
        XCTAssertEqual(s.rows[1].state.readProblems.first, RowProblem(.badShape, value: "7"))
        XCTAssertEqual(s.rows[0].state.readProblems, [
            RowProblem(.badType, field: "callsign", value: "1.50"),
            RowProblem(.badType, field: "time_position", value: "[1, {\"a\": 2}]"),  // a nested value quoted as it arrived
            RowProblem(.badShape, value: "4 values, 17 expected"),
        ])
    }

    /// An SI key wins over its archive fallback whatever their order.
    func testSIKeyWinsOverFallback() throws {
        let s = try Snapshot.parse(Array("{\"time\":1,\"states\":[{\"velocity\": 100, \"velocity_ms\": 5}, {\"velocity_ms\": 5, \"velocity\": 100}]}".utf8))
        XCTAssertEqual(s.rows.map(\.state.velocity), [100, 100])
    }

    /// Sensors is the one field that may hold an array.
    func testSensorsArrayIsAccepted() throws {
        let row = FlightFixtures.servedRow().replacingOccurrences(of: ",null,3100.0", with: ",[1,2,3],3100.0")
        XCTAssertEqual(try FlightFixtures.state(row).readProblems, [])
    }

    /// A top-level key given twice makes the file ambiguous: rejected whole, at the second key.
    func testDuplicateTopLevelKeyRejectsTheFile() {
        let text = "{\"time\": 1758211407,\n \"states\": [],\n \"time\": 1758211999}"
        XCTAssertThrowsError(try Snapshot.parse(Array(text.utf8))) { error in
            guard case .notJSON(let e)? = error as? SnapshotError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.reason, .duplicateKey("time"))
            XCTAssertEqual(e.location.line, 3)
            XCTAssertEqual(e.location.column, 2)
            XCTAssertEqual(e.path.description, "$.time")
        }
        let states = "{\"states\": null, \"time\": 1, \"states\": []}"
        XCTAssertThrowsError(try Snapshot.parse(Array(states.utf8))) { error in
            guard case .notJSON(let e)? = error as? SnapshotError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.reason, .duplicateKey("states"))
            XCTAssertEqual(e.location.column, 29)
        }
    }

    /// A field given twice in an archive-layout row rejects that row as bad_shape; the other
    /// rows, and a fallback key next to its SI key, are fine.
    func testDuplicateFieldInARowIsABadShape() throws {
        let text = "{\"time\":1,\"states\":[{\"icao24\": \"aaaaaa\", \"latitude\": 1, \"latitude\": 2}, {\"icao24\": \"bbbbbb\", \"velocity\": 1, \"velocity_ms\": 2}]}"
        let s = try Snapshot.parse(Array(text.utf8))
        XCTAssertEqual(s.rows[0].state.readProblems.first, RowProblem(.badShape, field: "latitude"))
        XCTAssertFalse(s.rows[1].state.readProblems.contains { $0.field == "velocity" })
    }
}
