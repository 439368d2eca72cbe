// The reason codes of flights.md §2, in the order the spec lists them. Reports and metrics
// list them in this order, never in a dictionary's.

/// A critical problem: the row goes to the rejected-rows table.
public enum RejectReason: String, Sendable, CaseIterable, Equatable {
    case badShape = "bad_shape"
    case invalidICAO24 = "invalid_icao24"
    case missingPosition = "missing_position"
    case invalidLatitude = "invalid_latitude"
    case invalidLongitude = "invalid_longitude"
    case nullIsland = "null_island"
    case futureContact = "future_contact"
    case stale = "stale"
}

/// A non-critical problem: the row is kept, flagged and scored.
public enum QualityFlag: String, Sendable, CaseIterable, Equatable {
    case invalidAltitude = "invalid_altitude"
    case invalidVelocity = "invalid_velocity"
    case excessiveVerticalRate = "excessive_vertical_rate"
    case groundAltitudeConflict = "ground_altitude_conflict"
    case missingCallsign = "missing_callsign"
    case missingAltitude = "missing_altitude"
    case missingVelocity = "missing_velocity"
}
