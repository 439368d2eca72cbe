// Exact text of DECIMAL statistics: an unscaled integer (Int64, or big-endian two's complement
// bytes of any width) with the point placed `scale` digits from the right.

/// Exact decimal text from unscaled integers.
enum ParquetDecimalText {
    static func text(unscaled: Int64, scale: Int) -> String {
        place(digits: String(unscaled.magnitude), negative: unscaled < 0, scale: scale)
    }

    static func text(bigEndianTwosComplement bytes: [UInt8], scale: Int) -> String {
        guard let first = bytes.first else { return place(digits: "0", negative: false, scale: scale) }
        let negative = first & 0x80 != 0
        var magnitude = negative ? bytes.map { ~$0 } : bytes
        if negative {
            // Inverting and adding one negates a two's complement number.
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
            digits.append(UInt8(remainder) + UInt8(ascii: "0"))
        }
        let text = digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
        return place(digits: text, negative: negative, scale: scale)
    }

    private static func place(digits: String, negative: Bool, scale: Int) -> String {
        guard (0...1000).contains(scale) else { return (negative ? "-" : "") + digits + "e" + String(-scale) }
        var body = digits
        if scale > 0 {
            if body.count <= scale { body = String(repeating: "0", count: scale - body.count + 1) + body }
            body.insert(".", at: body.index(body.endIndex, offsetBy: -scale))
        }
        return negative && digits != "0" ? "-" + body : body
    }
}
