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
        var digits: [UInt8] = []
        var negative = false
        var fractionDigitCount = 0
        var exponent = 0
        var exponentNegative = false
        var part = 0  // 0 integer, 1 fraction, 2 exponent
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "-") where part == 0: negative = true
            case UInt8(ascii: "-"): exponentNegative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): part = 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"): part = 2
            default:
                let digit = Int(byte &- UInt8(ascii: "0"))
                if part == 2 {
                    // Saturate: any exponent this large is overflow or zero anyway.
                    exponent = min(exponent * 10 + digit, 1_000_000)
                } else {
                    digits.append(UInt8(digit))
                    if part == 1 { fractionDigitCount += 1 }
                }
            }
        }
        guard digits.contains(where: { $0 != 0 }) else { return 0 }
        // value = digits × 10^(exponent − fractionDigitCount); cents = value × 100.
        var shift = (exponentNegative ? -exponent : exponent) - fractionDigitCount + 2
        while shift < 0 {
            guard let last = digits.last, last == 0 else { throw .tooManyDecimals }
            digits.removeLast()
            shift += 1
        }
        var magnitude: Int64 = 0
        for digit in digits + repeatElement(0, count: min(shift, 20)) {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { throw .overflow }
            magnitude = sum
        }
        return negative ? -magnitude : magnitude
    }
}
