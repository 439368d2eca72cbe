// Trend rules (sales.md §6). Direction: beyond ±5 % improving or declining, else stable;
// significance: |change| ≥ 30 % high, ≥ 15 % medium, else low. Reported thresholds:
// week_over_week always, store_momentum |change| ≥ 10 %, product_trend |change| ≥ 20 % for the
// day's top 10 products, payment_trend a share moving ≥ 5 percentage points.

extension SalesInsights {
    static func trends(_ w: SalesWindow) -> [Trend] {
        var found = [weekOverWeek(w)].compactMap { $0 }
        found += storeMomentum(w)
        found += productTrends(w)
        found += paymentTrends(w)
        // Most significant first; ties keep the rule order above.
        return found.enumerated().sorted { a, b in
            let (x, y) = (rank(level: a.element.significance), rank(level: b.element.significance))
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    static func direction(_ change: Double) -> String { change > 5 ? "improving" : change < -5 ? "declining" : "stable" }
    static func significance(_ change: Double) -> String { abs(change) >= 30 ? "high" : abs(change) >= 15 ? "medium" : "low" }

    static func trend(_ type: String, _ change: Double, title: String, description: String, items: [String]) -> Trend {
        Trend(type: type, significance: significance(change), direction: direction(change), title: title,
              description: description, affectedItems: items, changePercent: Percent.rounded(change))
    }

    private static func weekOverWeek(_ w: SalesWindow) -> Trend? {
        let days = w.history.map { $0.stores.reduce(Int64(0)) { $0 + $1.netCents } }
        let total = days.reduce(0, +)
        guard total > 0 else { return nil }
        let mean = Double(total) / Double(days.count)
        let change = (Double(w.company.netCents) - mean) / mean * 100
        let meanCents = Money.divideHalfEven(total, Int64(days.count))
        return trend("week_over_week", change,
                     title: "Company net sales \(direction(change) == "stable" ? "steady" : change > 0 ? "up" : "down") \(Percent.text(abs(change)))% on the week",
                     description: "Net sales of \(Money.grouped(w.company.netCents)) against a mean of \(Money.grouped(meanCents)) over the previous \(days.count) days.",
                     items: ["company"])
    }

    private static func storeMomentum(_ w: SalesWindow) -> [Trend] {
        var out: [Trend] = []
        for store in w.todayStores {
            var recent: [Int64] = [], before: [Int64] = []
            for offset in 0..<7 {
                let day = w.date.adding(days: -offset).text
                guard let m = w.storesByDate.first(where: { $0.date == day })?.stores.first(where: { $0.storeID == store.storeID }) else { continue }
                if offset < 3 { recent.append(m.netCents) } else { before.append(m.netCents) }
            }
            let beforeTotal = before.reduce(0, +)
            guard !recent.isEmpty, !before.isEmpty, beforeTotal > 0 else { continue }
            let recentMean = Double(recent.reduce(0, +)) / Double(recent.count)
            let beforeMean = Double(beforeTotal) / Double(before.count)
            let change = (recentMean - beforeMean) / beforeMean * 100
            guard abs(change) >= 10 else { continue }
            out.append(trend("store_momentum", change,
                             title: "Store \(store.storeID) momentum \(change > 0 ? "rising" : "falling") \(Percent.text(abs(change)))%",
                             description: "Mean net sales of the last \(recent.count) days \(Money.grouped(Money.divideHalfEven(recent.reduce(0, +), Int64(recent.count)))) against \(Money.grouped(Money.divideHalfEven(beforeTotal, Int64(before.count)))) over the \(before.count) days before.",
                             items: [store.storeID]))
        }
        return out
    }

    private static func productTrends(_ w: SalesWindow) -> [Trend] {
        guard let today = w.products.last(where: { $0.date == w.today }) else { return [] }
        let history = w.products.filter { $0.date < w.today }
        guard !history.isEmpty else { return [] }
        var out: [Trend] = []
        for p in today.products.prefix(10) {
            let units = history.map { day in day.products.first { $0.total.sku == p.total.sku }?.total.units ?? 0 }
            let total = units.reduce(0, +)
            guard total > 0 else { continue }
            let mean = Double(total) / Double(units.count)
            let change = (Double(p.total.units) - mean) / mean * 100
            guard abs(change) >= 20 else { continue }
            out.append(trend("product_trend", change,
                             title: "\(p.total.name) units \(change > 0 ? "up" : "down") \(Percent.text(abs(change)))%",
                             description: "\(p.total.units) units of \(p.total.name) (\(p.total.sku)) sold against a mean of \(Money.text(Money.divideHalfEven(total * 100, Int64(units.count)))) over the previous \(units.count) days.",
                             items: [p.total.sku]))
        }
        return out
    }

    private static func paymentTrends(_ w: SalesWindow) -> [Trend] {
        let todayNet = w.company.netCents
        var windowPayments = [Int64](repeating: 0, count: PaymentMethod.allCases.count)
        var windowNet: Int64 = 0
        for day in w.history {
            for s in day.stores {
                windowNet += s.netCents
                for i in windowPayments.indices { windowPayments[i] += s.paymentCents[i] }
            }
        }
        guard todayNet > 0, windowNet > 0 else { return [] }
        var out: [Trend] = []
        for (i, method) in PaymentMethod.allCases.enumerated() {
            let shareToday = Double(w.company.paymentCents[i]) / Double(todayNet) * 100
            let shareBefore = Double(windowPayments[i]) / Double(windowNet) * 100
            let points = shareToday - shareBefore
            guard abs(points) >= 5 else { continue }
            out.append(trend("payment_trend", points,
                             title: "\(method.rawValue) share \(points > 0 ? "up" : "down") \(Percent.text(abs(points))) points",
                             description: "\(method.rawValue) took \(Percent.text(shareToday))% of net sales against \(Percent.text(shareBefore))% over the previous \(w.history.count) days.",
                             items: [method.rawValue]))
        }
        return out
    }
}
