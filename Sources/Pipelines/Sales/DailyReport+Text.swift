// `report.txt`: the e-mail body. Fixed-width, descriptions wrapped at 70 columns, at most 5
// anomalies, trends and recommendations (a line says how many more report.html lists).

extension DailyReport {
    public var text: String {
        var out: [String] = [title, "Date: \(company.date)", String(repeating: "=", count: 70), ""]
        out.append("COMPANY SUMMARY")
        out += [
            row("Net sales", money(company.netCents)),
            row("Gross sales", money(company.grossCents)),
            row("Transactions", Self.count(company.transactionCount)),
            row("Items sold", Self.count(company.itemCount)),
            row("Stores reporting", storesLine),
            row("Average transaction", money(company.avgTransactionCents)),
        ]
        if let best = company.bestStore, let worst = company.worstStore {
            out += ["", row("Best store", "\(storeLabel(best.storeID))  \(money(best.netCents))"),
                    row("Worst store", "\(storeLabel(worst.storeID))  \(money(worst.netCents))")]
        }
        out += ["", "PAYMENT BREAKDOWN"]
        out += paymentsByAmount.map { row($0.method, money($0.cents)) }
        out += ["", "TOP 5 PRODUCTS"]
        for p in topProducts {
            out.append("  \(p.rank). \(p.total.name) (\(p.total.sku)): \(Self.count(p.total.units)) units, \(money(p.total.netRevenueCents))")
        }
        out += ["", "ANOMALIES (\(insights.anomalies.count))"]
        for a in insights.anomalies.prefix(5) { out += item(Self.marker(severity: a.severity), a.title, a.description) }
        out += more(insights.anomalies.count)
        if insights.anomalies.isEmpty { out.append("  none") }
        out += ["", "TRENDS (\(insights.trends.count))"]
        for t in insights.trends.prefix(5) { out += item("->", t.title, t.description) }
        out += more(insights.trends.count)
        if insights.trends.isEmpty { out.append("  " + (insights.notes.first ?? "none")) }
        out += ["", "RECOMMENDATIONS (\(insights.recommendations.count))"]
        for r in insights.recommendations.prefix(5) {
            out += item(Self.marker(priority: r.priority), r.title, r.description + " Because: " + r.because.map(\.title).joined(separator: "; ") + ".")
        }
        out += more(insights.recommendations.count)
        if insights.recommendations.isEmpty { out.append("  none") }
        return out.joined(separator: "\n") + "\n"
    }

    /// The line that says how many of `count` items the text leaves to report.html.
    private func more(_ count: Int) -> [String] {
        count > 5 ? ["  … and \(count - 5) more in report.html"] : []
    }

    private func row(_ label: String, _ value: String) -> String {
        "  " + label + ":" + String(repeating: " ", count: max(1, 22 - label.count)) + value
    }

    private func item(_ marker: String, _ title: String, _ description: String) -> [String] {
        ["  \(marker) \(title)"] + Self.wrap(description, indent: 6, width: 70)
    }

    /// Words of `text` in lines of at most `width` columns (indent included); a longer word
    /// gets a line of its own.
    static func wrap(_ text: String, indent: Int, width: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if indent + current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(pad + current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(pad + current) }
        return lines
    }
}
