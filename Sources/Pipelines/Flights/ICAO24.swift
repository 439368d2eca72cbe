// An aircraft's ICAO 24-bit address, held as the number its six hex digits spell. A valid
// icao24 (flights.md §2: six hex digits after trimming and lower-casing) is exactly such a
// number, so kept rows carry it as 4 bytes instead of a String: it sorts, hashes and compares
// as an integer, and its text is the six lower-case digits again. Six hex digits in ASCII
// order ('0' < '9' < 'a' < 'f') sort as their numbers do, so ordering by the number is
// ordering by the text.

/// A valid, normalised icao24.
public struct ICAO24: Sendable, Hashable, Comparable {
    /// The 24-bit address, 0…0xFFFFFF.
    public let value: UInt32

    public init?(value: UInt32) {
        guard value <= 0xFF_FFFF else { return nil }
        self.value = value
    }

    /// The address of icao24 text as received: ASCII spaces and tabs around it are trimmed and
    /// upper-case hex digits read as lower-case; nil unless six hex digits remain.
    public init?<Bytes: Collection>(normalizing text: Bytes) where Bytes.Element == UInt8 {
        var value: UInt32 = 0
        var digits = 0
        var trailing = false  // a space or tab after the digits: only more of them may follow
        for byte in text {
            if byte == 0x20 || byte == 0x09 {
                if digits > 0 { trailing = true }
                continue
            }
            guard !trailing, digits < 6, let digit = Self.hexDigit(byte) else { return nil }
            value = value << 4 | UInt32(digit)
            digits += 1
        }
        guard digits == 6 else { return nil }
        self.value = value
    }

    public init?(_ text: String) { self.init(normalizing: text.utf8) }

    /// The address of exactly six lower-case hex digits (the form the hourly files hold), nil
    /// for anything else.
    init?(canonical bytes: ArraySlice<UInt8>) {
        guard bytes.count == 6 else { return nil }
        var value: UInt32 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        self.value = value
    }

    @inline(__always)
    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The six lower-case hex digits, as UTF-8.
    public var utf8: [UInt8] {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return (0..<6).map { digits[Int(value >> UInt32(20 - 4 * $0) & 0xF)] }
    }

    /// The six lower-case hex digits.
    public var text: String { String(decoding: utf8, as: UTF8.self) }

    public static func < (a: ICAO24, b: ICAO24) -> Bool { a.value < b.value }
}
