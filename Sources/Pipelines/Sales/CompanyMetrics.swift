// Company metrics of one day (sales.md §4): sums over the day's store metrics, and which of
// the expected stores reported. Id lists are sorted; best and worst store break ties by the
// lower id, so the file never depends on input order.

import LakeFormats

/// A store and its net sales, for best/worst.
public struct StoreNet: Sendable, Equatable {
    public var storeID: String
    public var netCents: Int64
}

/// The company metrics file of one day.
public struct CompanyMetrics: Sendable, Equatable {
    public var date: String
    public var grossCents: Int64 = 0
    public var discountCents: Int64 = 0
    public var transactionCount: Int64 = 0
    public var lineCount: Int64 = 0
    public var itemCount: Int64 = 0
    public var paymentCents = [Int64](repeating: 0, count: PaymentMethod.allCases.count)
    public var storesExpected: [String] = []
    public var storesReported: [String] = []
    public var bestStore: StoreNet?
    public var worstStore: StoreNet?

    public var netCents: Int64 { grossCents - discountCents }
    public var avgTransactionCents: Int64 { Money.divideHalfEven(netCents, transactionCount) }
    public var avgStoreNetCents: Int64 { Money.divideHalfEven(netCents, Int64(storesReported.count)) }
    public var storesMissing: [String] { storesExpected.filter { !storesReported.contains($0) } }
    public var unexpectedStores: [String] { storesReported.filter { !storesExpected.contains($0) } }
    public var complete: Bool { storesMissing.isEmpty }

    public init(date: String) { self.date = date }

    /// Aggregates the day's store metrics against the expected stores.
    public init(date: String, stores: [StoreMetrics], expected: [StoreInfo]) {
        self.date = date
        let sorted = stores.sorted { $0.storeID < $1.storeID }
        for s in sorted {
            grossCents += s.grossCents
            discountCents += s.discountCents
            transactionCount += s.transactionCount
            lineCount += s.lineCount
            itemCount += s.itemCount
            for i in paymentCents.indices { paymentCents[i] += s.paymentCents[i] }
            let net = StoreNet(storeID: s.storeID, netCents: s.netCents)
            if bestStore.map({ net.netCents > $0.netCents }) ?? true { bestStore = net }
            if worstStore.map({ net.netCents < $0.netCents }) ?? true { worstStore = net }
        }
        storesExpected = expected.map(\.id)
        storesReported = sorted.map(\.storeID)
    }
}

extension CompanyMetrics {
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("gross_sales"); w.cents(grossCents)
        w.key("total_discount"); w.cents(discountCents)
        w.key("net_sales"); w.cents(netCents)
        w.key("transaction_count"); w.int(transactionCount)
        w.key("line_count"); w.int(lineCount)
        w.key("item_count"); w.int(itemCount)
        w.key("avg_transaction"); w.cents(avgTransactionCents)
        w.key("avg_store_net_sales"); w.cents(avgStoreNetCents)
        w.key("payment_breakdown"); SalesJSONWriting.payments(paymentCents, to: &w)
        for (key, ids) in [("stores_expected", storesExpected), ("stores_reported", storesReported),
                           ("stores_missing", storesMissing), ("unexpected_stores", unexpectedStores)] {
            w.key(key)
            w.beginArray()
            for id in ids { w.string(id) }
            w.endArray()
        }
        w.key("complete"); w.bool(complete)
        for (key, store) in [("best_store", bestStore), ("worst_store", worstStore)] {
            w.key(key)
            if let store {
                w.beginObject()
                w.key("store_id"); w.string(store.storeID)
                w.key("net_sales"); w.cents(store.netCents)
                w.endObject()
            } else {
                w.null()
            }
        }
        w.endObject()
        return w.bytes
    }

    public init(bytes: [UInt8], path: String) throws(SalesError) {
        let j = try SalesJSON(bytes: bytes, path: path)
        self.init(date: try j.string("date"))
        grossCents = try j.cents("gross_sales")
        discountCents = try j.cents("total_discount")
        transactionCount = try j.int("transaction_count")
        lineCount = try j.int("line_count")
        itemCount = try j.int("item_count")
        paymentCents = try SalesJSONWriting.readPayments(j.object("payment_breakdown"))
        storesExpected = try j.strings("stores_expected")
        storesReported = try j.strings("stores_reported")
        for key in ["best_store", "worst_store"] {
            let v = try j.member(key)
            guard v != .null else { continue }
            let s = SalesJSON(v, path: path)
            let net = StoreNet(storeID: try s.string("store_id"), netCents: try s.cents("net_sales"))
            if key == "best_store" { bestStore = net } else { worstStore = net }
        }
    }
}
