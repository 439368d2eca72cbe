// Calendar arithmetic in UTC without Foundation's calendars or the local time zone: unix
// seconds to `YYYY-MM-DD` and hour, and back (Howard Hinnant's civil-from-days algorithm).
// Outputs must not depend on the machine's locale or zone.

/// A UTC calendar date and hour, as they appear in partition folders.
public struct UTCTime: Sendable, Equatable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(unixSeconds: Int64) {
        let secondsOfDay = Int(((unixSeconds % 86_400) + 86_400) % 86_400)
        let days = Int((unixSeconds - Int64(secondsOfDay)) / 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Unix seconds at 00:00 UTC of a `YYYY-MM-DD` date, nil if the text is not a real date.
    public static func startOfDay(_ date: String) -> Int64? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return nil }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Int64(days) * 86_400
        guard UTCTime(unixSeconds: seconds).day == d else { return nil }
        return seconds
    }

    /// `YYYY-MM-DD`.
    public var date: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `HH`.
    public var hourText: String { pad(hour, 2) }
    /// `YYYYMMDD_HHMMSS`, as in snapshot file names.
    public var compact: String { "\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))_\(pad(hour, 2))\(pad(minute, 2))\(pad(second, 2))" }
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String { "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z" }

    public static func < (a: UTCTime, b: UTCTime) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
