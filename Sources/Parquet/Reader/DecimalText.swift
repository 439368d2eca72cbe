/// Exact decimal text for DECIMAL values: the unscaled integer (an Int64, or big-endian two's
/// complement bytes of any width) with the decimal point placed `scale` digits from the right.
public enum DecimalText {
    public static func text(unscaled: Int64, scale: Int) -> String {
        let digits = String(unscaled.magnitude)
        return place(digits: digits, negative: unscaled < 0, scale: scale)
    }

    public static func text(bigEndianTwosComplement bytes: [UInt8], scale: Int) -> String {
        guard let first = bytes.first else { return place(digits: "0", negative: false, scale: scale) }
        let negative = first & 0x80 != 0
        var magnitude = bytes
        if negative {
            // Two's complement negation: invert, then add one from the least significant byte.
            magnitude = magnitude.map { ~$0 }
            var index = magnitude.count - 1
            while index >= 0 {
                let (sum, carry) = magnitude[index].addingReportingOverflow(1)
                magnitude[index] = sum
                if !carry { break }
                index -= 1
            }
        }
        var digits: [UInt8] = []
        while magnitude.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in magnitude.indices {
                let current = remainder * 256 + Int(magnitude[index])
                magnitude[index] = UInt8(current / 10)
                remainder = current % 10
            }
            digits.append(UInt8(remainder) + 48)
        }
        let text = digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
        return place(digits: text, negative: negative, scale: scale)
    }

    private static func place(digits: String, negative: Bool, scale: Int) -> String {
        guard abs(scale) <= 1000 else {
            // A scale this large comes only from corrupt metadata; keep the text short but exact.
            return (negative ? "-" : "") + digits + "e" + String(-scale)
        }
        var body = digits
        if scale > 0 {
            if body.count <= scale { body = String(repeating: "0", count: scale - body.count + 1) + body }
            body.insert(".", at: body.index(body.endIndex, offsetBy: -scale))
        } else if scale < 0, digits != "0" {
            body += String(repeating: "0", count: -scale)
        }
        let isZero = !digits.contains { $0 != "0" }
        return negative && !isZero ? "-" + body : body
    }
}
