// `lakemake sales trends` (the old get-trends API): a per-day series of net sales and
// transactions over the last N days with data, per-store summaries and product movements.
// trend_percent compares the mean of the later half of the period with the earlier half.

import LakeFormats

/// The trends over a period, from store metrics.
public struct SalesTrendSummary {
    public struct Day { public var date: String; public var netCents: Int64; public var transactions: Int64 }
    public struct Store { public var storeID: String; public var avgDailyCents: Int64; public var daysWithData: Int; public var trendPercent: Double? }
    public struct Product { public var sku: String; public var name: String; public var units: Int64; public var changePercent: Double? }

    public var days: [Day] = []
    public var stores: [Store] = []
    public var products: [Product] = []

    /// The last `dayCount` dates with metrics, for every store or just `store`.
    public init(reader: SalesLakeReader, dayCount: Int, store: String?) throws(SalesError) {
        let dates = Array(reader.availableDates().suffix(max(1, dayCount)))
        var perStore: [String: [Int64]] = [:], storeOrder: [String] = []
        var perProduct: [String: (name: String, early: Int64, late: Int64)] = [:], productOrder: [String] = []
        for (i, date) in dates.enumerated() {
            let metrics = try reader.stores(date).filter { store == nil || $0.storeID == store }
            days.append(Day(date: date, netCents: metrics.reduce(0) { $0 + $1.netCents }, transactions: metrics.reduce(0) { $0 + $1.transactionCount }))
            let late = i >= dates.count / 2
            for m in metrics {
                if perStore[m.storeID] == nil { storeOrder.append(m.storeID) }
                perStore[m.storeID, default: []].append(m.netCents)
                for p in m.products {
                    if perProduct[p.sku] == nil { productOrder.append(p.sku); perProduct[p.sku] = (p.name, 0, 0) }
                    if late { perProduct[p.sku]?.late += p.units } else { perProduct[p.sku]?.early += p.units }
                }
            }
        }
        for id in storeOrder.sorted() {
            let series = perStore[id] ?? []
            stores.append(Store(storeID: id, avgDailyCents: Money.divideHalfEven(series.reduce(0, +), Int64(max(1, series.count))),
                                daysWithData: series.count, trendPercent: Self.halves(series)))
        }
        products = productOrder.compactMap { sku in
            perProduct[sku].map { Product(sku: sku, name: $0.name, units: $0.early + $0.late,
                                          changePercent: $0.early > 0 ? Percent.rounded(Double($0.late - $0.early) / Double($0.early) * 100) : nil) }
        }.sorted { $0.units != $1.units ? $0.units > $1.units : $0.sku < $1.sku }
    }

    /// Mean of the later half against the earlier half, in percent.
    static func halves(_ series: [Int64]) -> Double? {
        guard series.count >= 2 else { return nil }
        let early = series.prefix(series.count / 2), late = series.suffix(series.count - series.count / 2)
        let e = Double(early.reduce(0, +)) / Double(early.count), l = Double(late.reduce(0, +)) / Double(late.count)
        return e > 0 ? Percent.rounded((l - e) / e * 100) : nil
    }

    public var json: [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("days")
        w.beginArray()
        for d in days {
            w.beginObject()
            w.key("date"); w.string(d.date)
            w.key("net_sales"); w.cents(d.netCents)
            w.key("transactions"); w.int(d.transactions)
            w.endObject()
        }
        w.endArray()
        w.key("stores")
        w.beginArray()
        for s in stores {
            w.beginObject()
            w.key("store_id"); w.string(s.storeID)
            w.key("avg_daily_sales"); w.cents(s.avgDailyCents)
            w.key("days_with_data"); w.int(s.daysWithData)
            w.key("trend_percent"); if let t = s.trendPercent { SalesInsights.percent(t, &w) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("products")
        w.beginArray()
        for p in products {
            w.beginObject()
            w.key("sku"); w.string(p.sku)
            w.key("name"); w.string(p.name)
            w.key("units"); w.int(p.units)
            w.key("change_percent"); if let c = p.changePercent { SalesInsights.percent(c, &w) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    public var text: String {
        var out = ["  date        net sales       transactions"]
        for d in days { out.append("  \(d.date)  " + SalesAnalytics.right(Money.grouped(d.netCents), 12) + "  " + SalesAnalytics.right(String(d.transactions), 13)) }
        out += ["", "  store  avg daily sales  days  trend"]
        for s in stores {
            out.append("  \(s.storeID)   " + SalesAnalytics.right(Money.grouped(s.avgDailyCents), 14) + "  " + SalesAnalytics.right(String(s.daysWithData), 4) + "  " + (s.trendPercent.map { Percent.text($0) + "%" } ?? "-"))
        }
        out += ["", "  products (units over the period, change later half vs earlier)"]
        for p in products.prefix(10) { out.append("  \(p.sku)  \(SalesAnalytics.right(String(p.units), 6))  \(p.changePercent.map { Percent.text($0) + "%" } ?? "-")  \(p.name)") }
        return out.joined(separator: "\n")
    }
}
