// The three reference tables as the CLI tools (`flights query`, `gen flights`) read them
// straight from a lake, outside a build.

import Foundation
import LakeBuild

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
                if required { throw .unreadableReference(path: LakeLayout.reference + "/" + name, reason: "the file does not exist") }
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
