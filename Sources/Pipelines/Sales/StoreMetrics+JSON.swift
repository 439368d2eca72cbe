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

    /// Reads a file written by `jsonBytes`: in one pass when it has exactly that layout (see
    /// `MetricsLayoutReader`), else through `SalesJSON`, which takes any member order and says
    /// what is wrong.
    public init(bytes: [UInt8], path: String) throws(SalesError) {
        if let metrics = MetricsLayoutReader.read(bytes, { r throws(MetricsLayoutReader.Deviation) in try StoreMetrics(writtenLayout: &r) }) {
            self = metrics
            return
        }
        try self.init(json: SalesJSON(bytes: bytes, path: path))
    }

    /// Reads the members of `j` by name, in any order, naming the first that is missing or
    /// not of its type.
    init(json j: SalesJSON) throws(SalesError) {
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

    /// Reads the members in the order and of the types `jsonBytes` writes them.
    init(writtenLayout r: inout MetricsLayoutReader) throws(MetricsLayoutReader.Deviation) {
        try r.expect(.beginObject)
        try r.key("store_id")
        let storeID = try r.string()
        try r.key("date")
        self.init(storeID: storeID, date: try r.string())
        try r.key("gross_sales"); grossCents = try r.cents()
        try r.key("total_discount"); discountCents = try r.cents()
        try r.skipNumber("net_sales")
        try r.key("transaction_count"); transactionCount = try r.int()
        try r.key("line_count"); lineCount = try r.int()
        try r.key("item_count"); itemCount = try r.int()
        try r.key("unique_customers"); uniqueCustomers = try r.int()
        try r.skipNumber("avg_transaction")
        try r.skipNumber("avg_items_per_transaction")
        try r.key("payment_breakdown"); paymentCents = try r.payments()
        try r.key("hourly_net_sales"); hourlyCents = try r.centsArray()
        try r.key("products"); products = try r.productTotals()
        try r.skipProductTotals("top_products")
        try r.key("data_quality")
        try r.expect(.beginObject)
        try r.key("line_total_mismatches"); lineTotalMismatches = try r.int()
        try r.key("off_date_timestamps"); offDateTimestamps = try r.int()
        try r.key("duplicate_lines"); duplicateLines = try r.int()
        try r.expect(.endObject)
        try r.expect(.endObject)
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

extension MetricsLayoutReader {
    /// What `SalesJSONWriting.payments` writes: all five methods, in contract order.
    mutating func payments() throws(Deviation) -> [Int64] {
        try expect(.beginObject)
        var out: [Int64] = []
        out.reserveCapacity(PaymentMethod.allCases.count)
        for m in PaymentMethod.allCases {
            try key(m.rawValue)
            out.append(try cents())
        }
        try expect(.endObject)
        return out
    }

    /// What `SalesJSONWriting.products` writes.
    mutating func productTotals() throws(Deviation) -> [ProductTotal] {
        try expect(.beginArray)
        var out: [ProductTotal] = []
        while try nextElement(.beginObject) {
            try key("sku")
            let sku = try string()
            try key("name")
            let name = try string()
            try key("units")
            let units = try int()
            try key("net_revenue")
            out.append(ProductTotal(sku: sku, name: name, units: units, netRevenueCents: try cents()))
            try expect(.endObject)
        }
        return out
    }

    /// Reads past a member named `name` holding what `SalesJSONWriting.products` writes (the
    /// store file's top products, the first five of its products), checking only its shape.
    mutating func skipProductTotals(_ name: String) throws(Deviation) {
        try key(name)
        try expect(.beginArray)
        while try nextElement(.beginObject) {
            try key("sku"); try expect(.string)
            try key("name"); try expect(.string)
            try key("units"); try expect(.number)
            try key("net_revenue"); try expect(.number)
            try expect(.endObject)
        }
    }
}
