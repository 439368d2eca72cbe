import XCTest
import Parquet
@testable import Pipelines

final class HourlyParquetTests: XCTestCase {
    /// Kept rows written and read back are the same observations, nulls and zeros included.
    func testRoundTrip() throws {
        let rows = [
            FlightFixtures.servedRow(),
            FlightFixtures.servedRow(icao24: "\"4ca7b3\"", callsign: "null", timePosition: "null", baro: "0", onGround: "true", velocity: "0", rate: "null", geo: "null", squawk: "null"),
            FlightFixtures.servedRow(icao24: "\"a1b2c3\"", baro: "30000", velocity: "600"),
        ]
        let snapshot = FlightFixtures.snapshot(rows: rows)
        let kept = try FlightFixtures.hour([("raw/a.json", snapshot)]).kept
        XCTAssertEqual(kept.count, 3)
        // The rows judged one by one, as hand-built observations, are what the hour holds.
        let judged = try Snapshot.parse(snapshot).rows.compactMap { row -> FlightObservation? in
            guard case .kept(let o) = RowJudgement.judge(row.state, snapshotTime: FlightFixtures.snapshotTime, references: .empty) else { return nil }
            return o
        }
        XCTAssertEqual(kept, judged.sorted { $0.icao24 < $1.icao24 })
        XCTAssertEqual(try HourlyParquet.decode(HourlyParquet.encode(judged), path: "x.parquet"), judged)
    }

    /// More rows than one row group holds: several groups, each with its own statistics.
    func testRowGroups() throws {
        let template = try FlightFixtures.state(FlightFixtures.servedRow())
        var observations: [FlightObservation] = []
        for i in 0..<(HourlyParquet.rowGroupRows + 10) {
            guard case .kept(var o) = RowJudgement.judge(template, snapshotTime: FlightFixtures.snapshotTime, references: .empty) else { return XCTFail() }
            o.icao24 = FlightGenerator.hex(i)
            observations.append(o)
        }
        let reader = try ParquetFileReader(bytes: try HourlyParquet.encode(observations))
        XCTAssertEqual(reader.rowGroups.count, 2)
        XCTAssertEqual(try HourlyParquet.decode(reader, rowGroups: [1], path: "x").map(\.icao24), observations.suffix(10).map(\.icao24))
    }

    func testForeignFileIsAnUnreadableInput() throws {
        let writer = try ParquetWriter(schema: ParquetSchema(fields: [ParquetField(name: "x", type: .int32, repetition: .required)]))
        try writer.write(batch: [ColumnBatch(.int32([1]))])
        try writer.finish()
        XCTAssertThrowsError(try HourlyParquet.decode(writer.bytes, path: "other.parquet")) {
            XCTAssertEqual($0 as? FlightsError, .unreadableInput(path: "other.parquet", reason: "not an hourly flights Parquet file (unexpected columns)"))
        }
    }
}
