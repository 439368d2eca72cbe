// Hand-written snapshot rows for the flight tests. The base row is complete and valid; tests
// change one value at a time so each check is tripped on its own.

@testable import Pipelines
import LakeBuild

enum FlightFixtures {
    /// 2025-09-18T16:03:27Z
    static let snapshotTime: Int64 = 1_758_211_407

    /// A complete, valid airborne row as served, last contact 30 s before the snapshot.
    static func servedRow(
        icao24: String = "\"3c6444\"", callsign: String = "\"DLH9LF  \"", country: String = "\"Germany\"",
        timePosition: String? = nil, lastContact: String? = nil, lon: String = "8.5622", lat: String = "50.0379",
        baro: String = "3048.0", onGround: String = "false", velocity: String = "128.6", track: String = "92.5",
        rate: String = "0.0", geo: String = "3100.0", squawk: String = "\"0421\""
    ) -> String {
        let contact = lastContact ?? String(snapshotTime - 30)
        let position = timePosition ?? String(snapshotTime - 30)
        return "[\(icao24),\(callsign),\(country),\(position),\(contact),\(lon),\(lat),\(baro),\(onGround),\(velocity),\(track),\(rate),null,\(geo),\(squawk),false,0]"
    }

    static func snapshot(time: Int64 = snapshotTime, rows: [String]) -> [UInt8] {
        Array("{\"time\":\(time),\"states\":[\(rows.joined(separator: ","))]}".utf8)
    }

    /// Parses one served row in a snapshot and returns its state.
    static func state(_ row: String) throws -> StateVector {
        let snapshot = try Snapshot.parse(snapshot(rows: [row]))
        return snapshot.rows[0].state
    }

    /// What the hourly action makes of snapshot files (path, bytes) taken as one hour: the kept
    /// rows as the hourly Parquet holds them (written and read back), the rejected rows and the
    /// counts. A file rejected whole is left out, as the action leaves it out.
    static func hour(_ files: [(path: String, bytes: [UInt8])], references: FlightReferences = .empty) throws
        -> (kept: [FlightObservation], rejected: [RejectedRow], counts: HourlyCounts) {
        var accumulator = HourlyAccumulator(references: references)
        for file in files { _ = try? accumulator.add(path: file.path, bytes: file.bytes) }
        let batch = accumulator.finish()
        let bytes = try HourlyParquet.encode(batch.columns, rows: batch.order)
        return (try HourlyParquet.decode(bytes, path: "hour.parquet"), batch.rejected, batch.counts)
    }

    static func judge(_ row: String, references: FlightReferences = .empty) throws -> RowJudgement {
        RowJudgement.judge(try state(row), snapshotTime: snapshotTime, references: references)
    }

    /// Runs an action over in-memory files.
    static func run(_ action: Action, binding: [String: String], inputs: [[String]], outputs: [String],
                    files: [String: [UInt8]], parameters: [Parameter] = []) throws -> ActionResult {
        let context = ActionContext(
            rule: "test", binding: Binding(binding), parameters: parameters, inputs: inputs, outputs: outputs,
            reader: { path throws(FileSystemError) in
                guard let bytes = files[path] else { throw FileSystemError.notFound(path) }
                return bytes
            })
        return try action.perform(context)
    }
}
