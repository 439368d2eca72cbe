// The quality score of flights.md §2: 0.30·completeness + 0.30·validity + 0.25·consistency +
// 0.15·timeliness, and its letter grade. Freshness is measured against the snapshot's own time,
// never the wall clock, so the same file always scores the same. Consistency is judged on the
// values as received, before out-of-range values are nulled for the output.

/// A kept row's score in [0, 1] and grade.
public struct QualityScore: Sendable, Equatable {
    public var completeness: Double
    public var validity: Double
    public var consistency: Double
    public var timeliness: Double

    public var value: Double {
        let raw = 0.30 * completeness + 0.30 * validity + 0.25 * consistency + 0.15 * timeliness
        return (raw * 10_000).rounded() / 10_000
    }

    public var grade: String { Self.grade(value) }

    /// A ≥ 0.95, B ≥ 0.85, C ≥ 0.70, D ≥ 0.50, else F.
    public static func grade(_ score: Double) -> String {
        if score >= 0.95 { return "A" }
        if score >= 0.85 { return "B" }
        if score >= 0.70 { return "C" }
        if score >= 0.50 { return "D" }
        return "F"
    }

    /// Scores `state` with its converted measurements, in a snapshot taken at `snapshotTime`.
    public init(_ state: StateVector, measurements m: ConvertedMeasurements, snapshotTime: Int64) {
        let present = [
            state.normalizedICAO24 != nil, state.latitude != nil, state.longitude != nil,
            state.timePosition != nil, state.lastContact != nil, state.baroAltitude != nil,
            state.velocity != nil, state.normalizedCallsign != nil, state.originCountry.map { !$0.isEmpty } ?? false,
        ]
        completeness = Double(present.filter { $0 }.count) / Double(present.count)

        var checks: [Bool] = []
        if state.baroAltitude != nil { checks.append(!m.flags.contains(.invalidAltitude)) }
        if state.velocity != nil { checks.append(!m.flags.contains(.invalidVelocity)) }
        if state.verticalRate != nil { checks.append(!m.flags.contains(.excessiveVerticalRate)) }
        validity = Self.share(checks)

        var consistent: [Bool] = []
        let feet = state.baroAltitude.map(UnitConversion.feet(metres:)), knots = state.velocity.map(UnitConversion.knots(metresPerSecond:))
        if state.onGround, feet != nil { consistent.append(!m.flags.contains(.groundAltitudeConflict)) }
        if !state.onGround, let feet, let knots {
            consistent.append(!(feet < 100 && knots < 50))
        }
        consistency = Self.share(consistent)

        timeliness = Self.timeliness(age: snapshotTime - (state.lastContact ?? snapshotTime))
    }

    /// 1.0 up to 60 s, linear to 0.8 at 300 s, 0.5 beyond (rows older than 1800 s are rejected).
    public static func timeliness(age: Int64) -> Double {
        if age <= 60 { return 1.0 }
        if age <= 300 { return 1.0 - 0.2 * Double(age - 60) / 240 }
        return 0.5
    }

    private static func share(_ checks: [Bool]) -> Double {
        checks.isEmpty ? 1.0 : Double(checks.filter { $0 }.count) / Double(checks.count)
    }
}
