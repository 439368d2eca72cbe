// Landing snapshots in `raw/flights/`: each file is written to a temporary file inside the
// lake, fsynced and renamed into place, so a build never sees half a snapshot. Used by
// `gen flights`, `ingest` and `fetch`; none of them ever replaces an existing raw file unless
// asked to.

import Foundation
import LakeBuild

/// Writes snapshot files into a lake.
public struct RawSnapshotWriter: Sendable {
    public let lake: String
    private let fileSystem: LocalFileSystem

    public init(lake: String) {
        self.lake = lake
        fileSystem = LocalFileSystem(root: lake)
    }

    /// True if a file exists at the lake-relative `path`.
    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: lake + "/" + path) }

    /// Writes `bytes` at the lake-relative `path` atomically.
    public func write(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        let temp = fileSystem.temporaryPath(for: path)
        try fileSystem.writeTemporary(bytes, to: temp)
        try fileSystem.publish(temp, to: path)
    }

    /// The lake-relative folder of a snapshot taken at `time`: `raw/flights/date=…/hour=…/`.
    public static func folder(for time: Int64) -> String {
        let t = UTCTime(unixSeconds: time)
        return "raw/flights/date=\(t.date)/hour=\(t.hourText)/"
    }

    /// `flight_data_YYYYMMDD_HHMMSS.json` for a snapshot taken at `time`.
    public static func fileName(for time: Int64) -> String {
        "flight_data_\(UTCTime(unixSeconds: time).compact).json"
    }
}

/// The reference tables of a lake, as the CLI tools need them.
public struct FlightReferenceFiles: Sendable {
    public var airports: AirportTable
    public var airlines: AirlineTable
    public var aircraft: AircraftTable

    /// Reads `reference/{airports,airlines,aircraft}.csv`; a missing aircraft table is empty.
    public init(lake: String) throws(FlightsError) {
        func bytes(_ name: String, required: Bool) throws(FlightsError) -> [UInt8]? {
            let path = lake + "/reference/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                if required { throw .unreadableReference(path: "reference/" + name, reason: "the file does not exist") }
                return nil
            }
            return [UInt8](data)
        }
        airports = try AirportTable(path: "reference/airports.csv", bytes: try bytes("airports.csv", required: true) ?? [])
        airlines = try AirlineTable(path: "reference/airlines.csv", bytes: try bytes("airlines.csv", required: true) ?? [])
        if let data = try bytes("aircraft.csv", required: false) {
            aircraft = try AircraftTable(path: "reference/aircraft.csv", bytes: data)
        } else {
            aircraft = AircraftTable(records: [:])
        }
    }
}
