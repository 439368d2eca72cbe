// Row validation of flights.md §2. Critical checks decide whether a row is kept; all of them
// run, so a rejected row carries every problem that applies, each naming its field. A field
// that was present with the wrong type is reported as `bad_type` only: it is not also
// "missing" or "invalid". Kept rows then have their units
// converted once and out-of-range values set to null with a flag.

import Foundation
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

    /// Every critical problem of `state` in a snapshot taken at `snapshotTime`: what reading
    /// found (`bad_shape`, `bad_type`), then the checks of flights.md §2 in spec order.
    public static func problems(_ state: StateVector, snapshotTime: Int64) -> [RowProblem] {
        var problems = state.readProblems
        if !state.hasWrongType("icao24"), !isValidICAO24(state.normalizedICAO24) {
            problems.append(RowProblem(.invalidICAO24, field: "icao24", value: state.icao24.map(quoted)))
        }
        if state.latitude == nil, !state.hasWrongType("latitude") { problems.append(RowProblem(.missingPosition, field: "latitude")) }
        if state.longitude == nil, !state.hasWrongType("longitude") { problems.append(RowProblem(.missingPosition, field: "longitude")) }
        if let lat = state.latitude, !lat.isFinite || abs(lat) > 90 {
            problems.append(RowProblem(.invalidLatitude, field: "latitude", value: number(lat)))
        }
        if let lon = state.longitude, !lon.isFinite || abs(lon) > 180 {
            problems.append(RowProblem(.invalidLongitude, field: "longitude", value: number(lon)))
        }
        if state.latitude == 0 && state.longitude == 0 { problems.append(RowProblem(.nullIsland)) }
        if let contact = state.lastContact {
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
    /// The ground-altitude conflict is judged on the altitude as received: an on-ground row
    /// reporting an out-of-range altitude is both invalid and in conflict.
    public init(_ state: StateVector) {
        var flags: [QualityFlag] = []
        let receivedFeet = state.baroAltitude.map(UnitConversion.feet(metres:))
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
        if state.onGround, let feet = receivedFeet, feet > RowValidation.groundAltitudeLimitFeet {
            flags.append(.groundAltitudeConflict)
        }
        if state.normalizedCallsign == nil { flags.append(.missingCallsign) }
        if state.baroAltitude == nil { flags.append(.missingAltitude) }
        if state.velocity == nil { flags.append(.missingVelocity) }
        self.flags = flags
    }
}
