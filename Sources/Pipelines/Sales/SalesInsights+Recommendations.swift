// Recommendation rules. Each is a function of the file's own anomalies and trends, and lists
// them in `because`:
//
// | insight                                   | category   | priority                       | action |
// | product_trend, improving                  | inventory  | high if significance high, else medium | restock at the 3 stores selling most of it today |
// | product_trend, declining                  | marketing  | medium if significance high, else low  | promote it |
// | historical_low or sudden_drop, critical   | operations | high                           | investigate the store (one per store) |
// | missing_upload                            | operations | medium                         | chase the store's upload |
// | rejected_upload                           | operations | medium                         | fix the file named in rejected/ and upload it again |
// | store_momentum, declining                 | operations | medium if significance high, else low  | review the store |
// | week_over_week, declining, ≥ 15 %         | marketing  | high if ≥ 30 %, else medium    | company-wide promotion |
//
// Sorted high → medium → low, then by title.

extension SalesInsights {
    static func recommendations(_ w: SalesWindow, anomalies: [Anomaly], trends: [Trend]) -> [Recommendation] {
        var out: [Recommendation] = []
        for (i, t) in trends.enumerated() {
            let ref = InsightReference(section: "trends", index: i, title: t.title)
            switch (t.type, t.direction) {
            case ("product_trend", "improving"):
                let sku = t.affectedItems.first ?? ""
                let sellers = topSellers(of: sku, in: w.todayStores)
                out.append(Recommendation(
                    priority: t.significance == "high" ? "high" : "medium", category: "inventory",
                    title: "Restock \(productName(sku, w))",
                    description: "Demand is rising (\(t.title)). Restock at the stores selling most of it: \(sellers.joined(separator: ", ")).",
                    affectedStores: sellers, affectedProducts: [sku],
                    expectedImpact: "avoid stock-outs while units run \(Percent.text(t.changePercent))% above the same weekday's mean",
                    because: [ref]))
            case ("product_trend", "declining"):
                let sku = t.affectedItems.first ?? ""
                out.append(Recommendation(
                    priority: t.significance == "high" ? "medium" : "low", category: "marketing",
                    title: "Promote \(productName(sku, w))",
                    description: "Units are falling (\(t.title)). Feature it in store displays or a bundle offer.",
                    affectedStores: [], affectedProducts: [sku],
                    expectedImpact: "recover part of the \(Percent.text(abs(t.changePercent)))% drop in units", because: [ref]))
            case ("store_momentum", "declining"):
                let store = t.affectedItems.first ?? ""
                out.append(Recommendation(
                    priority: t.significance == "high" ? "medium" : "low", category: "operations",
                    title: "Review sales momentum at store \(store)",
                    description: "\(t.title). Check staffing, stock and local events.",
                    affectedStores: [store], affectedProducts: [],
                    expectedImpact: "stop a \(Percent.text(abs(t.changePercent)))% slide in net sales", because: [ref]))
            case ("week_over_week", "declining") where abs(t.changePercent) >= 15:
                out.append(Recommendation(
                    priority: abs(t.changePercent) >= 30 ? "high" : "medium", category: "marketing",
                    title: "Counter the company-wide sales decline",
                    description: "\(t.title). Consider a chain-wide promotion on the top products.",
                    affectedStores: [], affectedProducts: [],
                    expectedImpact: "recover part of the \(Percent.text(abs(t.changePercent)))% drop in net sales", because: [ref]))
            default: break
            }
        }
        var lowRefs: [(store: String, refs: [InsightReference])] = []
        for (i, a) in anomalies.enumerated() {
            let ref = InsightReference(section: "anomalies", index: i, title: a.title)
            if a.severity == "critical" && (a.type == "historical_low" || a.type == "sudden_drop") {
                if let k = lowRefs.firstIndex(where: { $0.store == a.storeID }) { lowRefs[k].refs.append(ref) } else { lowRefs.append((a.storeID, [ref])) }
            } else if a.type == "missing_upload" {
                out.append(Recommendation(
                    priority: "medium", category: "operations", title: "Chase the upload of store \(a.storeID)",
                    description: "Store \(a.storeID) has not uploaded its sales for \(w.today); the day's totals are incomplete until it does.",
                    affectedStores: [a.storeID], affectedProducts: [],
                    expectedImpact: "complete company totals for \(w.today)", because: [ref]))
            } else if a.type == "rejected_upload" {
                let file = rejectionFile(store: a.storeID, date: w.date)
                out.append(Recommendation(
                    priority: "medium", category: "operations", title: "Fix the rejected upload of store \(a.storeID)",
                    description: "Store \(a.storeID)'s upload for \(w.today) was rejected: see \(file) for each error. Correct the file and upload it again (lakemake ingest --replace); the day's totals are incomplete until then.",
                    affectedStores: [a.storeID], affectedProducts: [],
                    expectedImpact: "complete company totals for \(w.today)", because: [ref]))
            }
        }
        for (store, refs) in lowRefs {
            out.append(Recommendation(
                priority: "high", category: "operations", title: "Investigate store \(store)",
                description: "Store \(store) is far below its usual level (\(refs.map(\.title).joined(separator: "; "))). Check for outages, closures or a partial upload.",
                affectedStores: [store], affectedProducts: [],
                expectedImpact: "find the cause of the drop before it repeats", because: refs))
        }
        return out.sorted { a, b in
            let (x, y) = (rank(level: a.priority), rank(level: b.priority))
            return x != y ? x < y : a.title < b.title
        }
    }

    /// The up to 3 stores that sold the most units of `sku` today (ties: lower id).
    static func topSellers(of sku: String, in stores: [StoreMetrics]) -> [String] {
        let units = stores.compactMap { s in s.products.first { $0.sku == sku }.map { (s.storeID, $0.units) } }
        return units.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0)
    }

    static func productName(_ sku: String, _ w: SalesWindow) -> String {
        for day in w.products.reversed() {
            if let p = day.products.first(where: { $0.total.sku == sku }) { return p.total.name }
        }
        return sku
    }
}
