// Company metrics of one day (sales.md §4): sums over the day's store metrics, and which of
// the expected stores reported, were rejected (the engine says which store files are absent
// because their upload was rejected) or are missing. Id lists are sorted; best and worst store
// break ties by the lower id, so the file never depends on input order. The per-store table
// (`stores`) is the insights' history: one file per day instead of one per store-day.

import LakeFormats

/// A store and its net sales, for best/worst.
public struct StoreNet: Sendable, Equatable {
    public var storeID: String
    public var netCents: Int64
}

/// One store's line in the company metrics' per-store table.
public struct StoreDay: Sendable, Equatable {
    public var storeID: String
    public var netCents: Int64
    public var transactionCount: Int64
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
    /// Stores whose upload for the day was rejected (sorted).
    public var storesRejected: [String] = []
    /// Every reporting store's net sales and transactions, by id.
    public var stores: [StoreDay] = []
    public var bestStore: StoreNet?
    public var worstStore: StoreNet?

    public var netCents: Int64 { grossCents - discountCents }
    public var avgTransactionCents: Int64 { Money.divideHalfEven(netCents, transactionCount) }
    public var avgStoreNetCents: Int64 { Money.divideHalfEven(netCents, Int64(storesReported.count)) }
    /// Expected stores with neither metrics nor a rejected upload for the day.
    public var storesMissing: [String] { storesExpected.filter { !storesReported.contains($0) && !storesRejected.contains($0) } }
    public var unexpectedStores: [String] { storesReported.filter { !storesExpected.contains($0) } }
    /// Every expected store reported (a rejected upload leaves the day incomplete too).
    public var complete: Bool { storesExpected.allSatisfy { storesReported.contains($0) } }

    public init(date: String) { self.date = date }

    /// Aggregates the day's store metrics against the expected stores.
    /// - Parameter rejected: ids of stores whose upload for the day was rejected.
    public init(date: String, stores: [StoreMetrics], expected: [StoreInfo], rejected: [String] = []) {
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
            self.stores.append(StoreDay(storeID: s.storeID, netCents: s.netCents, transactionCount: s.transactionCount))
        }
        storesExpected = expected.map(\.id)
        storesReported = sorted.map(\.storeID)
        storesRejected = Array(Set(rejected)).filter { !storesReported.contains($0) }.sorted()
    }

    /// A store's line of the per-store table, if it reported.
    public func store(_ id: String) -> StoreDay? { stores.first { $0.storeID == id } }
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
                           ("stores_missing", storesMissing), ("unexpected_stores", unexpectedStores),
                           ("stores_rejected", storesRejected)] {
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
        w.key("stores")
        w.beginArray()
        for s in stores {
            w.beginObject()
            w.key("store_id"); w.string(s.storeID)
            w.key("net_sales"); w.cents(s.netCents)
            w.key("transaction_count"); w.int(s.transactionCount)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    /// Reads a file written by `jsonBytes`: in one pass when it has exactly that layout (see
    /// `MetricsLayoutReader`), else through `SalesJSON`, which takes any member order and says
    /// what is wrong.
    public init(bytes: [UInt8], path: String) throws(SalesError) {
        if let metrics = MetricsLayoutReader.read(bytes, { r throws(MetricsLayoutReader.Deviation) in try CompanyMetrics(writtenLayout: &r) }) {
            self = metrics
            return
        }
        try self.init(json: SalesJSON(bytes: bytes, path: path))
    }

    /// Reads the members of `j` by name, in any order, naming the first that is missing or
    /// not of its type.
    init(json j: SalesJSON) throws(SalesError) {
        self.init(date: try j.string("date"))
        grossCents = try j.cents("gross_sales")
        discountCents = try j.cents("total_discount")
        transactionCount = try j.int("transaction_count")
        lineCount = try j.int("line_count")
        itemCount = try j.int("item_count")
        paymentCents = try SalesJSONWriting.readPayments(j.object("payment_breakdown"))
        storesExpected = try j.strings("stores_expected")
        storesReported = try j.strings("stores_reported")
        storesRejected = try j.strings("stores_rejected")
        for s in try j.objects("stores") {
            stores.append(StoreDay(storeID: try s.string("store_id"), netCents: try s.cents("net_sales"),
                                   transactionCount: try s.int("transaction_count")))
        }
        for key in ["best_store", "worst_store"] {
            let v = try j.member(key)
            guard v != .null else { continue }
            let s = SalesJSON(v, path: j.path)
            let net = StoreNet(storeID: try s.string("store_id"), netCents: try s.cents("net_sales"))
            if key == "best_store" { bestStore = net } else { worstStore = net }
        }
    }

    /// Reads the members in the order and of the types `jsonBytes` writes them.
    init(writtenLayout r: inout MetricsLayoutReader) throws(MetricsLayoutReader.Deviation) {
        try r.expect(.beginObject)
        try r.key("date")
        self.init(date: try r.string())
        try r.key("gross_sales"); grossCents = try r.cents()
        try r.key("total_discount"); discountCents = try r.cents()
        try r.skipNumber("net_sales")
        try r.key("transaction_count"); transactionCount = try r.int()
        try r.key("line_count"); lineCount = try r.int()
        try r.key("item_count"); itemCount = try r.int()
        try r.skipNumber("avg_transaction")
        try r.skipNumber("avg_store_net_sales")
        try r.key("payment_breakdown"); paymentCents = try r.payments()
        try r.key("stores_expected"); storesExpected = try r.strings()
        try r.key("stores_reported"); storesReported = try r.strings()
        try r.skipStrings("stores_missing")
        try r.skipStrings("unexpected_stores")
        try r.key("stores_rejected"); storesRejected = try r.strings()
        try r.skipBool("complete")
        try r.key("best_store"); bestStore = try Self.storeNet(&r)
        try r.key("worst_store"); worstStore = try Self.storeNet(&r)
        try r.key("stores")
        try r.expect(.beginArray)
        while try r.nextElement(.beginObject) {
            try r.key("store_id")
            let storeID = try r.string()
            try r.key("net_sales")
            let net = try r.cents()
            try r.key("transaction_count")
            stores.append(StoreDay(storeID: storeID, netCents: net, transactionCount: try r.int()))
            try r.expect(.endObject)
        }
        try r.expect(.endObject)
    }

    /// `best_store` or `worst_store`: null, or the store and its net sales.
    private static func storeNet(_ r: inout MetricsLayoutReader) throws(MetricsLayoutReader.Deviation) -> StoreNet? {
        switch try r.next() {
        case .null:
            return nil
        case .beginObject:
            try r.key("store_id")
            let storeID = try r.string()
            try r.key("net_sales")
            let net = StoreNet(storeID: storeID, netCents: try r.cents())
            try r.expect(.endObject)
            return net
        default:
            throw MetricsLayoutReader.Deviation()
        }
    }
}
