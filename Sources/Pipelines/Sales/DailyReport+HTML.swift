// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with the
// content of report.txt and four charts: net sales by store (named from stores.csv), the
// company's net sales over the window, the payment mix and hourly sales, amounts in the
// report's currency. Unlike the e-mail it lists every anomaly, trend and recommendation it
// counts. The markup is well-formed XML (void elements self-closed), so it can be checked
// mechanically, and it reads at 390 px as at 1280 px (charts scale, see SVGChart).

extension DailyReport {
    static let style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}
        h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
        td{overflow-wrap:break-word}th,td.n{white-space:nowrap;overflow-wrap:normal}.nowrap{white-space:nowrap}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.kpis{display:flex;flex-wrap:wrap;gap:1rem}
        .kpi{background:#f4f7fb;border-radius:6px;padding:.6rem 1rem;min-width:8rem}.kpi b{display:block;font-size:1.3rem}
        .critical{color:#b00020}.warning{color:#b36b00}.info{color:#2f6db5}
        li{margin-bottom:.5rem}.because,.sku{color:#666;font-size:.9em}
        """ + SVGChart.style

    public var html: String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        h += "<title>\(e(title)) \(e(company.date))</title><style>\(Self.style)</style></head><body>\n"
        h += "<h1>\(e(title))</h1><p>\(e(company.date)) · amounts in \(e(currency.code))</p>\n"
        h += "<div class=\"kpis\">" + [
            ("Net sales", money(company.netCents)), ("Gross sales", money(company.grossCents)),
            ("Transactions", Self.count(company.transactionCount)), ("Items sold", Self.count(company.itemCount)),
            ("Stores reporting", storesLine), ("Average transaction", money(company.avgTransactionCents)),
        ].map { "<div class=\"kpi\">\(e($0.0))<b>\(e($0.1))</b></div>" }.joined() + "</div>\n"
        if let best = company.bestStore, let worst = company.worstStore {
            h += "<p>Best store: <b>\(e(storeLabel(best.storeID)))</b> \(e(money(best.netCents))) · "
            h += "Worst store: <b>\(e(storeLabel(worst.storeID)))</b> \(e(money(worst.netCents)))</p>\n"
        }
        h += "<h2>Net sales by store</h2>\n" + storeChart + "\n"
        h += "<h2>Company net sales over the window</h2>\n" + windowChart + "\n"
        h += "<h2>Payment mix</h2>\n" + paymentChart + "\n"
        h += "<h2>Hourly sales (UTC)</h2>\n" + hourlyChart + "\n"
        h += "<h2>Top 5 products</h2>\n"
        h += "<table><tr><th>#</th><th>Product</th><th>Units</th><th>Net revenue</th></tr>"
        for p in topProducts {
            h += "<tr><td>\(p.rank)</td><td>\(e(p.total.name))<br/><span class=\"sku\">\(e(p.total.sku))</span></td>"
            h += "<td class=\"n\">\(e(Self.count(p.total.units)))</td><td class=\"n\">\(e(money(p.total.netRevenueCents)))</td></tr>"
        }
        h += "</table>\n"
        h += "<h2>Anomalies (\(insights.anomalies.count))</h2>\n" + list(insights.anomalies.map {
            ($0.severity, Self.marker(severity: $0.severity) + " " + $0.title, $0.description, "")
        }, empty: "none")
        h += "<h2>Trends (\(insights.trends.count))</h2>\n" + list(insights.trends.map {
            ($0.direction == "declining" ? "warning" : "info", "-> " + $0.title, $0.description, "")
        }, empty: insights.notes.first ?? "none")
        h += "<h2>Recommendations (\(insights.recommendations.count))</h2>\n" + list(insights.recommendations.map {
            ($0.priority == "high" ? "critical" : "info", Self.marker(priority: $0.priority) + " " + $0.title, $0.description,
             "Because: " + $0.because.map(\.title).joined(separator: "; "))
        }, empty: "none")
        h += "</body></html>\n"
        return h
    }

    /// One named bar per store that reported, by id.
    private var storeChart: String {
        SVGChart.rows(title: "Net sales by store", bars: stores.map { s in
            SVGChart.Bar(label: storeLabel(s.storeID), value: Double(s.netCents), valueText: currency.whole(s.netCents),
                         tooltip: "\(storeLabel(s.storeID)): \(money(s.netCents)) net, \(Count.of(s.transactionCount, "transaction"))")
        }, colour: "#2f6db5", highlightColour: "#2f6db5")
    }

    /// The company's net sales on each day of the window, labelled MM-DD, the dates in the title.
    private var windowChart: String {
        let span = companyWindow.count > 1 ? "\(companyWindow.first?.date ?? "") to \(companyWindow.last?.date ?? "")" : company.date
        return SVGChart.line(title: "Company net sales", labels: companyWindow.map { String($0.date.suffix(5)) },
                             values: companyWindow.map { Double($0.netCents) },
                             tooltips: companyWindow.map { "\($0.date): \(money($0.netCents))" },
                             yTitle: "net sales", xTitle: span, tick: currency.compact)
    }

    /// Each payment method's net sales and share, by amount.
    private var paymentChart: String {
        let total = max(1, paymentsByAmount.map(\.cents).reduce(0, +))
        return SVGChart.rows(title: "Payment mix", bars: paymentsByAmount.map { p in
            let share = Percent.text(Double(p.cents) / Double(total) * 100) + "%"
            return SVGChart.Bar(label: p.method, value: Double(p.cents), valueText: "\(money(p.cents)) · \(share)",
                                tooltip: "\(p.method): \(money(p.cents)), \(share) of net sales")
        }, colour: "#5a9e4b", highlightColour: "#5a9e4b")
    }

    /// Net sales per UTC hour over all stores, with a y axis.
    private var hourlyChart: String {
        SVGChart.columns(title: "Hourly net sales", bars: hourlyCents.enumerated().map { hour, cents in
            SVGChart.Bar(label: Digits.pad(hour, 2) + ":00", value: Double(cents), valueText: money(cents),
                         tooltip: "\(Digits.pad(hour, 2)):00–\(Digits.pad(hour + 1, 2)):00 UTC: \(money(cents))")
        }, labelEvery: 3, yTitle: "net sales", xTitle: "hour of day (UTC)", tick: currency.compact, colour: "#8a63b3")
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }

    private func list(_ items: [(cls: String, title: String, text: String, because: String)], empty: String) -> String {
        guard !items.isEmpty else { return "<p>\(e(empty))</p>\n" }
        return "<ul>" + items.map { i in
            "<li><b class=\"\(i.cls)\">\(e(i.title))</b><br/>\(e(i.text))" + (i.because.isEmpty ? "" : "<br/><span class=\"because\">\(e(i.because))</span>") + "</li>"
        }.joined() + "</ul>\n"
    }
}
