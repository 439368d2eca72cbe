// Dates and times of Parquet values as ISO-8601 text, computed from the epoch offsets with
// integer arithmetic (proleptic Gregorian calendar, no time zone database, no locale).

import LakeBuild
import Parquet

/// ISO-8601 text for day counts, times of day and instants.
enum ParquetCalendarText {
    /// `YYYY-MM-DD` for a count of days since 1970-01-01 (years below 0 or above 9999 are
    /// written with a sign and as many digits as needed).
    static func date(daysSinceEpoch days: Int64) -> String {
        let (year, month, day) = CalendarDate(daysSinceEpoch: Int(days)).components
        let yearText = (0...9999).contains(year) ? padded(Int64(year), 4) : (year < 0 ? "-" + padded(Int64(-year), 4) : "+" + String(year))
        return "\(yearText)-\(padded(Int64(month), 2))-\(padded(Int64(day), 2))"
    }

    /// `HH:MM:SS` followed by the fraction of the unit (`.fff`, `.ffffff` or `.fffffffff`).
    static func time(_ value: Int64, unit: TimeUnit) -> String {
        let perSecond = unitsPerSecond(unit)
        let (seconds, fraction) = floorDivision(value, perSecond)
        return clock(secondsOfDay: seconds) + fractionText(fraction, unit: unit)
    }

    /// `YYYY-MM-DDTHH:MM:SS.fff…`, with `Z` when the instant is adjusted to UTC.
    static func timestamp(_ value: Int64, unit: TimeUnit, utc: Bool) -> String {
        let (seconds, fraction) = floorDivision(value, unitsPerSecond(unit))
        let (days, secondsOfDay) = floorDivision(seconds, 86_400)
        return date(daysSinceEpoch: days) + "T" + clock(secondsOfDay: secondsOfDay)
            + fractionText(fraction, unit: unit) + (utc ? "Z" : "")
    }

    private static func clock(secondsOfDay s: Int64) -> String {
        "\(padded(s / 3600, 2)):\(padded(s / 60 % 60, 2)):\(padded(s % 60, 2))"
    }

    private static func fractionText(_ fraction: Int64, unit: TimeUnit) -> String {
        switch unit {
        case .millis: return "." + padded(fraction, 3)
        case .micros: return "." + padded(fraction, 6)
        case .nanos: return "." + padded(fraction, 9)
        }
    }

    private static func unitsPerSecond(_ unit: TimeUnit) -> Int64 {
        switch unit {
        case .millis: return 1000
        case .micros: return 1_000_000
        case .nanos: return 1_000_000_000
        }
    }

    /// Quotient rounded towards minus infinity and the non-negative remainder.
    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func padded(_ n: Int64, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
