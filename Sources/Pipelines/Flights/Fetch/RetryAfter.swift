// How long a 429 or 503 answer asks the client to wait (flights.md §10): OpenSky's own
// `X-Rate-Limit-Retry-After-Seconds`, else the standard `Retry-After` (RFC 9110 §10.2.3),
// which is either delay-seconds or an HTTP date. A date is measured against the response's own
// `Date` header when it has one, so a skewed local clock does not stretch or shrink the wait;
// the local clock is used only when the server sends no date.

import Foundation

/// A wait announced by the server, and which header announced it.
public struct AnnouncedWait: Sendable, Equatable {
    public var seconds: Double
    public var header: String

    public init(seconds: Double, header: String) {
        self.seconds = seconds
        self.header = header
    }

    /// The wait `response` announces, nil when it announces none (or only an unreadable one).
    public static func of(_ response: HTTPResponse, now: Date) -> AnnouncedWait? {
        let opensky = "X-Rate-Limit-Retry-After-Seconds", standard = "Retry-After"
        if let text = response.header(opensky), let seconds = delaySeconds(text) {
            return AnnouncedWait(seconds: seconds, header: opensky)
        }
        guard let text = response.header(standard) else { return nil }
        if let seconds = delaySeconds(text) { return AnnouncedWait(seconds: seconds, header: standard) }
        guard let date = httpDate(text) else { return nil }
        let reference = response.header("Date").flatMap(httpDate) ?? now
        return AnnouncedWait(seconds: max(0, date.timeIntervalSince(reference)), header: standard)
    }

    /// A non-negative number of seconds (OpenSky may send a fraction).
    static func delaySeconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite, value >= 0,
              trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return value
    }

    /// An HTTP date in any of the three forms RFC 9110 §5.6.7 requires recipients to accept:
    /// IMF-fixdate, the obsolete RFC 850 form and asctime.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}
