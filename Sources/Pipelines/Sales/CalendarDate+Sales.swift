// What the sales pipeline needs of the engine's calendar dates beyond pattern matching: the
// weekday (the sample's weekly rhythm) and the compact form used inside transaction ids.

import LakeBuild

extension CalendarDate {
    /// 0 = Monday … 6 = Sunday.
    public var weekdayFromMonday: Int {
        let d = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday (index 3).
        return d < 0 ? d + 7 : d
    }

    /// `YYYYMMDD`.
    public var compact: String { text.replacingOccurrences(of: "-", with: "") }
}

/// Fixed-width decimal digits, without locale.
public enum Digits {
    /// `value` in decimal, left-padded with zeros to `width`.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// The decimal value of an all-digit slice, or nil.
    static func value(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }
}
