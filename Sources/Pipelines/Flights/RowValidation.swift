// Row validation of flights.md §2. Critical checks decide whether a row is kept; all of them
// run, so a rejected row carries every problem that applies, each naming its field. A field
// that was present with the wrong type is reported as `bad_type` only: it is not also
// "missing" or "invalid". Kept rows then have their units converted once and out-of-range
// values set to null with a flag.
//
// The checks read a `StateRow` in place: a valid row costs comparisons, never an allocation;
// only a problem makes text (the value as received, for the rejected-rows table).

import LakeFormats

/// The checks and limits of one row.
public enum RowValidation {
    /// A contact more than this many seconds after the snapshot is from the future.
    public static let futureLimit: Int64 = 300
    /// A contact more than this many seconds before the snapshot is stale.
    public static let staleLimit: Int64 = 1800
    public static let altitudeRangeFeet: ClosedRange<Double> = -1000...60000
    public static let velocityRangeKnots: ClosedRange<Double> = 0...1000
    public static let verticalRateLimitFPM = 8000.0
    public static let groundAltitudeLimitFeet = 1000.0

    /// Every critical problem of `row` in a snapshot taken at `snapshotTime`: what reading
    /// found (`bad_shape`, `bad_type`), then the checks of flights.md §2 in spec order.
    /// `icao24` is the row's icao24 if it is valid.
    static func problems(_ row: StateRow, icao24: ICAO24?, snapshotTime: Int64) -> [RowProblem] {
        var problems = row.problems
        if !row.hasWrongType(.icao24), icao24 == nil {
            problems.append(RowProblem(.invalidICAO24, field: "icao24", value: row.string(row.icao24).map(quoted)))
        }
        if row.latitude == nil, !row.hasWrongType(.latitude) { problems.append(RowProblem(.missingPosition, field: "latitude")) }
        if row.longitude == nil, !row.hasWrongType(.longitude) { problems.append(RowProblem(.missingPosition, field: "longitude")) }
        if let lat = row.latitude, !lat.isFinite || abs(lat) > 90 {
            problems.append(RowProblem(.invalidLatitude, field: "latitude", value: number(lat)))
        }
        if let lon = row.longitude, !lon.isFinite || abs(lon) > 180 {
            problems.append(RowProblem(.invalidLongitude, field: "longitude", value: number(lon)))
        }
        if row.latitude == 0 && row.longitude == 0 { problems.append(RowProblem(.nullIsland)) }
        if let contact = row.lastContact {
            if contact > snapshotTime + futureLimit { problems.append(RowProblem(.futureContact, field: "last_contact", value: String(contact))) }
            if snapshotTime - contact > staleLimit { problems.append(RowProblem(.stale, field: "last_contact", value: String(contact))) }
        }
        return problems
    }

    private static func quoted(_ text: String) -> String {
        var w = JSONWriter(style: .compact)
        w.string(text)
        return RowProblem.shortened(w.text)
    }

    private static func number(_ value: Double) -> String {
        var w = JSONWriter(style: .compact)
        w.double(value)
        return w.text
    }
}

/// A kept row's measurements in aviation units, with out-of-range values removed and flagged.
public struct ConvertedMeasurements: Sendable, Equatable {
    public var baroAltitudeMetres: Double?
    public var altitudeFeet: Double?
    public var velocityMetresPerSecond: Double?
    public var velocityKnots: Double?
    public var verticalRateMetresPerSecond: Double?
    public var verticalRateFPM: Double?
    public var flags: QualityFlags

    /// Converts and checks the measurements of `row` (flights.md §2, non-critical rules).
    /// The ground-altitude conflict is judged on the altitude as received: an on-ground row
    /// reporting an out-of-range altitude is both invalid and in conflict.
    init(_ row: StateRow, hasCallsign: Bool) {
        var flags: QualityFlags = []
        let receivedFeet = row.baroAltitude.map(UnitConversion.feet(metres:))
        baroAltitudeMetres = row.baroAltitude
        altitudeFeet = receivedFeet
        if let feet = altitudeFeet, !RowValidation.altitudeRangeFeet.contains(feet) {
            flags.insert(.invalidAltitude)
            baroAltitudeMetres = nil
            altitudeFeet = nil
        }
        velocityMetresPerSecond = row.velocity
        velocityKnots = row.velocity.map(UnitConversion.knots(metresPerSecond:))
        if let knots = velocityKnots, !RowValidation.velocityRangeKnots.contains(knots) {
            flags.insert(.invalidVelocity)
            velocityMetresPerSecond = nil
            velocityKnots = nil
        }
        verticalRateMetresPerSecond = row.verticalRate
        verticalRateFPM = row.verticalRate.map(UnitConversion.feetPerMinute(metresPerSecond:))
        if let rate = verticalRateFPM, abs(rate) > RowValidation.verticalRateLimitFPM {
            flags.insert(.excessiveVerticalRate)
            verticalRateMetresPerSecond = nil
            verticalRateFPM = nil
        }
        if row.onGround, let feet = receivedFeet, feet > RowValidation.groundAltitudeLimitFeet {
            flags.insert(.groundAltitudeConflict)
        }
        if !hasCallsign { flags.insert(.missingCallsign) }
        if row.baroAltitude == nil { flags.insert(.missingAltitude) }
        if row.velocity == nil { flags.insert(.missingVelocity) }
        self.flags = flags
    }
}
