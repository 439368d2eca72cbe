// Counts over a set of observations that the daily statistics, the QuickSight export and the
// report all need: observations, distinct aircraft, airborne vs on ground, and the bands.
// Counts are kept per enum case, so they come out in the enum's order.

/// Counts of one hour (or one day) of observations.
public struct HourSummary: Sendable, Equatable {
    public var observations = 0
    public var uniqueAircraft = 0
    public var airborne = 0
    public var onGround = 0
    /// Per `AltitudeBand.allCases`, then one count of unknown altitude.
    public var altitudeBands: [Int] = Array(repeating: 0, count: AltitudeBand.allCases.count + 1)
    /// Per `SpeedBand.allCases`, then one count of unknown speed.
    public var speedBands: [Int] = Array(repeating: 0, count: SpeedBand.allCases.count + 1)
    /// Per `FlightPhase.allCases`.
    public var phases: [Int] = Array(repeating: 0, count: FlightPhase.allCases.count)

    public init() {}

    public init(_ observations: [FlightObservation]) {
        var aircraft = Set<String>()
        for o in observations {
            self.observations += 1
            aircraft.insert(o.icao24)
            if o.onGround { onGround += 1 } else { airborne += 1 }
            altitudeBands[o.altitudeBand.flatMap { AltitudeBand.allCases.firstIndex(of: $0) } ?? AltitudeBand.allCases.count] += 1
            speedBands[o.speedBand.flatMap { SpeedBand.allCases.firstIndex(of: $0) } ?? SpeedBand.allCases.count] += 1
            if let i = FlightPhase.allCases.firstIndex(of: o.phase) { phases[i] += 1 }
        }
        uniqueAircraft = aircraft.count
    }

    /// Band names in output order, matching `altitudeBands`.
    public static let altitudeBandNames = AltitudeBand.allCases.map(\.rawValue) + ["unknown"]
    /// Band names in output order, matching `speedBands`.
    public static let speedBandNames = SpeedBand.allCases.map(\.rawValue) + ["unknown"]
}

/// Nearest-rank percentiles: the value at rank ⌈p/100 · n⌉ of the sorted values.
public enum NearestRank {
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
