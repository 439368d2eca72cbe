// Dates and times of Parquet values as ISO-8601 text, computed from the epoch offsets with
// integer arithmetic (proleptic Gregorian calendar, no time zone database, no locale).

import Parquet

/// ISO-8601 text for day counts, times of day and instants.
enum ParquetCalendarText {
    /// `YYYY-MM-DD` for a count of days since 1970-01-01 (years below 0 or above 9999 are
    /// written with a sign and as many digits as needed).
    static func date(daysSinceEpoch days: Int64) -> String {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let yearText = (0...9999).contains(year) ? padded(year, 4) : (year < 0 ? "-" + padded(-year, 4) : "+" + String(year))
        return "\(yearText)-\(padded(month, 2))-\(padded(day, 2))"
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
