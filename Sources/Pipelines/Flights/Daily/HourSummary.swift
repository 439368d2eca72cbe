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

    /// The columns a summary reads.
    static let fields: Set<HourlyField> = [.icao24, .onGround, .altitudeBand, .speedBand, .phase]

    /// Counts of the rows `rows` of `day`.
    init<Rows: Sequence<Int>>(_ day: FlightDay, rows: Rows) {
        day.require(Self.fields)
        var aircraft = Set<ICAO24>()
        for i in rows {
            observations += 1
            aircraft.insert(day.icao24[i])
            if day.onGround[i] { onGround += 1 } else { airborne += 1 }
            altitudeBands[Self.slot(day.altitudeBand[i], unknown: AltitudeBand.allCases.count)] += 1
            speedBands[Self.slot(day.speedBand[i], unknown: SpeedBand.allCases.count)] += 1
            if day.phase[i] != ColumnCode.none { phases[Int(day.phase[i])] += 1 }
        }
        uniqueAircraft = aircraft.count
    }

    /// Counts of every row of `day`.
    init(_ day: FlightDay) { self.init(day, rows: 0..<day.count) }

    private static func slot(_ code: UInt8, unknown: Int) -> Int { code == ColumnCode.none ? unknown : Int(code) }

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
