// The read side of the sales pipeline (sales.md §9, the old get-analytics API): one day's
// KPIs, per-store table, top products and insights, assembled from the metrics files the
// build wrote. Reading only; nothing is recomputed from raw data.

import LakeBuild
import LakeFormats

/// Read access to a lake's sales outputs.
public struct SalesLakeReader {
    /// Contents of a lake-relative file, or nil when it does not exist.
    public let read: (String) -> [UInt8]?
    /// Names of the entries of a lake-relative folder (empty when it does not exist).
    public let list: (String) -> [String]

    public init(read: @escaping (String) -> [UInt8]?, list: @escaping (String) -> [String]) {
        self.read = read
        self.list = list
    }

    /// Dates with company metrics, ascending.
    public func availableDates() -> [String] {
        list("metrics/sales/company").compactMap { name -> String? in
            guard name.hasPrefix("date="), name.hasSuffix(".json") else { return nil }
            let date = String(name.dropFirst(5).dropLast(5))
            return CalendarDate(date) == nil ? nil : date
        }.sorted()
    }

    public func company(_ date: String) throws(SalesError) -> CompanyMetrics? {
        let path = "metrics/sales/company/date=\(date).json"
        guard let bytes = read(path) else { return nil }
        return try CompanyMetrics(bytes: bytes, path: path)
    }

    public func stores(_ date: String) throws(SalesError) -> [StoreMetrics] {
        let folder = "metrics/sales/stores/date=\(date)"
        var out: [StoreMetrics] = []
        for name in list(folder).sorted() where name.hasSuffix(".json") {
            let path = folder + "/" + name
            if let bytes = read(path) { out.append(try StoreMetrics(bytes: bytes, path: path)) }
        }
        return out
    }

    public func products(_ date: String) throws(SalesError) -> ProductMetrics? {
        let path = "metrics/sales/products/date=\(date).json"
        guard let bytes = read(path) else { return nil }
        return try ProductMetrics(bytes: bytes, path: path)
    }

    public func insights(_ date: String) throws(SalesError) -> SalesInsights? {
        let path = "reports/sales/insights/date=\(date).json"
        guard let bytes = read(path) else { return nil }
        return try SalesInsights(bytes: bytes, path: path)
    }
}

/// `lakemake sales analytics`: one day at a glance.
public struct SalesAnalytics {
    public var date: String
    public var availableDates: [String]
    public var company: CompanyMetrics
    public var stores: [StoreMetrics]
    public var topProducts: [CompanyProduct]
    public var insights: SalesInsights?

    /// The analytics of `date`, or of the latest date with metrics; nil when there is none.
    public init?(reader: SalesLakeReader, date requested: String?) throws(SalesError) {
        availableDates = reader.availableDates()
        guard let date = requested ?? availableDates.last, let company = try reader.company(date) else { return nil }
        self.date = date
        self.company = company
        stores = try reader.stores(date)
        topProducts = Array((try reader.products(date)?.products ?? []).prefix(10))
        insights = try reader.insights(date)
    }

    /// The pretty JSON document.
    public var json: [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("available_dates"); SalesInsights.strings(availableDates, &w)
        w.key("kpis")
        w.beginObject()
        w.key("net_sales"); w.cents(company.netCents)
        w.key("gross_sales"); w.cents(company.grossCents)
        w.key("total_discount"); w.cents(company.discountCents)
        w.key("transaction_count"); w.int(company.transactionCount)
        w.key("item_count"); w.int(company.itemCount)
        w.key("avg_transaction"); w.cents(company.avgTransactionCents)
        w.key("stores_reported"); w.int(company.storesReported.count)
        w.key("stores_expected"); w.int(company.storesExpected.count)
        w.key("stores_missing"); SalesInsights.strings(company.storesMissing, &w)
        w.key("stores_rejected"); SalesInsights.strings(company.storesRejected, &w)
        w.key("payment_breakdown"); SalesJSONWriting.payments(company.paymentCents, to: &w)
        w.endObject()
        w.key("stores")
        w.beginArray()
        for s in stores {
            w.beginObject()
            w.key("store_id"); w.string(s.storeID)
            w.key("net_sales"); w.cents(s.netCents)
            w.key("gross_sales"); w.cents(s.grossCents)
            w.key("transaction_count"); w.int(s.transactionCount)
            w.key("item_count"); w.int(s.itemCount)
            w.key("avg_transaction"); w.cents(s.avgTransactionCents)
            w.endObject()
        }
        w.endArray()
        w.key("top_products")
        w.beginArray()
        for p in topProducts {
            w.beginObject()
            w.key("rank"); w.int(p.rank)
            w.key("sku"); w.string(p.total.sku)
            w.key("name"); w.string(p.total.name)
            w.key("units"); w.int(p.total.units)
            w.key("net_revenue"); w.cents(p.total.netRevenueCents)
            w.endObject()
        }
        w.endArray()
        w.key("insights")
        if let insights {
            w.beginObject()
            w.key("anomalies"); SalesInsights.strings(insights.anomalies.map { "\($0.severity): \($0.title)" }, &w)
            w.key("trends"); SalesInsights.strings(insights.trends.map(\.title), &w)
            w.key("recommendations"); SalesInsights.strings(insights.recommendations.map { "\($0.priority): \($0.title)" }, &w)
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
        return w.bytes
    }

    /// The human-readable form.
    public var text: String {
        var out = ["Sales analytics for \(date) (\(availableDates.count) days available)", ""]
        out.append("  net \(Money.grouped(company.netCents))  gross \(Money.grouped(company.grossCents))  transactions \(DailyReport.count(company.transactionCount))  avg \(Money.grouped(company.avgTransactionCents))  stores \(company.storesReported.count)/\(company.storesExpected.count)")
        out += ["", "  store   net sales       transactions  avg sale"]
        for s in stores {
            out.append("  " + s.storeID + "  " + Self.right(Money.grouped(s.netCents), 12) + "  " + Self.right(String(s.transactionCount), 13) + "  " + Self.right(Money.grouped(s.avgTransactionCents), 9))
        }
        out += ["", "  top products"]
        for p in topProducts { out.append("  \(Self.right(String(p.rank), 2)). \(p.total.name) (\(p.total.sku)): \(p.total.units) units, \(Money.grouped(p.total.netRevenueCents))") }
        if let insights {
            out += ["", "  insights: \(insights.anomalies.count) anomalies, \(insights.trends.count) trends, \(insights.recommendations.count) recommendations"]
            for a in insights.anomalies.prefix(5) { out.append("    \(DailyReport.marker(severity: a.severity)) \(a.title)") }
            for r in insights.recommendations.prefix(5) { out.append("    \(DailyReport.marker(priority: r.priority)) \(r.title)") }
        }
        return out.joined(separator: "\n")
    }

    static func right(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}
