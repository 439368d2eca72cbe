// Exact arithmetic on amounts of cents. Averages round half to even (banker's rounding), as
// sales.md requires for avg_transaction, using integers only.

/// Integer-cents helpers shared by the sales metrics.
enum Money {
    /// `numerator / denominator` rounded half to even; 0 when the denominator is 0.
    static func divideHalfEven(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        guard denominator != 0 else { return 0 }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        var q = n / d
        let r = n % d
        if r * 2 > d || (r * 2 == d && q % 2 == 1) { q += 1 }
        return negative ? -Int64(q) : Int64(q)
    }

    /// `12.50` for 1250, `-0.05` for -5: the text JSON outputs and reports use.
    static func text(_ cents: Int64) -> String {
        let m = cents.magnitude
        let fraction = m % 100
        return (cents < 0 ? "-" : "") + String(m / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `12,345.50`: money with thousands separators, for reports (fixed, not locale-dependent).
    static func grouped(_ cents: Int64) -> String {
        let m = cents.magnitude
        var whole = String(m / 100)
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(Substring(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(Substring(whole), at: 0)
        let fraction = m % 100
        return (cents < 0 ? "-" : "") + groups.joined(separator: ",") + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

/// A percentage or ratio with one decimal, formatted without locale.
enum Percent {
    /// `x` rounded to tenths (half away from zero), as text: `-12.3`, `40.0`.
    static func text(_ x: Double) -> String {
        let tenths = Int64((x * 10).rounded(.toNearestOrAwayFromZero))
        let m = tenths.magnitude
        return (tenths < 0 ? "-" : "") + String(m / 10) + "." + String(m % 10)
    }

    /// `x` rounded to tenths, as a number.
    static func rounded(_ x: Double) -> Double { (x * 10).rounded(.toNearestOrAwayFromZero) / 10 }
}

/// Counts as people read them, never as money: `1 transaction`, `1,204 transactions`.
enum Count {
    /// `12,345`: a whole number with thousands separators (fixed, not locale-dependent).
    static func text(_ n: Int64) -> String { String(Money.grouped(n * 100).dropLast(3)) }

    /// `1 transaction`, `408 transactions`: the number with its noun, singular for one.
    static func of(_ n: Int64, _ noun: String) -> String { text(n) + " " + noun + (n == 1 ? "" : "s") }

    /// The mean of `total` over `n` as a whole count, rounded half to even.
    static func mean(_ total: Int64, _ n: Int64) -> Int64 { Money.divideHalfEven(total, n) }
}
