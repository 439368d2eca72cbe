// Derived classifications of flights.md §3: flight phase (first match wins; nulls count as
// 0), altitude band and speed band.

/// The phase of flight an observation is in.
public enum FlightPhase: String, Sendable, CaseIterable {
    case ground, taxi, takeoff, climb, descent, approach, cruise

    /// Classifies by altitude (ft), ground speed (kt) and vertical rate (ft/min).
    public static func classify(onGround: Bool, altitudeFeet: Double?, speedKnots: Double?, verticalRateFPM: Double?) -> FlightPhase {
        let altitude = altitudeFeet ?? 0, speed = speedKnots ?? 0, rate = verticalRateFPM ?? 0
        if onGround || altitude <= 100 {
            if speed <= 5 { return .ground }
            if speed <= 30 { return .taxi }
            return .takeoff
        }
        if rate >= 500 { return altitude < 3000 ? .takeoff : .climb }
        if rate <= -300 { return altitude < 3000 ? .approach : .descent }
        if altitude >= 10_000 { return .cruise }
        if speed < 150 { return .approach }
        return .cruise
    }
}

/// Altitude bands: ground, low < 10 000 ft, medium < 30 000, high < 50 000, very_high.
public enum AltitudeBand: String, Sendable, CaseIterable {
    case ground, low, medium, high
    case veryHigh = "very_high"

    /// Nil when the altitude is unknown and the aircraft is not on the ground.
    public static func classify(onGround: Bool, altitudeFeet: Double?) -> AltitudeBand? {
        if onGround { return .ground }
        guard let feet = altitudeFeet else { return nil }
        if feet < 10_000 { return .low }
        if feet < 30_000 { return .medium }
        if feet < 50_000 { return .high }
        return .veryHigh
    }
}

/// Speed bands: stationary < 5 kt, taxi < 30, low < 150, medium < 350, high < 600, supersonic.
public enum SpeedBand: String, Sendable, CaseIterable {
    case stationary, taxi, low, medium, high, supersonic

    public static func classify(knots: Double?) -> SpeedBand? {
        guard let knots else { return nil }
        if knots < 5 { return .stationary }
        if knots < 30 { return .taxi }
        if knots < 150 { return .low }
        if knots < 350 { return .medium }
        if knots < 600 { return .high }
        return .supersonic
    }
}
