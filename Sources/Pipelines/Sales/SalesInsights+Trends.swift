// Trend rules (sales.md §6). Direction: beyond ±5 % improving or declining, else stable;
// significance: |change| ≥ 30 % high, ≥ 15 % medium, else low. Comparisons respect the weekly
// rhythm: week_over_week is the day against the same weekday a week earlier (always reported),
// store_momentum the last 7 days against the 7 before (|change| ≥ 10 %), product_trend the
// day's top 10 products against the same weekday of the previous 4 weeks (|change| ≥ 20 %),
// payment_trend a method's share against the whole window (moving ≥ 5 percentage points).

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

    /// Company net sales against the same weekday one week earlier.
    private static func weekOverWeek(_ w: SalesWindow) -> Trend? {
        guard let before = w.company(daysAgo: 7), before.netCents > 0 else { return nil }
        let change = (Double(w.company.netCents) - Double(before.netCents)) / Double(before.netCents) * 100
        return trend("week_over_week", change,
                     title: "Company net sales \(direction(change) == "stable" ? "steady" : change > 0 ? "up" : "down") \(Percent.text(abs(change)))% on the week",
                     description: "Net sales of \(w.currency.amount(w.company.netCents)) against \(w.currency.amount(before.netCents)) on \(w.weekdayName) \(before.date), a week earlier.",
                     items: ["company"])
    }

    /// Per store, the last 7 days (the day included) against the 7 before: two complete weeks,
    /// so each holds every weekday once.
    private static func storeMomentum(_ w: SalesWindow) -> [Trend] {
        var out: [Trend] = []
        for store in w.todayStores {
            let days = (0..<14).compactMap { w.company(daysAgo: $0)?.store(store.storeID)?.netCents }
            guard days.count == 14 else { continue }
            let recent = days[0..<7].reduce(0, +), before = days[7..<14].reduce(0, +)
            guard before > 0 else { continue }
            let change = (Double(recent) - Double(before)) / Double(before) * 100
            guard abs(change) >= 10 else { continue }
            out.append(trend("store_momentum", change,
                             title: "Store \(store.storeID) momentum \(change > 0 ? "rising" : "falling") \(Percent.text(abs(change)))%",
                             description: "Net sales of \(w.currency.amount(recent)) over the last 7 days against \(w.currency.amount(before)) over the 7 days before.",
                             items: [store.storeID]))
        }
        return out
    }

    /// The day's top 10 products: units against the mean of the same weekday in the previous
    /// 4 weeks (≥ 2 such days; a product not sold on one counts 0 units there).
    private static func productTrends(_ w: SalesWindow) -> [Trend] {
        guard let today = w.products(daysAgo: 0) else { return [] }
        let history = w.sameWeekdayOffsets.compactMap { w.products(daysAgo: $0) }
        guard history.count >= 2 else { return [] }
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
                             description: "\(Count.of(p.total.units, "unit")) of \(p.total.name) (\(p.total.sku)) sold against a mean of \(Count.of(Count.mean(total, Int64(units.count)), "unit")) on \(w.previousSameWeekdays(units.count)).",
                             items: [p.total.sku]))
        }
        return out
    }

    private static func paymentTrends(_ w: SalesWindow) -> [Trend] {
        let todayNet = w.company.netCents
        var windowPayments = [Int64](repeating: 0, count: PaymentMethod.allCases.count)
        var windowNet: Int64 = 0
        for day in w.history {
            windowNet += day.netCents
            for i in windowPayments.indices { windowPayments[i] += day.paymentCents[i] }
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
