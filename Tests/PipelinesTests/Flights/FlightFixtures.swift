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
