// Anomaly rules (sales.md §6). Thresholds are the contract's: ±25 % warning, ±50 % critical
// against the mean of the store's same weekday in the previous 4 weeks (≥ 2 such days, else no
// historical anomaly for it); fewer than 20 % of that mean's transactions is a sudden drop,
// which replaces the low for that metric; a robust z-score of 3.5 (0.6745·(x − median)/MAD)
// among ≥ 5 stores is a peer outlier. An expected store without metrics is either a rejected
// upload (the company metrics say so) or a missing one, never both.

import LakeBuild

extension SalesInsights {
    static func anomalies(_ window: SalesWindow) -> [Anomaly] {
        var found: [Anomaly] = []
        for store in window.todayStores {
            let history = window.sameWeekday(of: store.storeID)
            guard history.count >= 2 else { continue }
            found += historical(store.storeID, metric: "net_sales", value: store.netCents, sums: history.map(\.netCents), window: window)
            found += historical(store.storeID, metric: "transaction_count", value: store.transactionCount,
                                sums: history.map(\.transactionCount), window: window)
        }
        let company = window.company
        for id in company.storesRejected where company.storesExpected.contains(id) {
            let file = rejectionFile(store: id, date: window.date)
            found.append(Anomaly(
                type: "rejected_upload", severity: "warning", storeID: id, title: "Upload from store \(id) rejected",
                description: "Store \(id) uploaded its sales for \(window.today) but the file was rejected: see \(file). Its sales are not in the day's totals until a corrected file is uploaded.",
                metric: "net_sales", valueHundredths: 0, baselineHundredths: sameWeekdayMean(id, window), deviationPercent: -100))
        }
        for id in company.storesMissing {
            found.append(Anomaly(
                type: "missing_upload", severity: "warning", storeID: id, title: "No upload from store \(id)",
                description: "Store \(id) is expected (reference/stores.csv) but has not uploaded its sales for \(window.today).",
                metric: "net_sales", valueHundredths: 0, baselineHundredths: sameWeekdayMean(id, window), deviationPercent: -100))
        }
        found += peerOutliers(window.todayStores, currency: window.currency)
        return found.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if rank(severity: x.severity) != rank(severity: y.severity) { return rank(severity: x.severity) < rank(severity: y.severity) }
            if x.storeID != y.storeID { return x.storeID < y.storeID }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// `rejected/sales/store_0003_2025-11-20.json.error.json`: where the engine put the reasons
    /// (the upload's name is fixed by the input contract, sales.md §1).
    static func rejectionFile(store: String, date: CalendarDate) -> String {
        LakeLayout.rejectionFile(for: "raw/sales/store_\(store)_\(date.text).json")
    }

    /// A store's mean net sales on the same weekday of the previous weeks (0 without any).
    private static func sameWeekdayMean(_ store: String, _ window: SalesWindow) -> Int64 {
        let history = window.sameWeekday(of: store)
        return Money.divideHalfEven(history.reduce(0) { $0 + $1.netCents }, Int64(history.count))
    }

    /// The high/low/sudden-drop anomaly of one metric, if any.
    private static func historical(_ store: String, metric: String, value: Int64, sums: [Int64], window: SalesWindow) -> [Anomaly] {
        let money = metric == "net_sales"
        let total = sums.reduce(0, +)
        guard total > 0 else { return [] }
        let n = Int64(sums.count)
        let mean = Double(total) / Double(n)
        let deviation = (Double(value) - mean) / mean * 100
        let valueH = money ? value : value * 100
        let baselineH = money ? Money.divideHalfEven(total, n) : Money.divideHalfEven(total * 100, n)
        let over = window.previousSameWeekdays(sums.count)
        // Money with two decimals; transactions as a count ("1 transaction", "205 transactions").
        let shownValue = money ? "net sales of \(window.currency.amount(value))" : Count.of(value, "transaction")
        let shownMean = money ? window.currency.amount(baselineH) : Count.of(Count.mean(total, n), "transaction")
        if !money && value * 5 * n < total {  // value < 20 % of the mean, exactly
            return [Anomaly(
                type: "sudden_drop", severity: "critical", storeID: store,
                title: "Sudden drop in transactions at store \(store)",
                description: "Store \(store) recorded \(shownValue), under 20% of its mean of \(shownMean) on \(over).",
                metric: metric, valueHundredths: valueH, baselineHundredths: baselineH, deviationPercent: Percent.rounded(deviation))]
        }
        guard abs(deviation) >= 25 else { return [] }
        let high = deviation > 0
        return [Anomaly(
            type: high ? "historical_high" : "historical_low", severity: abs(deviation) >= 50 ? "critical" : "warning",
            storeID: store,
            title: "\(high ? "Unusually high" : "Unusually low") \(money ? "net sales" : "transactions") at store \(store)",
            description: "Store \(store) recorded \(shownValue), \(Percent.text(abs(deviation)))% \(high ? "above" : "below") its mean of \(shownMean) on \(over).",
            metric: metric, valueHundredths: valueH, baselineHundredths: baselineH, deviationPercent: Percent.rounded(deviation))]
    }

    /// Stores whose net sales per transaction stand out from the day's other stores.
    private static func peerOutliers(_ stores: [StoreMetrics], currency: Currency) -> [Anomaly] {
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
                description: "Store \(store.storeID) averaged \(currency.amount(store.avgTransactionCents)) per transaction against a median of \(currency.amount(medianCents)) across \(eligible.count) stores (robust z-score \(Percent.text(z))).",
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
