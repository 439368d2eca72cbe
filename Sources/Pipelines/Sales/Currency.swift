// The currency the sales reports name their amounts in: the `currency` parameter of the report
// rule, an ISO 4217 code (USD when the rule gives none). The uploads carry plain decimal
// amounts; the chain's currency is a fact about the chain, so it lives in its rules.

/// How amounts of cents are written in a report: `$1,234.50`, `€12.00`, `CHF 7.10`.
public struct Currency: Sendable, Equatable {
    /// The ISO 4217 code, three capital letters.
    public let code: String

    public static let usd = Currency(uncheckedCode: "USD")

    /// Nil unless `code` is three capital ASCII letters.
    public init?(code: String) {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return nil }
        self.code = code
    }

    private init(uncheckedCode: String) { code = uncheckedCode }

    /// The symbol written before an amount; codes without a well-known symbol are written out.
    public var prefix: String {
        ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "INR": "₹"][code] ?? code + " "
    }

    /// `$12,345.50`, `-$0.05`.
    func amount(_ cents: Int64) -> String {
        let text = Money.grouped(cents)
        return text.hasPrefix("-") ? "-" + prefix + text.dropFirst() : prefix + text
    }

    /// `$45,493`: rounded half to even to whole units, for chart labels.
    func whole(_ cents: Int64) -> String {
        let text = Count.text(Money.divideHalfEven(cents, 100))
        return text.hasPrefix("-") ? "-" + prefix + text.dropFirst() : prefix + text
    }

    /// `$0`, `$500`, `$2.5k`, `$100k`, `$1.2M`: an axis tick of `cents`.
    func compact(_ cents: Double) -> String {
        let units = cents / 100
        func trimmed(_ v: Double) -> String {
            let t = NumberText.fixed(v, 1)
            return t.hasSuffix(".0") ? String(t.dropLast(2)) : t
        }
        if abs(units) >= 1_000_000 { return prefix + trimmed(units / 1_000_000) + "M" }
        if abs(units) >= 1_000 { return prefix + trimmed(units / 1_000) + "k" }
        return prefix + trimmed(units)
    }
}
