// Anomaly rules (sales.md §6). Thresholds are the contract's: ±25 % warning, ±50 % critical
// against the store's own mean over ≥ 3 history days; fewer than 20 % of its usual
// transactions is a sudden drop, which replaces the low for that metric; a robust z-score of
// 3.5 (0.6745·(x − median)/MAD) among ≥ 5 stores is a peer outlier.

extension SalesInsights {
    static func anomalies(_ window: SalesWindow) -> [Anomaly] {
        var found: [Anomaly] = []
        for store in window.todayStores {
            let history = window.history(of: store.storeID)
            guard history.count >= 3 else { continue }
            found += historical(store, metric: "net_sales", value: store.netCents, sums: history.map(\.netCents), money: true)
            found += historical(store, metric: "transaction_count", value: store.transactionCount,
                                sums: history.map(\.transactionCount), money: false)
        }
        for id in window.company.storesMissing {
            let history = window.history(of: id)
            let baseline = history.isEmpty ? 0 : Money.divideHalfEven(history.reduce(0) { $0 + $1.netCents }, Int64(history.count))
            found.append(Anomaly(
                type: "missing_upload", severity: "warning", storeID: id, title: "No upload from store \(id)",
                description: "Store \(id) is expected (reference/stores.csv) but has not uploaded its sales for \(window.today).",
                metric: "net_sales", valueHundredths: 0, baselineHundredths: baseline, deviationPercent: -100))
        }
        found += peerOutliers(window.todayStores)
        return found.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if rank(severity: x.severity) != rank(severity: y.severity) { return rank(severity: x.severity) < rank(severity: y.severity) }
            if x.storeID != y.storeID { return x.storeID < y.storeID }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The high/low/sudden-drop anomaly of one metric, if any.
    private static func historical(_ store: StoreMetrics, metric: String, value: Int64, sums: [Int64], money: Bool) -> [Anomaly] {
        let total = sums.reduce(0, +)
        guard total > 0 else { return [] }
        let n = Int64(sums.count)
        let mean = Double(total) / Double(n)
        let deviation = (Double(value) - mean) / mean * 100
        let valueH = money ? value : value * 100
        let baselineH = money ? Money.divideHalfEven(total, n) : Money.divideHalfEven(total * 100, n)
        let label = money ? "net sales" : "transactions"
        let shown = { (h: Int64) in money ? Money.grouped(h) : Money.text(h) }
        if !money && value * 5 * n < total {  // value < 20 % of the mean, exactly
            return [Anomaly(
                type: "sudden_drop", severity: "critical", storeID: store.storeID,
                title: "Sudden drop in transactions at store \(store.storeID)",
                description: "Store \(store.storeID) recorded \(value) transactions, under 20% of its mean of \(shown(baselineH)) over the previous \(n) days.",
                metric: metric, valueHundredths: valueH, baselineHundredths: baselineH, deviationPercent: Percent.rounded(deviation))]
        }
        guard abs(deviation) >= 25 else { return [] }
        let high = deviation > 0
        return [Anomaly(
            type: high ? "historical_high" : "historical_low", severity: abs(deviation) >= 50 ? "critical" : "warning",
            storeID: store.storeID,
            title: "\(high ? "Unusually high" : "Unusually low") \(label) at store \(store.storeID)",
            description: "Store \(store.storeID) \(label) of \(shown(valueH)) are \(Percent.text(abs(deviation)))% \(high ? "above" : "below") its mean of \(shown(baselineH)) over the previous \(n) days.",
            metric: metric, valueHundredths: valueH, baselineHundredths: baselineH, deviationPercent: Percent.rounded(deviation))]
    }

    /// Stores whose net sales per transaction stand out from the day's other stores.
    private static func peerOutliers(_ stores: [StoreMetrics]) -> [Anomaly] {
        let eligible = stores.filter { $0.transactionCount > 0 }
        guard eligible.count >= 5 else { return [] }
        let values = eligible.map { Double($0.netCents) / Double($0.transactionCount) }
        let med = median(values)
        let mad = median(values.map { abs($0 - med) })
        guard mad > 0 else { return [] }
        var out: [Anomaly] = []
        for (store, x) in zip(eligible, values) {
            let z = 0.6745 * (x - med) / mad
            guard abs(z) >= 3.5 else { continue }
            let medianCents = Int64(med.rounded(.toNearestOrEven))
            out.append(Anomaly(
                type: "peer_outlier", severity: "info", storeID: store.storeID,
                title: "Store \(store.storeID) average sale differs from its peers",
                description: "Store \(store.storeID) averaged \(Money.grouped(store.avgTransactionCents)) per transaction against a median of \(Money.grouped(medianCents)) across \(eligible.count) stores (robust z-score \(Percent.text(z))).",
                metric: "avg_transaction", valueHundredths: store.avgTransactionCents, baselineHundredths: medianCents,
                deviationPercent: Percent.rounded((x - med) / med * 100)))
        }
        return out
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
