// Trimming ASCII spaces without Foundation: OpenSky pads callsigns to 8 characters, and the
// hourly action trims millions of them. Foundation's `trimmingCharacters(in:)` bridges through
// NSString and dominated a profile of the hourly build.

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    var trimmedSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        guard let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }

    /// Lower-cases ASCII letters only.
    var asciiLowercased: String {
        guard utf8.contains(where: { (65...90).contains($0) }) else { return self }
        return String(decoding: utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
