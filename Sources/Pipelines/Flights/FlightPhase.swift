// Derived classifications of flights.md §3: flight phase (first match wins), altitude band and
// speed band. The phase is judged before invalid values are nulled, but an invalid value is
// passed in as nil: it is unknown, never 0. A comparison on an unknown value is false, so an
// airborne row with an absurd altitude is not taken for one at 0 ft that is taking off.

/// The phase of flight an observation is in.
public enum FlightPhase: String, Sendable, CaseIterable {
    case ground, taxi, takeoff, climb, descent, approach, cruise
    /// Not enough valid values to tell: airborne with neither a valid altitude nor a valid
    /// vertical rate, or on the ground (or at most 100 ft) without a valid speed.
    case unknown

    /// Classifies by altitude (ft), ground speed (kt) and vertical rate (ft/min), each nil when
    /// null or invalid.
    public static func classify(onGround: Bool, altitudeFeet: Double?, speedKnots: Double?, verticalRateFPM: Double?) -> FlightPhase {
        if !onGround && altitudeFeet == nil && verticalRateFPM == nil { return .unknown }
        /// `test` on a known value; false on an unknown one.
        func known(_ value: Double?, _ test: (Double) -> Bool) -> Bool { value.map(test) ?? false }
        if onGround || known(altitudeFeet, { $0 <= 100 }) {
            guard let speed = speedKnots else { return .unknown }
            if speed <= 5 { return .ground }
            if speed <= 30 { return .taxi }
            return .takeoff
        }
        let below3000 = known(altitudeFeet) { $0 < 3000 }
        if known(verticalRateFPM, { $0 >= 500 }) { return below3000 ? .takeoff : .climb }
        if known(verticalRateFPM, { $0 <= -300 }) { return below3000 ? .approach : .descent }
        if known(altitudeFeet, { $0 >= 10_000 }) { return .cruise }
        if known(speedKnots, { $0 < 150 }) { return .approach }
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
