// Locale-free number formatting for reports: fixed decimals and thousands separators built
// from integer arithmetic, so a report reads the same on every machine.

/// Formatting numbers for human-readable reports.
enum NumberText {
    /// `value` with `decimals` fixed decimals: fixed(3.14159, 2) = "3.14", fixed(-0.5, 1) = "-0.5".
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + grouped(whole) }
        let digits = String(fraction)
        return sign + grouped(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    /// An integer with thousands separators: 1234567 → "1,234,567".
    static func grouped<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }
}
