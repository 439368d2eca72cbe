// Parsing CSV field bytes into Parquet values without going through String where it matters:
// integers, exact decimals (to an unscaled integer), calendar dates and UTC timestamps.

import LakeBuild

/// Byte-level parsers for `lakemake parquet from-csv`; each returns nil for text that is not a
/// valid value of its type.
enum ParquetCSVParsing {
    /// An optionally signed decimal integer that fits in Int64.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var i = bytes.startIndex, negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-"); i += 1
        }
        guard i < bytes.endIndex else { return nil }
        var value: Int64 = 0
        while i < bytes.endIndex {
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
    static func decimal(_ bytes: ArraySlice<UInt8>, precision: Int, scale: Int) -> Int64? {
        var i = bytes.startIndex, negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-"); i += 1
        }
        var unscaled: Int64 = 0, digits = 0, fraction = -1
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                guard fraction < 0 else { return nil }
                fraction = 0
            } else {
                let d = b &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                if fraction >= 0 { fraction += 1 }
                guard fraction <= scale else { return nil }
                unscaled = unscaled * 10 + Int64(d)
                if unscaled > 0 { digits += 1 }
                guard digits <= precision else { return nil }
            }
            i += 1
        }
        guard bytes.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        for _ in 0..<(scale - max(fraction, 0)) {
            unscaled *= 10
            if unscaled > 0 { digits += 1 }
        }
        guard digits <= precision else { return nil }
        return negative ? -unscaled : unscaled
    }

    /// `YYYY-MM-DD` (a real calendar date) as days since 1970-01-01.
    static func date(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard bytes.count == 10 else { return nil }
        let s = bytes.startIndex
        guard bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-"),
              let y = number(bytes[s..<(s + 4)]), let m = number(bytes[(s + 5)..<(s + 7)]),
              let d = number(bytes[(s + 8)..<(s + 10)]), let date = CalendarDate(year: Int(y), month: Int(m), day: Int(d))
        else { return nil }
        return Int64(date.daysSinceEpoch)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff][Z]` (a space may replace `T`; `+00:00` may replace `Z`) as
    /// milliseconds since the epoch; at most three fraction digits.
    static func timestampMillis(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let s = bytes.startIndex
        var end = bytes.count
        if bytes.last == UInt8(ascii: "Z") { end -= 1 } else if bytes.count > 6, bytes.suffix(6).elementsEqual("+00:00".utf8) { end -= 6 }
        guard end >= 19, bytes[s + 10] == UInt8(ascii: "T") || bytes[s + 10] == UInt8(ascii: " "),
              bytes[s + 13] == UInt8(ascii: ":"), bytes[s + 16] == UInt8(ascii: ":"),
              let days = date(bytes[s..<(s + 10)]), let h = number(bytes[(s + 11)..<(s + 13)]),
              let mi = number(bytes[(s + 14)..<(s + 16)]), let sec = number(bytes[(s + 17)..<(s + 19)]),
              h < 24, mi < 60, sec < 60 else { return nil }
        var millis: Int64 = 0
        if end > 19 {
            guard bytes[s + 19] == UInt8(ascii: "."), end - 20 >= 1, end - 20 <= 3,
                  let f = number(bytes[(s + 20)..<(s + end)]) else { return nil }
            millis = f * [100, 10, 1][end - 21]
        }
        return ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + millis
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for b in bytes {
            let d = b &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int64(d)
        }
        return value
    }
}
