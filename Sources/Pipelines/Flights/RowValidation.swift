// Row validation of flights.md §2. Critical checks decide whether a row is kept; all of them
// run, so a rejected row carries every reason that applies. Kept rows then have their units
// converted once and out-of-range values set to null with a flag.

import Foundation

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

    /// Every critical reason that applies to `state` in a snapshot taken at `snapshotTime`.
    public static func rejectReasons(_ state: StateVector, snapshotTime: Int64) -> [RejectReason] {
        var reasons: [RejectReason] = []
        if !state.shapeProblems.isEmpty { reasons.append(.badShape) }
        if !isValidICAO24(state.normalizedICAO24) { reasons.append(.invalidICAO24) }
        if let lat = state.latitude, let lon = state.longitude {
            if !lat.isFinite || abs(lat) > 90 { reasons.append(.invalidLatitude) }
            if !lon.isFinite || abs(lon) > 180 { reasons.append(.invalidLongitude) }
            if lat == 0 && lon == 0 { reasons.append(.nullIsland) }
        } else {
            reasons.append(.missingPosition)
            if let lat = state.latitude, !lat.isFinite || abs(lat) > 90 { reasons.append(.invalidLatitude) }
            if let lon = state.longitude, !lon.isFinite || abs(lon) > 180 { reasons.append(.invalidLongitude) }
        }
        if let contact = state.lastContact {
            if contact > snapshotTime + futureLimit { reasons.append(.futureContact) }
            if snapshotTime - contact > staleLimit { reasons.append(.stale) }
        }
        return reasons
    }

    /// Six hexadecimal digits, as OpenSky writes them (after trimming and lower-casing).
    public static func isValidICAO24(_ text: String?) -> Bool {
        guard let text else { return false }
        let bytes = Array(text.utf8)
        return bytes.count == 6 && bytes.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
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
    public var flags: [QualityFlag]

    /// Converts and checks the measurements of `state` (flights.md §2, non-critical rules).
    public init(_ state: StateVector) {
        var flags: [QualityFlag] = []
        baroAltitudeMetres = state.baroAltitude
        altitudeFeet = state.baroAltitude.map(UnitConversion.feet(metres:))
        if let feet = altitudeFeet, !RowValidation.altitudeRangeFeet.contains(feet) {
            flags.append(.invalidAltitude)
            baroAltitudeMetres = nil
            altitudeFeet = nil
        }
        velocityMetresPerSecond = state.velocity
        velocityKnots = state.velocity.map(UnitConversion.knots(metresPerSecond:))
        if let knots = velocityKnots, !RowValidation.velocityRangeKnots.contains(knots) {
            flags.append(.invalidVelocity)
            velocityMetresPerSecond = nil
            velocityKnots = nil
        }
        verticalRateMetresPerSecond = state.verticalRate
        verticalRateFPM = state.verticalRate.map(UnitConversion.feetPerMinute(metresPerSecond:))
        if let rate = verticalRateFPM, abs(rate) > RowValidation.verticalRateLimitFPM {
            flags.append(.excessiveVerticalRate)
            verticalRateMetresPerSecond = nil
            verticalRateFPM = nil
        }
        if state.onGround, let feet = altitudeFeet, feet > RowValidation.groundAltitudeLimitFeet {
            flags.append(.groundAltitudeConflict)
        }
        if state.normalizedCallsign == nil { flags.append(.missingCallsign) }
        if state.baroAltitude == nil { flags.append(.missingAltitude) }
        if state.velocity == nil { flags.append(.missingVelocity) }
        self.flags = flags
    }
}
