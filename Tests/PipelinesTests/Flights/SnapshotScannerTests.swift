import XCTest
import LakeFormats
@testable import Pipelines

/// The byte-level snapshot reader the hourly action uses (`SnapshotScanner`, `StateRow`) and
/// the hour it fills (`HourlyAccumulator`): rows and their text, whole-file rejections with
/// where they are, and the edges of the input contract.
final class SnapshotScannerTests: XCTestCase {
    private let t = FlightFixtures.snapshotTime

    /// Every row of `bytes` as the scanner gives it: values, problems and text.
    private func scan(_ bytes: [UInt8]) throws -> (time: Int64, rows: [(state: StateVector, text: String)]) {
        var scanner = SnapshotScanner(bytes)
        var rows: [(StateVector, String)] = []
        while try scanner.nextRow() { rows.append((StateVector(scanner.row), scanner.rowText)) }
        return (try scanner.finish(), rows)
    }

    private func scan(_ text: String) throws -> (time: Int64, rows: [(state: StateVector, text: String)]) {
        try scan(Array(text.utf8))
    }

    func testRowsComeInOrderWithTheirTextAsItArrived() throws {
        let rows = [FlightFixtures.servedRow(), FlightFixtures.servedRow(icao24: "\"4ca7b3\"", callsign: "null")]
        let text = "{\"time\": \(t),\n \"states\": [\n  \(rows[0]),\n  \(rows[1])\n ]}"
        let scanned = try scan(text)
        XCTAssertEqual(scanned.time, t)
        XCTAssertEqual(scanned.rows.map(\.text), rows)
        XCTAssertEqual(scanned.rows.map(\.state.icao24), ["3c6444", "4ca7b3"])
        XCTAssertEqual(scanned.rows.map(\.state.callsign), ["DLH9LF  ", nil])
        XCTAssertEqual(scanned.rows[0].state.latitude, 50.0379)
        XCTAssertEqual(scanned.rows[0].state.longitude, 8.5622)
        XCTAssertEqual(scanned.rows[0].state.lastContact, t - 30)
    }

    func testEmptyAndNullStatesHaveNoRows() throws {
        XCTAssertEqual(try scan("{\"time\": \(t), \"states\": []}").rows.count, 0)
        XCTAssertEqual(try scan("{\"states\": null, \"time\": \(t)}").rows.count, 0)
        XCTAssertEqual(try scan("{\"time\": \(t), \"states\": [], \"metadata\": {\"states\": [1]}}").rows.count, 0)
    }

    /// Null is "no value" for every field: nothing is invented, and only last_contact, which
    /// may not be null, is a problem.
    func testNullFields() throws {
        let row = "[\"3c6444\",null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null]"
        let state = try scan("{\"time\": \(t), \"states\": [\(row)]}").rows[0].state
        XCTAssertEqual(state, StateVector(icao24: "3c6444", readProblems: [RowProblem(.badType, field: "last_contact", value: "null")]))
        guard case .rejected(let problems) = RowJudgement.judge(state, snapshotTime: t, references: .empty) else { return XCTFail("kept") }
        XCTAssertEqual(problems, [
            RowProblem(.badType, field: "last_contact", value: "null"),
            RowProblem(.missingPosition, field: "latitude"), RowProblem(.missingPosition, field: "longitude"),
        ])
    }

    /// `sensors` as OpenSky documents it (an array), as the original fetcher stored it (a bare
    /// integer), null, or anything else: never a problem, never read.
    func testSensorsInEveryShapeAreAccepted() throws {
        for sensors in ["[1,2,3]", "2", "null", "\"x\"", "{\"a\": [1]}", "[]", "-1.5e3", "true"] {
            let row = FlightFixtures.servedRow().replacingOccurrences(of: ",null,3100.0", with: ",\(sensors),3100.0")
            let state = try XCTUnwrap(try scan(String(decoding: FlightFixtures.snapshot(rows: [row]), as: UTF8.self)).rows.first?.state)
            XCTAssertEqual(state.readProblems, [], sensors)
            guard case .kept = RowJudgement.judge(state, snapshotTime: t, references: .empty) else { return XCTFail(sensors) }
        }
    }

    /// A string of 100 000 bytes is read whole (and kept, when it is a callsign); as a value of
    /// the wrong type, or an invalid icao24, it is quoted cut to 120 characters.
    func testHugeStrings() throws {
        let huge = String(repeating: "A", count: 100_000)
        let state = try FlightFixtures.state(FlightFixtures.servedRow(callsign: "\"\(huge)\""))
        XCTAssertEqual(state.callsign, huge)
        guard case .kept(let o) = RowJudgement.judge(state, snapshotTime: t, references: .empty) else { return XCTFail("rejected") }
        XCTAssertEqual(o.callsign, huge)
        XCTAssertNil(o.airline)

        let wrong = try FlightFixtures.state(FlightFixtures.servedRow(lat: "\"\(huge)\""))
        XCTAssertEqual(wrong.readProblems, [RowProblem(.badType, field: "latitude", value: "\"" + String(repeating: "A", count: 119) + "…")])
        guard case .rejected(let problems) = try FlightFixtures.judge(FlightFixtures.servedRow(icao24: "\"\(huge)\"")) else { return XCTFail("kept") }
        XCTAssertEqual(problems, [RowProblem(.invalidICAO24, field: "icao24", value: "\"" + String(repeating: "A", count: 119) + "…")])
    }

    /// Escapes are decoded before a value is judged or stored.
    func testEscapedStringsAreDecoded() throws {
        let state = try FlightFixtures.state(FlightFixtures.servedRow(icao24: "\"3c\\u00364\\u00344\"", callsign: "\"DLH\\u0039LF\""))
        XCTAssertEqual(state.icao24, "3c6444")
        guard case .kept(let o) = RowJudgement.judge(state, snapshotTime: t, references: .empty) else { return XCTFail("rejected") }
        XCTAssertEqual(o.callsign, "DLH9LF")
    }

    /// Numbers are read from their literals: exponents, signed zero (0,0 at -0.0 is still null
    /// island), integers written with a fraction (truncated), and integers too large to be times.
    func testNumbers() throws {
        let state = try FlightFixtures.state(FlightFixtures.servedRow(timePosition: "1.758211377e9", lon: "8.5622e0", lat: "5003.79e-2", baro: "30.48E2"))
        XCTAssertEqual(state.timePosition, 1_758_211_377)
        XCTAssertEqual(state.longitude, 8.5622)
        XCTAssertEqual(state.latitude, 50.0379)
        XCTAssertEqual(state.baroAltitude, 3048)
        XCTAssertEqual(state.readProblems, [])
        guard case .rejected(let problems) = try FlightFixtures.judge(FlightFixtures.servedRow(lon: "-0.0", lat: "0")) else { return XCTFail("kept") }
        XCTAssertEqual(problems, [RowProblem(.nullIsland)])
        XCTAssertEqual(try FlightFixtures.state(FlightFixtures.servedRow(timePosition: "1e20")).readProblems,
                       [RowProblem(.badType, field: "time_position", value: "1e20")])
        let source = FlightFixtures.servedRow().replacingOccurrences(of: ",false,0]", with: ",false,4294967296]")
        XCTAssertEqual(try FlightFixtures.state(source).positionSource, nil, "a number no Int32 holds is no source, not a problem")
    }

    /// Extra trailing values are neither validated nor output; the 18th is the category.
    func testTrailingValues() throws {
        let row = FlightFixtures.servedRow().dropLast() + ",12,\"extra\",[1]]"
        let state = try FlightFixtures.state(String(row))
        XCTAssertEqual(state.category, 12)
        XCTAssertEqual(state.readProblems, [])
    }

    /// Whole-file rejections name the reason and, for broken JSON, where: line, column, path.
    func testWholeFileRejectionsSayWhere() throws {
        func rejection(_ text: String) -> SnapshotError? {
            do { _ = try scan(text); return nil } catch { return error as? SnapshotError }
        }
        guard case .notJSON(let truncated)? = rejection("{\"time\": \(t),\n \"states\": [\n  \(FlightFixtures.servedRow()),\n  [\"3c6444\", 1") else {
            return XCTFail("accepted a truncated file")
        }
        XCTAssertEqual(truncated.location.line, 4)
        XCTAssertEqual(truncated.location.column, 15)  // the end of the input, where a comma or `]` was due
        XCTAssertEqual(truncated.path.description, "$.states[1][1]")
        XCTAssertEqual(rejection("{\"time\": \"\(t)\", \"states\": []}"), .missingTime)
        XCTAssertEqual(rejection("{\"time\": \(t), \"states\": \"none\"}"), .badStates)
        XCTAssertEqual(rejection("[{\"time\": \(t), \"states\": []}]"), .notAnObject)
        XCTAssertEqual(rejection("{\"time\": \(t), \"states\": []} {}")?.detail.message, "unexpected content after the end of the JSON value")
    }

    /// `time` after `states` is found first, so the rows are judged against it.
    func testTimeAfterTheStates() throws {
        let rows = [FlightFixtures.servedRow(), FlightFixtures.servedRow(icao24: "\"4ca7b3\"", lastContact: String(t - 1801))]
        let late = "{\"states\": [\(rows.joined(separator: ","))], \"time\": \(t)}"
        let hour = try FlightFixtures.hour([("raw/late.json", Array(late.utf8))])
        XCTAssertEqual(hour.kept.map(\.icao24), ["3c6444"])
        XCTAssertEqual(hour.kept.first?.snapshotTime, t)
        XCTAssertEqual(hour.rejected.map { $0.reasons.map(\.rawValue) }, [["stale"]])
    }

    /// A file rejected whole, however far its rows were read, and a file taken back, leave
    /// nothing in the hour; the other files' rows stay.
    func testRejectedFilesLeaveNothingBehind() throws {
        var accumulator = HourlyAccumulator(references: .empty)
        XCTAssertEqual(try accumulator.add(path: "a.json", bytes: FlightFixtures.snapshot(rows: [FlightFixtures.servedRow()])), t)
        var broken = FlightFixtures.snapshot(time: t + 10, rows: [FlightFixtures.servedRow(icao24: "\"4ca7b3\""), FlightFixtures.servedRow(icao24: "\"zz\"")])
        broken.removeLast()
        XCTAssertThrowsError(try accumulator.add(path: "broken.json", bytes: broken))
        XCTAssertEqual(try accumulator.add(path: "elsewhere.json", bytes: FlightFixtures.snapshot(time: t + 20, rows: [FlightFixtures.servedRow(icao24: "\"a1b2c3\"")])), t + 20)
        accumulator.removeLast()
        let batch = accumulator.finish()
        XCTAssertEqual(batch.order.map { batch.columns.icao24[Int($0)].text }, ["3c6444"])
        XCTAssertEqual(batch.columns.count, 1)
        XCTAssertEqual(batch.rejected, [])
        XCTAssertEqual(batch.counts.snapshots, 1)
        XCTAssertEqual(batch.counts.rowsRead, 1)
    }

    /// The archive layout reads into the same row as the served layout.
    func testArchiveLayoutReadsTheSameRow() throws {
        let served = try FlightFixtures.state(FlightFixtures.servedRow())
        let archive = """
            {"icao24": "3c6444", "callsign": "DLH9LF  ", "origin_country": "Germany", "time_position": \(t - 30),
             "last_contact": \(t - 30), "longitude": 8.5622, "latitude": 50.0379, "baro_altitude": 3048.0, "on_ground": false,
             "velocity": 128.6, "true_track": 92.5, "vertical_rate": 0.0, "sensors": null, "geo_altitude": 3100.0,
             "squawk": "0421", "spi": false, "position_source": 0}
            """
        XCTAssertEqual(try scan(String(decoding: FlightFixtures.snapshot(rows: [archive]), as: UTF8.self)).rows[0].state, served)
    }

    func testICAO24() {
        XCTAssertEqual(ICAO24(" 3C6444\t")?.text, "3c6444")
        XCTAssertEqual(ICAO24("000000")?.value, 0)
        XCTAssertEqual(ICAO24("ffffff")?.value, 0xFF_FFFF)
        for invalid in ["3c644", "3c64444", "3c 644", "3c644g", "", "  ", "3c644\u{e9}"] { XCTAssertNil(ICAO24(invalid), invalid) }
        XCTAssertLessThan(ICAO24("09ffff")!, ICAO24("0a0000")!)
    }
}
