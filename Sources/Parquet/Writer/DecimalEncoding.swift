// Decimal text to the stored form: the unscaled integer (text × 10^scale) as big-endian two's
// complement bytes of a given width. INT32 and INT64 decimals use widths 4 and 8; FIXED_LEN_
// BYTE_ARRAY decimals use the column's width. Digits are accumulated byte-wise, so precisions
// up to 38 digits need no 128-bit integer type.

/// Parses decimal text such as `-12.30` into Parquet's unscaled two's-complement form.
enum DecimalEncoding {
    /// The big-endian bytes of `text` × 10^`scale` in `width` bytes, or nil when the text is not
    /// a plain decimal, has non-zero digits beyond `scale`, or does not fit.
    static func bigEndian(_ text: String, scale: Int, width: Int) -> [UInt8]? {
        guard width > 0, scale >= 0 else { return nil }
        var characters = Substring(text)
        let negative = characters.first == "-"
        if negative || characters.first == "+" { characters.removeFirst() }
        let parts = characters.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerDigits = parts.first ?? ""
        var fractionDigits = parts.count > 1 ? parts[1] : ""
        guard !(integerDigits.isEmpty && fractionDigits.isEmpty),
              (integerDigits + fractionDigits).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        while fractionDigits.count > scale {
            guard fractionDigits.last == "0" else { return nil }
            fractionDigits.removeLast()
        }
        let digits = integerDigits + fractionDigits + String(repeating: "0", count: scale - fractionDigits.count)

        var magnitude = [UInt8](repeating: 0, count: width)
        for digit in digits.utf8 {
            var carry = Int(digit - UInt8(ascii: "0"))
            for index in magnitude.indices.reversed() {
                let product = Int(magnitude[index]) * 10 + carry
                magnitude[index] = UInt8(product & 0xFF)
                carry = product >> 8
            }
            guard carry == 0 else { return nil }
        }
        let signBitSet = magnitude[0] & 0x80 != 0
        if !negative {
            return signBitSet ? nil : magnitude
        }
        // Two's complement: invert and add one. Only -2^(8w-1) may have the sign bit set before.
        var result = magnitude.map { ~$0 }
        for index in result.indices.reversed() {
            result[index] &+= 1
            if result[index] != 0 { break }
        }
        if signBitSet, magnitude != [0x80] + [UInt8](repeating: 0, count: width - 1) { return nil }
        if result.allSatisfy({ $0 == 0 }) { return result }
        return result[0] & 0x80 != 0 ? result : nil
    }

    /// The unscaled value as an `Int64` when it fits in `width` ≤ 8 bytes.
    static func integer(_ text: String, scale: Int, width: Int) -> Int64? {
        guard width <= 8, let bytes = bigEndian(text, scale: scale, width: width) else { return nil }
        let unsigned = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let shift = UInt64(64 - 8 * width)
        return Int64(bitPattern: unsigned << shift) >> Int64(shift)
    }
}
