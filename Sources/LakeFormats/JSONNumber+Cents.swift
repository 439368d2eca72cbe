// Money is read from decimal text straight into integer cents, never through Double, so that
// sums of prices are exact (sales.md: "never sum binary floating point").
//
// Rule for decimals: the value must be a whole number of cents. Digits beyond the second
// decimal place are accepted only when they are zeros: `1.50`, `1.500` and `150e-2` are all
// 150 cents; `1.005` is rejected as `.tooManyDecimals` rather than rounded.

extension JSONNumber {
    /// Why a number cannot be read as an exact amount of cents.
    public enum CentsError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The value has a non-zero digit beyond the second decimal place.
        case tooManyDecimals
        /// The value in cents does not fit in an `Int64`.
        case overflow

        public var description: String {
            switch self {
            case .tooManyDecimals: return "money amounts may have at most two decimal places"
            case .overflow: return "money amount is too large"
            }
        }
    }

    /// The exact value times 100, as an integer: `27.49` → 2749, `1e2` → 10000, `-0.5` → -50.
    public func cents() throws(CentsError) -> Int64 {
        try Self.cents(literal: literal.utf8Span.span)
    }

    /// `int64()` of a number literal given as bytes, such as `JSONReader.withText` shows after
    /// a `.number` token (valid JSON number syntax): the value when the literal is an integer
    /// (no fraction, no exponent) that fits, else nil. No `String` is made.
    public static func int64(literal: Span<UInt8>) -> Int64? {
        var i = 0
        let negative = literal.count > 0 && literal[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < literal.count else { return nil }
        var magnitude: UInt64 = 0
        while i < literal.count {
            let byte = literal[i]
            guard isDigit(byte) else { return nil }
            let (product, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            i += 1
        }
        if !negative { return Int64(exactly: magnitude) }
        return magnitude == Int64.min.magnitude ? Int64.min : Int64(exactly: magnitude).map { -$0 }
    }

    /// `cents()` of a number literal given as bytes (valid JSON number syntax), such as
    /// `JSONReader.withText` shows after a `.number` token. No `String` is made.
    ///
    /// Works in one pass without allocating: significant digits accumulate into an integer,
    /// zeros are held back until a later non-zero digit, so that trailing zeros can be
    /// dropped when they sit beyond the second decimal place.
    public static func cents(literal: Span<UInt8>) throws(CentsError) -> Int64 {
        var magnitude: Int64 = 0
        var magnitudeOverflowed = false
        var heldZeros = 0  // zeros read but not yet multiplied into `magnitude`
        var negative = false
        var fractionDigitCount = 0
        var exponent = 0
        var exponentNegative = false
        var part = Part.integer
        for i in literal.indices {
            let byte = literal[i]
            switch byte {
            case UInt8(ascii: "-") where part == .integer: negative = true
            case UInt8(ascii: "-"): exponentNegative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): part = .fraction
            case UInt8(ascii: "e"), UInt8(ascii: "E"): part = .exponent
            default:
                let digit = Int64(byte &- UInt8(ascii: "0"))
                if part == .exponent {
                    // Saturate: any exponent this large means overflow or zero anyway.
                    exponent = min(exponent * 10 + Int(digit), 1_000_000)
                    continue
                }
                if part == .fraction { fractionDigitCount += 1 }
                if digit == 0 {
                    heldZeros += 1
                } else if !magnitudeOverflowed {
                    magnitudeOverflowed = !Self.append(&magnitude, zeros: heldZeros, digit: digit)
                    heldZeros = 0
                } else {
                    heldZeros = 0
                }
            }
        }
        guard magnitude != 0 || magnitudeOverflowed else { return 0 }
        // value = magnitude × 10^(heldZeros + exponent − fractionDigitCount); cents = value × 100.
        let shift = heldZeros + (exponentNegative ? -exponent : exponent) - fractionDigitCount + 2
        guard shift >= 0 else { throw .tooManyDecimals }
        guard !magnitudeOverflowed, Self.append(&magnitude, zeros: min(shift, 20), digit: 0) else {
            throw .overflow
        }
        return negative ? -magnitude : magnitude
    }

    private enum Part { case integer, fraction, exponent }

    /// `value = (value × 10^zeros) × 10 + digit`, or false if that overflows.
    /// With `digit` 0 the final step is skipped, so this multiplies by 10^zeros only.
    private static func append(_ value: inout Int64, zeros: Int, digit: Int64) -> Bool {
        for _ in 0..<zeros {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            value = product
        }
        guard digit != 0 else { return true }
        let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = product.addingReportingOverflow(digit)
        if overflow1 || overflow2 { return false }
        value = sum
        return true
    }
}
