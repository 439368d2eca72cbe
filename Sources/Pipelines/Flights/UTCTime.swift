// Calendar arithmetic in UTC without Foundation's calendars or the local time zone: unix
// seconds to `YYYY-MM-DD` and hour, and back (the civil-date arithmetic is `CalendarDate`'s).
// Outputs must not depend on the machine's locale or zone.

import LakeBuild

/// A UTC calendar date and hour, as they appear in partition folders.
public struct UTCTime: Sendable, Equatable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The hour of the day (0–23, UTC) of `unixSeconds`: `UTCTime(unixSeconds:).hour` without
    /// the calendar, for a day's worth of rows.
    public static func hour(ofUnixSeconds unixSeconds: Int64) -> Int {
        Int(((unixSeconds % 86_400) + 86_400) % 86_400) / 3600
    }

    public init(unixSeconds: Int64) {
        let secondsOfDay = Int(((unixSeconds % 86_400) + 86_400) % 86_400)
        let days = Int((unixSeconds - Int64(secondsOfDay)) / 86_400)
        (year, month, day) = CalendarDate(daysSinceEpoch: days).components
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Unix seconds at 00:00 UTC of a `YYYY-MM-DD` date, nil if the text is not a real date.
    public static func startOfDay(_ date: String) -> Int64? {
        guard let day = CalendarDate(date) else { return nil }
        return Int64(day.daysSinceEpoch) * 86_400
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
