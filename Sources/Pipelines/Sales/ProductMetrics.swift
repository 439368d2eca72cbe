// Product metrics of one day (sales.md §5): every SKU sold anywhere, with the stores that sold
// it, ranked by net revenue (ties by SKU).

import LakeFormats

/// One SKU across the company on one day.
public struct CompanyProduct: Sendable, Equatable {
    public var total: ProductTotal
    /// Store ids that sold it, sorted.
    public var stores: [String]
    /// 1 for the highest net revenue.
    public var rank: Int
}

/// The product metrics file of one day.
public struct ProductMetrics: Sendable, Equatable {
    public var date: String
    public var products: [CompanyProduct]

    public init(date: String, products: [CompanyProduct]) {
        self.date = date
        self.products = products
    }

    /// Combines the day's store metrics.
    public init(date: String, stores: [StoreMetrics]) {
        var order: [String] = []
        var totals: [String: (total: ProductTotal, stores: [String])] = [:]
        for s in stores.sorted(by: { $0.storeID < $1.storeID }) {
            for p in s.products {
                if totals[p.sku] == nil {
                    order.append(p.sku)
                    totals[p.sku] = (ProductTotal(sku: p.sku, name: p.name, units: 0, netRevenueCents: 0), [])
                }
                totals[p.sku]?.total.units += p.units
                totals[p.sku]?.total.netRevenueCents += p.netRevenueCents
                totals[p.sku]?.stores.append(s.storeID)
            }
        }
        let ranked = order.compactMap { totals[$0] }.sorted { ProductTotal.ranked($0.total, $1.total) }
        self.init(date: date, products: ranked.enumerated().map { CompanyProduct(total: $1.total, stores: $1.stores, rank: $0 + 1) })
    }

    public var jsonBytes: [UInt8] {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("date"); w.string(date)
        w.key("products")
        w.beginArray()
        for p in products {
            w.beginObject()
            w.key("sku"); w.string(p.total.sku)
            w.key("name"); w.string(p.total.name)
            w.key("units"); w.int(p.total.units)
            w.key("net_revenue"); w.cents(p.total.netRevenueCents)
            w.key("store_count"); w.int(p.stores.count)
            w.key("stores")
            w.beginArray()
            for s in p.stores { w.string(s) }
            w.endArray()
            w.key("rank"); w.int(p.rank)
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
        if let metrics = MetricsLayoutReader.read(bytes, { r throws(MetricsLayoutReader.Deviation) in try ProductMetrics(writtenLayout: &r) }) {
            self = metrics
            return
        }
        try self.init(json: SalesJSON(bytes: bytes, path: path))
    }

    /// Reads the members of `j` by name, in any order, naming the first that is missing or
    /// not of its type.
    init(json j: SalesJSON) throws(SalesError) {
        var products: [CompanyProduct] = []
        for p in try j.objects("products") {
            let total = ProductTotal(sku: try p.string("sku"), name: try p.string("name"), units: try p.int("units"),
                                     netRevenueCents: try p.cents("net_revenue"))
            products.append(CompanyProduct(total: total, stores: try p.strings("stores"), rank: Int(try p.int("rank"))))
        }
        self.init(date: try j.string("date"), products: products)
    }

    /// Reads the members in the order and of the types `jsonBytes` writes them.
    init(writtenLayout r: inout MetricsLayoutReader) throws(MetricsLayoutReader.Deviation) {
        try r.expect(.beginObject)
        try r.key("date")
        let date = try r.string()
        try r.key("products")
        try r.expect(.beginArray)
        var products: [CompanyProduct] = []
        while try r.nextElement(.beginObject) {
            try r.key("sku")
            let sku = try r.string()
            try r.key("name")
            let name = try r.string()
            try r.key("units")
            let units = try r.int()
            try r.key("net_revenue")
            let total = ProductTotal(sku: sku, name: name, units: units, netRevenueCents: try r.cents())
            try r.skipNumber("store_count")
            try r.key("stores")
            let stores = try r.strings()
            try r.key("rank")
            products.append(CompanyProduct(total: total, stores: stores, rank: Int(try r.int())))
            try r.expect(.endObject)
        }
        try r.expect(.endObject)
        self.init(date: date, products: products)
    }
}
