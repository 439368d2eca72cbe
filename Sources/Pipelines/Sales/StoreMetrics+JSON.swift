// The store metrics file, written with a fixed key order and read back by the day's
// aggregates.

import LakeFormats

extension StoreMetrics {
    /// The file's bytes: pretty JSON, money with two decimals, trailing newline.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("store_id"); w.string(storeID)
        w.key("date"); w.string(date)
        w.key("gross_sales"); w.cents(grossCents)
        w.key("total_discount"); w.cents(discountCents)
        w.key("net_sales"); w.cents(netCents)
        w.key("transaction_count"); w.int(transactionCount)
        w.key("line_count"); w.int(lineCount)
        w.key("item_count"); w.int(itemCount)
        w.key("unique_customers"); w.int(uniqueCustomers)
        w.key("avg_transaction"); w.cents(avgTransactionCents)
        w.key("avg_items_per_transaction"); w.cents(avgItemsPerTransactionHundredths)
        w.key("payment_breakdown"); SalesJSONWriting.payments(paymentCents, to: &w)
        w.key("hourly_net_sales")
        w.beginArray()
        for c in hourlyCents { w.cents(c) }
        w.endArray()
        w.key("products"); SalesJSONWriting.products(products, to: &w)
        w.key("top_products"); SalesJSONWriting.products(topProducts, to: &w)
        w.key("data_quality")
        w.beginObject()
        w.key("line_total_mismatches"); w.int(lineTotalMismatches)
        w.key("off_date_timestamps"); w.int(offDateTimestamps)
        w.key("duplicate_lines"); w.int(duplicateLines)
        w.endObject()
        w.endObject()
        return w.bytes
    }

    /// Reads a file written by `jsonBytes`.
    public init(bytes: [UInt8], path: String) throws(SalesError) {
        let j = try SalesJSON(bytes: bytes, path: path)
        self.init(storeID: try j.string("store_id"), date: try j.string("date"))
        grossCents = try j.cents("gross_sales")
        discountCents = try j.cents("total_discount")
        transactionCount = try j.int("transaction_count")
        lineCount = try j.int("line_count")
        itemCount = try j.int("item_count")
        uniqueCustomers = try j.int("unique_customers")
        paymentCents = try SalesJSONWriting.readPayments(j.object("payment_breakdown"))
        hourlyCents = try j.centsArray("hourly_net_sales")
        products = try SalesJSONWriting.readProducts(j.objects("products"))
        let q = try j.object("data_quality")
        lineTotalMismatches = try q.int("line_total_mismatches")
        offDateTimestamps = try q.int("off_date_timestamps")
        duplicateLines = try q.int("duplicate_lines")
    }
}

/// Pieces of JSON shared by several sales files.
enum SalesJSONWriting {
    /// `{"cash": 1.00, "credit": …}` with all five methods, in contract order.
    static func payments(_ cents: [Int64], to w: inout JSONWriter) {
        w.beginObject()
        for (m, c) in zip(PaymentMethod.allCases, cents) {
            w.key(m.rawValue)
            w.cents(c)
        }
        w.endObject()
    }

    static func readPayments(_ j: SalesJSON) throws(SalesError) -> [Int64] {
        var out: [Int64] = []
        for m in PaymentMethod.allCases { out.append(try j.cents(m.rawValue)) }
        return out
    }

    static func products(_ products: [ProductTotal], to w: inout JSONWriter) {
        w.beginArray()
        for p in products {
            w.beginObject()
            w.key("sku"); w.string(p.sku)
            w.key("name"); w.string(p.name)
            w.key("units"); w.int(p.units)
            w.key("net_revenue"); w.cents(p.netRevenueCents)
            w.endObject()
        }
        w.endArray()
    }

    static func readProducts(_ items: [SalesJSON]) throws(SalesError) -> [ProductTotal] {
        var out: [ProductTotal] = []
        for p in items {
            out.append(ProductTotal(sku: try p.string("sku"), name: try p.string("name"), units: try p.int("units"),
                                    netRevenueCents: try p.cents("net_revenue")))
        }
        return out
    }
}
