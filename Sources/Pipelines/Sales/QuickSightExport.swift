// QuickSight export (sales.md §8): one NDJSON partition per dataset and day, flat rows (lists
// joined with commas), and a manifest per dataset listing the latest `keep` partitions.

import LakeFormats

/// The five exported datasets and how their rows are made.
public enum QuickSightExport {
    public static let datasets = ["store_summaries", "top_products", "anomalies", "trends", "recommendations"]

    /// NDJSON rows of the per-store datasets, from the day's store metrics.
    static func storeRows(dataset: String, date: String, stores: [StoreMetrics]) -> [UInt8] {
        var out: [UInt8] = []
        for s in stores.sorted(by: { $0.storeID < $1.storeID }) {
            if dataset == "store_summaries" {
                out += row { w in
                    w.key("date"); w.string(date)
                    w.key("store_id"); w.string(s.storeID)
                    w.key("gross_sales"); w.cents(s.grossCents)
                    w.key("total_discount"); w.cents(s.discountCents)
                    w.key("net_sales"); w.cents(s.netCents)
                    w.key("transaction_count"); w.int(s.transactionCount)
                    w.key("line_count"); w.int(s.lineCount)
                    w.key("item_count"); w.int(s.itemCount)
                    w.key("avg_transaction"); w.cents(s.avgTransactionCents)
                    for (m, c) in zip(PaymentMethod.allCases, s.paymentCents) {
                        w.key("payment_" + m.rawValue); w.cents(c)
                    }
                }
            } else {
                for (i, p) in s.topProducts.enumerated() {
                    out += row { w in
                        w.key("date"); w.string(date)
                        w.key("store_id"); w.string(s.storeID)
                        w.key("rank"); w.int(i + 1)
                        w.key("sku"); w.string(p.sku)
                        w.key("name"); w.string(p.name)
                        w.key("units"); w.int(p.units)
                        w.key("net_revenue"); w.cents(p.netRevenueCents)
                    }
                }
            }
        }
        return out
    }

    /// NDJSON rows of the insight datasets.
    static func insightRows(dataset: String, insights i: SalesInsights) -> [UInt8] {
        var out: [UInt8] = []
        switch dataset {
        case "anomalies":
            for a in i.anomalies {
                out += row { w in
                    w.key("date"); w.string(i.date)
                    w.key("type"); w.string(a.type)
                    w.key("severity"); w.string(a.severity)
                    w.key("store_id"); w.string(a.storeID)
                    w.key("title"); w.string(a.title)
                    w.key("description"); w.string(a.description)
                    w.key("metric"); w.string(a.metric)
                    w.key("value"); w.cents(a.valueHundredths)
                    w.key("baseline"); w.cents(a.baselineHundredths)
                    w.key("deviation_percent"); SalesInsights.percent(a.deviationPercent, &w)
                }
            }
        case "trends":
            for t in i.trends {
                out += row { w in
                    w.key("date"); w.string(i.date)
                    w.key("type"); w.string(t.type)
                    w.key("significance"); w.string(t.significance)
                    w.key("direction"); w.string(t.direction)
                    w.key("title"); w.string(t.title)
                    w.key("description"); w.string(t.description)
                    w.key("affected_items"); w.string(t.affectedItems.joined(separator: ","))
                    w.key("change_percent"); SalesInsights.percent(t.changePercent, &w)
                }
            }
        default:
            for r in i.recommendations {
                out += row { w in
                    w.key("date"); w.string(i.date)
                    w.key("priority"); w.string(r.priority)
                    w.key("category"); w.string(r.category)
                    w.key("title"); w.string(r.title)
                    w.key("description"); w.string(r.description)
                    w.key("affected_stores"); w.string(r.affectedStores.joined(separator: ","))
                    w.key("affected_products"); w.string(r.affectedProducts.joined(separator: ","))
                    w.key("expected_impact"); w.string(r.expectedImpact)
                    w.key("because"); w.string(r.because.map { "\($0.section)[\($0.index)]" }.joined(separator: ","))
                }
            }
        }
        return out
    }

    private static func row(_ fields: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(style: .compact)
        w.beginObject()
        fields(&w)
        w.endObject()
        return w.bytes + [UInt8(ascii: "\n")]
    }
}
