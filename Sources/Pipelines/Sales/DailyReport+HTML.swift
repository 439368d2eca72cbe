// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with the
// content of report.txt and four charts: net sales by store, the company's net sales over the
// window, the payment mix and hourly sales. The markup is also well-formed XML (void elements
// self-closed), so it can be checked mechanically.

extension DailyReport {
    static let style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}
        h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .8rem;text-align:left;border-bottom:1px solid #eee}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.kpis{display:flex;flex-wrap:wrap;gap:1rem}
        .kpi{background:#f4f7fb;border-radius:6px;padding:.6rem 1rem;min-width:10rem}.kpi b{display:block;font-size:1.3rem}
        .critical{color:#b00020}.warning{color:#b36b00}.info{color:#2f6db5}svg{max-width:100%;height:auto;font-size:11px;fill:#444}
        li{margin-bottom:.5rem}.because{color:#666;font-size:.9em}
        """

    public var html: String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>\(e(title)) \(e(company.date))</title>"
        h += "<style>\(Self.style)</style></head><body>\n"
        h += "<h1>\(e(title))</h1><p>\(e(company.date))</p>\n"
        h += "<div class=\"kpis\">" + [
            ("Net sales", Money.grouped(company.netCents)), ("Gross sales", Money.grouped(company.grossCents)),
            ("Transactions", Self.count(company.transactionCount)), ("Items sold", Self.count(company.itemCount)),
            ("Stores reporting", storesLine), ("Average transaction", Money.grouped(company.avgTransactionCents)),
        ].map { "<div class=\"kpi\">\(e($0.0))<b>\(e($0.1))</b></div>" }.joined() + "</div>\n"
        if let best = company.bestStore, let worst = company.worstStore {
            h += "<p>Best store: <b>\(e(best.storeID))</b> \(Money.grouped(best.netCents)) · Worst store: <b>\(e(worst.storeID))</b> \(Money.grouped(worst.netCents))</p>\n"
        }
        h += "<h2>Net sales by store</h2>\n" + SVGChart.bars(title: "Net sales by store", labels: stores.map(\.storeID), cents: stores.map(\.netCents)) + "\n"
        h += "<h2>Company net sales over the window</h2>\n" + SVGChart.line(title: "Company net sales", labels: companyWindow.map(\.date), cents: companyWindow.map(\.netCents)) + "\n"
        let payments = paymentsByAmount
        h += "<h2>Payment mix</h2>\n" + SVGChart.bars(title: "Payment mix", labels: payments.map(\.method), cents: payments.map(\.cents), colour: "#5a9e4b") + "\n"
        h += table(payments.map { [$0.method, Money.grouped($0.cents)] }, header: ["Method", "Net sales"])
        h += "<h2>Hourly sales (UTC)</h2>\n" + SVGChart.bars(title: "Hourly net sales", labels: (0..<24).map { Digits.pad($0, 2) }, cents: hourlyCents, colour: "#8a63b3") + "\n"
        h += "<h2>Top 5 products</h2>\n"
        h += table(topProducts.map { ["\($0.rank)", $0.total.name, $0.total.sku, Self.count($0.total.units), Money.grouped($0.total.netRevenueCents)] },
                   header: ["#", "Product", "SKU", "Units", "Net revenue"])
        h += "<h2>Anomalies (\(insights.anomalies.count))</h2>\n" + list(insights.anomalies.prefix(5).map {
            ($0.severity, Self.marker(severity: $0.severity) + " " + $0.title, $0.description, "")
        }, empty: "none")
        h += "<h2>Trends (\(insights.trends.count))</h2>\n" + list(insights.trends.prefix(5).map {
            ($0.direction == "declining" ? "warning" : "info", "-> " + $0.title, $0.description, "")
        }, empty: insights.notes.first ?? "none")
        h += "<h2>Recommendations (\(insights.recommendations.count))</h2>\n" + list(insights.recommendations.prefix(5).map {
            ($0.priority == "high" ? "critical" : "info", Self.marker(priority: $0.priority) + " " + $0.title, $0.description,
             "Because: " + $0.because.map(\.title).joined(separator: "; "))
        }, empty: "none")
        h += "</body></html>\n"
        return h
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }

    private func table(_ rows: [[String]], header: [String]) -> String {
        var t = "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        for r in rows {
            t += "<tr>" + r.enumerated().map { i, v in i == r.count - 1 ? "<td class=\"n\">\(e(v))</td>" : "<td>\(e(v))</td>" }.joined() + "</tr>"
        }
        return t + "</table>\n"
    }

    private func list(_ items: [(cls: String, title: String, text: String, because: String)], empty: String) -> String {
        guard !items.isEmpty else { return "<p>\(e(empty))</p>\n" }
        return "<ul>" + items.map { i in
            "<li><b class=\"\(i.cls)\">\(e(i.title))</b><br/>\(e(i.text))" + (i.because.isEmpty ? "" : "<br/><span class=\"because\">\(e(i.because))</span>") + "</li>"
        }.joined() + "</ul>\n"
    }
}
