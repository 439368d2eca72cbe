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

    /// `grade(score)` as its one ASCII letter.
    static func gradeLetter(_ score: Double) -> UInt8 {
        if score >= 0.95 { return UInt8(ascii: "A") }
        if score >= 0.85 { return UInt8(ascii: "B") }
        if score >= 0.70 { return UInt8(ascii: "C") }
        if score >= 0.50 { return UInt8(ascii: "D") }
        return UInt8(ascii: "F")
    }

    /// Scores `row` with its converted measurements, in a snapshot taken at `snapshotTime`.
    /// `hasCallsign`: the callsign is present and not blank.
    init(_ row: StateRow, measurements m: ConvertedMeasurements, hasCallsign: Bool, snapshotTime: Int64) {
        var present = 0
        func count(_ known: Bool) { if known { present += 1 } }
        count(row.icao24 != nil)
        count(row.latitude != nil)
        count(row.longitude != nil)
        count(row.timePosition != nil)
        count(row.lastContact != nil)
        count(row.baroAltitude != nil)
        count(row.velocity != nil)
        count(hasCallsign)
        count(row.originCountry.map { !$0.isEmpty } ?? false)
        completeness = Double(present) / 9

        var checks = 0, passed = 0
        func check(_ applies: Bool, _ passes: @autoclosure () -> Bool) {
            guard applies else { return }
            checks += 1
            if passes() { passed += 1 }
        }
        check(row.baroAltitude != nil, !m.flags.contains(.invalidAltitude))
        check(row.velocity != nil, !m.flags.contains(.invalidVelocity))
        check(row.verticalRate != nil, !m.flags.contains(.excessiveVerticalRate))
        validity = Self.share(passed, of: checks)

        checks = 0
        passed = 0
        let feet = row.baroAltitude.map(UnitConversion.feet(metres:)), knots = row.velocity.map(UnitConversion.knots(metresPerSecond:))
        check(row.onGround && feet != nil, !m.flags.contains(.groundAltitudeConflict))
        if !row.onGround, let feet, let knots { check(true, !(feet < 100 && knots < 50)) }
        consistency = Self.share(passed, of: checks)

        timeliness = Self.timeliness(age: snapshotTime - (row.lastContact ?? snapshotTime))
    }

    /// 1.0 up to 60 s, linear to 0.8 at 300 s, 0.5 beyond (rows older than 1800 s are rejected).
    public static func timeliness(age: Int64) -> Double {
        if age <= 60 { return 1.0 }
        if age <= 300 { return 1.0 - 0.2 * Double(age - 60) / 240 }
        return 0.5
    }

    private static func share(_ passed: Int, of checks: Int) -> Double {
        checks == 0 ? 1.0 : Double(passed) / Double(checks)
    }
}
