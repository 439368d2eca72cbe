// Units are converted once, here, with the factors of flights.md §3. Everything downstream
// reads the converted columns.

/// The conversion factors from OpenSky's SI units to the aviation units analysts use.
public enum UnitConversion {
    public static let feetPerMetre = 3.28084
    public static let knotsPerMetrePerSecond = 1.94384
    public static let feetPerMinutePerMetrePerSecond = 196.850394

    public static func feet(metres: Double) -> Double { metres * feetPerMetre }
    public static func knots(metresPerSecond: Double) -> Double { metresPerSecond * knotsPerMetrePerSecond }
    public static func feetPerMinute(metresPerSecond: Double) -> Double { metresPerSecond * feetPerMinutePerMetrePerSecond }
}
