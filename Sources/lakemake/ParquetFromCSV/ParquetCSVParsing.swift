// Parsing CSV field bytes into Parquet values without going through String where it matters:
// integers, exact decimals (to an unscaled integer), calendar dates and UTC timestamps. The
// bytes are a `Span` borrowed from the CSV reader's buffer, so a field is parsed where it lies,
// with nothing copied or reference counted.

import LakeBuild

/// Byte-level parsers for `lakemake parquet from-csv`; each returns nil for text that is not a
/// valid value of its type.
enum ParquetCSVParsing {
    /// An optionally signed decimal integer that fits in Int64.
    static func integer(_ bytes: Span<UInt8>) -> Int64? {
        var i = 0, negative = false
        if bytes.count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-"); i = 1
        }
        guard i < bytes.count else { return nil }
        var value: Int64 = 0
        while i < bytes.count {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return value
    }

    /// `[-]digits[.digits]` as an integer scaled by 10^scale, with at most `scale` fraction
    /// digits and `precision` digits in all.
    static func decimal(_ bytes: Span<UInt8>, precision: Int, scale: Int) -> Int64? {
        var i = 0, negative = false
        if bytes.count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-"); i = 1
        }
        var unscaled: Int64 = 0, digits = 0, fraction = -1, sawDigit = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                guard fraction < 0 else { return nil }
                fraction = 0
            } else {
                let d = b &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                sawDigit = true
                if fraction >= 0 { fraction += 1 }
                guard fraction <= scale else { return nil }
                unscaled = unscaled * 10 + Int64(d)
                if unscaled > 0 { digits += 1 }
                guard digits <= precision else { return nil }
            }
            i += 1
        }
        guard sawDigit else { return nil }
        for _ in 0..<(scale - max(fraction, 0)) {
            unscaled *= 10
            if unscaled > 0 { digits += 1 }
        }
        guard digits <= precision else { return nil }
        return negative ? -unscaled : unscaled
    }

    /// A double as Swift's `Double(String)` reads it (the field must also be valid UTF-8).
    static func double(_ bytes: Span<UInt8>) -> Double? {
        guard let text = try? UTF8Span(validating: bytes) else { return nil }
        return Double(String(copying: text))
    }

    /// `YYYY-MM-DD` (a real calendar date) as days since 1970-01-01.
    static func date(_ bytes: Span<UInt8>) -> Int64? {
        guard bytes.count == 10 else { return nil }
        return date(bytes, at: 0)
    }

    /// The `YYYY-MM-DD` date in the ten bytes from `s` (the caller checks they exist).
    private static func date(_ bytes: Span<UInt8>, at s: Int) -> Int64? {
        guard bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-"),
              let y = number(bytes, s..<(s + 4)), let m = number(bytes, (s + 5)..<(s + 7)),
              let d = number(bytes, (s + 8)..<(s + 10)), let date = CalendarDate(year: Int(y), month: Int(m), day: Int(d))
        else { return nil }
        return Int64(date.daysSinceEpoch)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff][Z]` (a space may replace `T`; `+00:00` may replace `Z`) as
    /// milliseconds since the epoch; at most three fraction digits.
    static func timestampMillis(_ bytes: Span<UInt8>) -> Int64? {
        let count = bytes.count
        var end = count
        if count > 0, bytes[count - 1] == UInt8(ascii: "Z") {
            end -= 1
        } else if count > 6, endsWithUTCOffset(bytes) {
            end -= 6
        }
        guard end >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let days = date(bytes, at: 0), let h = number(bytes, 11..<13),
              let mi = number(bytes, 14..<16), let sec = number(bytes, 17..<19),
              h < 24, mi < 60, sec < 60 else { return nil }
        var millis: Int64 = 0
        if end > 19 {
            guard bytes[19] == UInt8(ascii: "."), end - 20 >= 1, end - 20 <= 3,
                  let f = number(bytes, 20..<end) else { return nil }
            millis = f * (end == 21 ? 100 : end == 22 ? 10 : 1)
        }
        return ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + millis
    }

    /// True when the bytes end with `+00:00`.
    private static func endsWithUTCOffset(_ bytes: Span<UInt8>) -> Bool {
        let start = bytes.count - 6
        for (k, byte) in "+00:00".utf8.enumerated() where bytes[start + k] != byte { return false }
        return true
    }

    /// The unsigned decimal number in `bytes[range]` (nil unless every byte is a digit).
    private static func number(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for i in range {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int64(d)
        }
        return value
    }

    /// The first `limit` bytes as text, for an error message (invalid UTF-8 repaired).
    static func text(_ bytes: Span<UInt8>, limit: Int) -> String {
        var copy: [UInt8] = []
        for i in 0..<min(bytes.count, limit) { copy.append(bytes[i]) }
        return String(decoding: copy, as: UTF8.self)
    }
}
