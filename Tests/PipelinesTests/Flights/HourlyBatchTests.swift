import XCTest
@testable import Pipelines

final class HourlyBatchTests: XCTestCase {
    private let t = FlightFixtures.snapshotTime

    /// Two snapshots carrying the same observation: the later snapshot's row wins, and
    /// kept + rejected + duplicates = rows read.
    func testDedupLastSnapshotWinsAndCountsBalance() throws {
        let first = FlightFixtures.snapshot(time: t, rows: [
            FlightFixtures.servedRow(icao24: "\"bbbbbb\"", timePosition: String(t - 30), velocity: "100"),
            FlightFixtures.servedRow(icao24: "\"aaaaaa\""),
            FlightFixtures.servedRow(icao24: "\"zz\""),
        ])
        let second = FlightFixtures.snapshot(time: t + 10, rows: [
            FlightFixtures.servedRow(icao24: "\"bbbbbb\"", timePosition: String(t - 30), velocity: "120"),
            FlightFixtures.servedRow(icao24: "\"bbbbbb\"", timePosition: String(t + 5)),
            FlightFixtures.servedRow(lon: "0", lat: "0"),
        ])
        // Given out of order: the batch orders snapshots by their own time.
        let batch = try FlightFixtures.hour([("raw/b.json", second), ("raw/a.json", first)])
        XCTAssertEqual(batch.counts.rowsRead, 6)
        XCTAssertEqual(batch.counts.kept, 3)
        XCTAssertEqual(batch.counts.rejectedRows, 2)
        XCTAssertEqual(batch.counts.duplicates, 1)
        XCTAssertEqual(batch.kept.map(\.icao24), ["aaaaaa", "bbbbbb", "bbbbbb"])
        XCTAssertEqual(batch.kept[1].velocityMetresPerSecond, 120)
        XCTAssertEqual(batch.kept[1].snapshotTime, t + 10)
        XCTAssertEqual(batch.kept[2].timePosition, t + 5)
        XCTAssertEqual(batch.rejected.map(\.sourceFile), ["raw/a.json", "raw/b.json"])
        XCTAssertEqual(batch.rejected.map(\.rowIndex), [2, 2])
        XCTAssertEqual(batch.rejected.map { $0.reasons.map(\.rawValue) }, [["invalid_icao24"], ["null_island"]])
        XCTAssertEqual(batch.counts.reasonCounts, ["invalid_icao24": 1, "null_island": 1])
    }

    /// Without a position time the dedup key uses last_contact.
    func testDedupByLastContactWhenNoPositionTime() throws {
        let a = FlightFixtures.snapshot(time: t, rows: [FlightFixtures.servedRow(timePosition: "null")])
        let b = FlightFixtures.snapshot(time: t + 5, rows: [FlightFixtures.servedRow(timePosition: "null")])
        let batch = try FlightFixtures.hour([("a", a), ("b", b)])
        XCTAssertEqual(batch.counts.kept, 1)
        XCTAssertEqual(batch.counts.duplicates, 1)
    }

    func testEnrichment() throws {
        let airlines = try AirlineTable(path: "reference/airlines.csv", bytes: Array("icao,iata,name,callsign,country\nDLH,LH,Lufthansa,LUFTHANSA,Germany\n".utf8))
        let aircraft = try AircraftTable(path: "reference/aircraft.csv", bytes: Array("icao24,registration,manufacturericao,manufacturername,model,typecode,operator\n3C6444,D-AIBD,AIRBUS,Airbus,A319 112,A319,Lufthansa\n".utf8))
        let references = FlightReferences(airlines: airlines, aircraft: aircraft)
        guard case .kept(let o) = try FlightFixtures.judge(FlightFixtures.servedRow(), references: references) else { return XCTFail("rejected") }
        XCTAssertEqual(o.airline?.icao, "DLH")
        XCTAssertEqual(o.airline?.name, "Lufthansa")
        XCTAssertEqual(o.aircraft, AircraftRecord(registration: "D-AIBD", typecode: "A319", model: "A319 112", manufacturer: "Airbus", operatorName: "Lufthansa"))
        // A callsign that does not match the airline pattern is not attributed.
        guard case .kept(let p) = try FlightFixtures.judge(FlightFixtures.servedRow(callsign: "\"DLHABC\""), references: references) else { return XCTFail("rejected") }
        XCTAssertNil(p.airline)
    }
}
