// File times for listings, as ISO 8601 UTC text (`2025-11-20T09:11:16Z`), computed from the
// catalog's nanoseconds with the engine's calendar (no locale, no time zone database).

import LakeBuild

enum Timestamp {
    static func iso8601(nanoseconds ns: Int64) -> String {
        let seconds = ns >= 0 ? ns / 1_000_000_000 : (ns - 999_999_999) / 1_000_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let date = CalendarDate(daysSinceEpoch: Int(days)).text
        return "\(date)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}
