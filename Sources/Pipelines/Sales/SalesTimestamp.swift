// RFC 3339 date-times (`2025-10-29T09:11:16Z`, `2025-10-29T10:11:16.250+01:00`) to UTC
// milliseconds since the epoch, the unit of the Parquet column. Parsed by hand so that no
// locale or time-zone database is involved; fractions finer than a millisecond are truncated.

import LakeBuild

/// An instant read from an RFC 3339 date-time, in UTC milliseconds since 1970-01-01.
public enum SalesTimestamp {
    /// Parses an RFC 3339 `date-time` (seconds 00–60 not allowed beyond 59; offset `Z` or ±hh:mm).
    public static func millis(_ text: String) -> Int64? {
        millis(utf8: text.utf8Span.span)
    }

    /// `millis(_:)` of the UTF-8 bytes of the text, such as a JSON string's bytes in the input:
    /// no `String` is made.
    public static func millis(utf8 b: Span<UInt8>) -> Int64? {
        let n = b.count
        @inline(__always) func at(_ i: Int) -> UInt8 { b[i] }
        /// The value of the `count` ASCII digits at `i`, or nil.
        @inline(__always) func number(_ i: Int, _ count: Int) -> Int? {
            var value = 0
            for k in i..<(i + count) {
                let digit = at(k) &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard n >= 20, at(4) == UInt8(ascii: "-"), at(7) == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let date = CalendarDate(year: year, month: month, day: day),
              at(10) == UInt8(ascii: "T") || at(10) == UInt8(ascii: "t"),
              at(13) == UInt8(ascii: ":"), at(16) == UInt8(ascii: ":"),
              let hour = number(11, 2), let minute = number(14, 2),
              let second = number(17, 2), hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var millis = 0
        if at(i) == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < n, at(i) &- UInt8(ascii: "0") < 10 {
                if i - start < 3 { millis = millis * 10 + Int(at(i) - UInt8(ascii: "0")) }
                i += 1
            }
            guard i > start else { return nil }
            for _ in min(i - start, 3)..<3 { millis *= 10 }
        }
        guard i < n else { return nil }
        var offsetMinutes = 0
        if at(i) == UInt8(ascii: "Z") || at(i) == UInt8(ascii: "z") {
            i += 1
        } else if at(i) == UInt8(ascii: "+") || at(i) == UInt8(ascii: "-") {
            guard i + 6 == n, at(i + 3) == UInt8(ascii: ":"),
                  let oh = number(i + 1, 2), let om = number(i + 4, 2), oh < 24, om < 60 else { return nil }
            offsetMinutes = (oh * 60 + om) * (at(i) == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == n else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    /// The UTC calendar day of an instant.
    public static func utcDate(millis: Int64) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(floorDiv(millis, 86_400_000)))
    }

    /// The UTC hour (0–23) of an instant.
    public static func utcHour(millis: Int64) -> Int {
        Int(floorDiv(millis - floorDiv(millis, 86_400_000) * 86_400_000, 3_600_000))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (with `.mmm` when the milliseconds are not zero).
    public static func text(millis: Int64) -> String {
        let day = floorDiv(millis, 86_400_000)
        let rest = Int(millis - day * 86_400_000)
        let date = CalendarDate(daysSinceEpoch: Int(day))
        let s = rest / 1000, ms = rest % 1000
        var out = date.text + "T" + Digits.pad(s / 3600, 2) + ":" + Digits.pad(s / 60 % 60, 2)
            + ":" + Digits.pad(s % 60, 2)
        if ms != 0 { out += "." + Digits.pad(ms, 3) }
        return out + "Z"
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
