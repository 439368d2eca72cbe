// A number literal's Double straight from its bytes, for readers that fill column buffers from
// `JSONReader.withText` (the flight snapshots hold ten numbers a row, millions of rows a day).
//
// Most literals take Clinger's fast path: when the significant digits fit in 53 bits and the
// decimal exponent is within ±22, both the digits and the power of ten are exact Doubles, so
// one IEEE multiplication or division gives the correctly rounded result. Every other literal
// (more than 15–16 significant digits, a large exponent) goes through `Double(String)`, which
// is correctly rounded too: the two ways always agree, so the fast path changes no value.

extension JSONNumber {
    /// `double()` of a number literal given as bytes (valid JSON number syntax), such as
    /// `JSONReader.withText` shows after a `.number` token: the nearest Double, or nil when the
    /// magnitude is too large to be finite. No `String` is made unless the fast path declines.
    public static func double(literal: Span<UInt8>) -> Double? {
        if let value = fastDouble(literal) { return value }
        let text = String(decoding: (0..<literal.count).map { literal[$0] }, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// 10^0 … 10^22: the powers of ten a Double holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The value by Clinger's fast path, or nil when the literal is outside it.
    private static func fastDouble(_ literal: Span<UInt8>) -> Double? {
        var i = 0
        let count = literal.count
        let negative = count > 0 && literal[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var digits: UInt64 = 0
        var significant = 0  // digits counted from the first non-zero one
        var exponent = 0     // minus the number of fraction digits, plus the written exponent
        var inFraction = false
        while i < count {
            let byte = literal[i]
            if isDigit(byte) {
                if digits != 0 || byte != UInt8(ascii: "0") {
                    significant += 1
                    if significant > 19 { return nil }  // could overflow UInt64: take the slow path
                    digits = digits &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))  // < 10^19 by the check above
                }
                if inFraction { exponent -= 1 }
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else {
                break  // `e` or `E`
            }
            i += 1
        }
        if i < count {
            i += 1  // past `e`
            var exponentNegative = false
            if literal[i] == UInt8(ascii: "-") { exponentNegative = true; i += 1 } else if literal[i] == UInt8(ascii: "+") { i += 1 }
            var written = 0
            while i < count {
                written = written * 10 + Int(literal[i] &- UInt8(ascii: "0"))
                if written > 1000 { return nil }  // far outside the fast path; no overflow either
                i += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if digits == 0 { return negative ? -0.0 : 0.0 }
        guard digits <= 1 << 53, (-22...22).contains(exponent) else { return nil }
        let magnitude = exponent < 0 ? Double(digits) / exactPowersOfTen[-exponent] : Double(digits) * exactPowersOfTen[exponent]
        return negative ? -magnitude : magnitude
    }
}
