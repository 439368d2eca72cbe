// Snapshot file names. `fetch` writes `flight_data_YYYYMMDD_HHMMSS.json`; `ingest` also takes
// the forms real exports carry: the original pipeline's `flight_data_test_YYYYMMDD_HHMMSS.json`
// and the production form with a hex suffix, `flight_data_YYYYMMDD_HHMMSS_1a2b3c4d.json`.
// The folder always follows from the snapshot's own `time`, as the flight rules expect.

/// The raw path of a snapshot, and the names a snapshot may have.
public enum SnapshotFileName {
    /// The lake-relative folder of a snapshot taken at `time`: `raw/flights/date=…/hour=…/`.
    public static func folder(for time: Int64) -> String {
        let t = UTCTime(unixSeconds: time)
        return "raw/flights/date=\(t.date)/hour=\(t.hourText)/"
    }

    /// `flight_data_YYYYMMDD_HHMMSS.json` for a snapshot taken at `time`.
    public static func fileName(for time: Int64) -> String {
        "flight_data_\(UTCTime(unixSeconds: time).compact).json"
    }

    /// The longest hex suffix accepted (a SHA-256 in hex).
    static let maxSuffixDigits = 64

    /// Whether `name` is `flight_data_[test_]YYYYMMDD_HHMMSS[_HEX].json` with a real date and
    /// time (UTC) and 1–64 hexadecimal digits of suffix.
    public static func isSnapshot(_ name: String) -> Bool {
        var rest = Substring(name)
        guard rest.hasPrefix("flight_data_"), rest.hasSuffix(".json") else { return false }
        rest = rest.dropFirst("flight_data_".count).dropLast(".json".count)
        if rest.hasPrefix("test_") { rest = rest.dropFirst("test_".count) }
        let stamp = rest.prefix(15)
        rest = rest.dropFirst(15)
        guard isTimestamp(stamp) else { return false }
        if rest.isEmpty { return true }
        guard rest.first == "_" else { return false }
        let hex = rest.dropFirst()
        return (1...maxSuffixDigits).contains(hex.utf8.count) && hex.utf8.allSatisfy(isHexDigit)
    }

    /// `YYYYMMDD_HHMMSS`, a real calendar date and a time of day.
    static func isTimestamp(_ stamp: Substring) -> Bool {
        let bytes = Array(stamp.utf8)
        guard bytes.count == 15, bytes[8] == UInt8(ascii: "_"),
              bytes.enumerated().allSatisfy({ $0.offset == 8 || (48...57).contains($0.element) }) else { return false }
        func number(_ from: Int, _ length: Int) -> Int {
            bytes[from..<(from + length)].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let date = "\(stamp.prefix(4))-\(stamp.dropFirst(4).prefix(2))-\(stamp.dropFirst(6).prefix(2))"
        return UTCTime.startOfDay(date) != nil && number(9, 2) < 24 && number(11, 2) < 60 && number(13, 2) < 60
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
    }
}
