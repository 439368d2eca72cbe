import TestSupport
import XCTest
import LakeBuild
import LakeFormats
import Parquet
@testable import Pipelines

final class ActionFlightsHourlyTests: XCTestCase {
    private let t = FlightFixtures.snapshotTime
    private let folder = "raw/flights/date=2025-09-18/hour=16/"

    private func run(_ files: [String: [UInt8]]) throws -> ActionResult {
        let snapshots = files.keys.filter { $0.hasPrefix("raw/") }.sorted()
        return try FlightFixtures.run(
            .flightsHourly, binding: ["date": "2025-09-18", "hour": "16"],
            inputs: [snapshots, ["reference/airlines.csv"]],
            outputs: ["processed/flights/date=2025-09-18/hour=16/data.parquet",
                      "processed/flights_rejected/date=2025-09-18/hour=16/data.parquet",
                      "metrics/flights/hourly/date=2025-09-18/hour=16.json"],
            files: files.merging(["reference/airlines.csv": Array("icao,iata,name,callsign,country\nDLH,LH,Lufthansa,LUFTHANSA,Germany\n".utf8)]) { a, _ in a })
    }

    func testThreeOutputsFromOneParse() throws {
        let result = try run([
            folder + "a.json": FlightFixtures.snapshot(rows: [
                FlightFixtures.servedRow(),
                FlightFixtures.servedRow(icao24: "\"nothex\""),
                FlightFixtures.servedRow(icao24: "\"4ca7b3\"", callsign: "null", baro: "0", onGround: "true", velocity: "0"),
            ]),
            folder + "b.json": FlightFixtures.snapshot(time: t + 10, rows: [FlightFixtures.servedRow()]),
            folder + "broken.json": Array("{\"time\": ".utf8),
            folder + "wrong-hour.json": FlightFixtures.snapshot(time: t + 3600, rows: [FlightFixtures.servedRow()]),
        ])
        guard let (outputs, rejections) = result.outputBytes else { return XCTFail("\(result)") }
        XCTAssertEqual(rejections.map(\.path), [folder + "broken.json", folder + "wrong-hour.json"])
        XCTAssertEqual(rejections[1].errors.first?.message, "snapshot time 2025-09-18T17:03:27Z does not belong to date=2025-09-18/hour=16")

        let kept = try ParquetFileReader(bytes: outputs[0])
        let rows = try kept.rows(rowGroup: 0)
        XCTAssertEqual(rows.count, 2)
        let names = kept.schema.fields.map(\.name)
        func value(_ row: Int, _ column: String) -> ParquetValue { rows[row][names.firstIndex(of: column) ?? 0] }
        XCTAssertEqual(value(0, "icao24"), .string("3c6444"))
        XCTAssertEqual(value(0, "snapshot_time"), .timestamp((t + 10) * 1000, unit: .millis, isAdjustedToUTC: true))
        XCTAssertEqual(value(0, "airline_icao"), .string("DLH"))
        XCTAssertEqual(value(0, "airline_name"), .string("Lufthansa"))
        XCTAssertEqual(value(0, "flight_phase"), .string("cruise"))
        XCTAssertEqual(value(0, "quality_grade"), .string("A"))
        XCTAssertEqual(value(1, "icao24"), .string("4ca7b3"))
        XCTAssertEqual(value(1, "baro_altitude_ft"), .double(0))
        XCTAssertEqual(value(1, "velocity_kt"), .double(0))
        XCTAssertEqual(value(1, "callsign"), .null)
        XCTAssertEqual(value(1, "quality_flags"), .string("missing_callsign"))

        let rejected = try ParquetFileReader(bytes: outputs[1]).rows(rowGroup: 0)
        XCTAssertEqual(rejected.count, 1)
        XCTAssertEqual(rejected[0][0], .string(folder + "a.json"))
        XCTAssertEqual(rejected[0][1], .int32(1))
        XCTAssertEqual(rejected[0][4], .string("invalid_icao24"))

        let metrics = try JSONValue.parse(outputs[2])
        XCTAssertEqual(metrics["rows_read"], .number(JSONNumber("4")!))
        XCTAssertEqual(metrics["kept"], .number(JSONNumber("2")!))
        XCTAssertEqual(metrics["rejected"], .number(JSONNumber("1")!))
        XCTAssertEqual(metrics["duplicates"], .number(JSONNumber("1")!))
        XCTAssertEqual(metrics["rejected_files"], .number(JSONNumber("2")!))
        XCTAssertEqual(metrics["balanced"], .bool(true))
    }

    func testEmptyHourGivesReadableEmptyFiles() throws {
        let result = try run([folder + "a.json": Array("{\"time\": \(t), \"states\": null}".utf8)])
        guard let (outputs, rejections) = result.outputBytes else { return XCTFail("\(result)") }
        XCTAssertEqual(rejections, [])
        XCTAssertEqual(try ParquetFileReader(bytes: outputs[0]).metadata.numRows, 0)
        XCTAssertEqual(try ParquetFileReader(bytes: outputs[1]).metadata.numRows, 0)
    }

    /// The hourly Parquet read by pyarrow: types, timestamps and derived values as the spec says.
    func testPyarrowReadsTheHourlyFile() throws {
        let python = try InteropPython.path(for: "pyarrow")
        guard let (outputs, _) = try run([folder + "a.json": FlightFixtures.snapshot(rows: [FlightFixtures.servedRow()])]).outputBytes else {
            return XCTFail("no outputs")
        }
        let path = NSTemporaryDirectory() + "hourly-\(UUID().uuidString).parquet"
        try Data(outputs[0]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import pyarrow.parquet as pq, sys
            t = pq.read_table(sys.argv[1])
            r = t.to_pylist()[0]
            print(t.schema.field('snapshot_time').type, t.schema.field('last_contact').type)
            print(r['snapshot_time'].isoformat(), round(r['baro_altitude_ft'], 2), round(r['velocity_kt'], 1), r['squawk'], r['quality_score'])
            """
        let output = try PythonRunner.run(python, script: script, arguments: [path])
        XCTAssertEqual(output, "timestamp[ms, tz=UTC] timestamp[ms, tz=UTC]\n2025-09-18T16:03:27+00:00 10000.0 250.0 0421 1.0\n")
    }
}

/// Runs a Python script with the interop interpreter and returns its stdout.
enum PythonRunner {
    static func run(_ python: String, script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { XCTFail(String(decoding: errors, as: UTF8.self)) }
        return String(decoding: data, as: UTF8.self)
    }
}
