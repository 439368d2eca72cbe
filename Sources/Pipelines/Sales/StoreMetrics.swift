// Store metrics of one store-day (sales.md §3), computed from the partition's Parquet file.
// Every sum is over integer cents; the two averages round half to even. Product order is by
// net revenue descending, then SKU, so ties never depend on hash order.

import LakeBuild

/// One SKU's totals in a store-day or company day.
public struct ProductTotal: Sendable, Equatable {
    public var sku: String
    public var name: String
    public var units: Int64
    public var netRevenueCents: Int64

    public init(sku: String, name: String, units: Int64, netRevenueCents: Int64) {
        self.sku = sku
        self.name = name
        self.units = units
        self.netRevenueCents = netRevenueCents
    }

    /// Net revenue descending, then SKU ascending.
    static func ranked(_ a: ProductTotal, _ b: ProductTotal) -> Bool {
        a.netRevenueCents != b.netRevenueCents ? a.netRevenueCents > b.netRevenueCents : a.sku < b.sku
    }
}

/// The metrics file of one store-day.
public struct StoreMetrics: Sendable, Equatable {
    public var storeID: String
    public var date: String
    public var grossCents: Int64 = 0
    public var discountCents: Int64 = 0
    public var transactionCount: Int64 = 0
    public var lineCount: Int64 = 0
    public var itemCount: Int64 = 0
    public var uniqueCustomers: Int64 = 0
    /// Net sales per method, in `PaymentMethod.allCases` order.
    public var paymentCents: [Int64] = Array(repeating: 0, count: PaymentMethod.allCases.count)
    /// Net sales per UTC hour 0…23.
    public var hourlyCents: [Int64] = Array(repeating: 0, count: 24)
    /// Every SKU, ranked.
    public var products: [ProductTotal] = []
    public var lineTotalMismatches: Int64 = 0
    public var offDateTimestamps: Int64 = 0
    public var duplicateLines: Int64 = 0

    public init(storeID: String, date: String) {
        self.storeID = storeID
        self.date = date
    }

    public var netCents: Int64 { grossCents - discountCents }
    /// net / transactions, half-even to cents.
    public var avgTransactionCents: Int64 { Money.divideHalfEven(netCents, transactionCount) }
    /// items / transactions in hundredths, half-even.
    public var avgItemsPerTransactionHundredths: Int64 { Money.divideHalfEven(itemCount * 100, transactionCount) }
    /// The first five products.
    public var topProducts: [ProductTotal] { Array(products.prefix(5)) }
}

extension StoreMetrics {
    /// Computes the metrics of `batch`, the line items of `storeID` on `date`.
    public init(storeID: String, date: CalendarDate, batch b: SalesBatch) {
        self.init(storeID: storeID, date: date.text)
        var transactions = Set<String>(), customers = Set<String>()
        var lines = Set<LineKey>()
        var bySKU: [String: ProductTotal] = [:]
        var skuOrder: [String] = []
        for i in 0..<b.count {
            let net = b.lineTotalCents[i] - b.discountCents[i]
            grossCents += b.lineTotalCents[i]
            discountCents += b.discountCents[i]
            itemCount += Int64(b.quantity[i])
            transactions.insert(b.transactionID[i])
            customers.insert(b.customerID[i])
            if let m = PaymentMethod.allCases.firstIndex(where: { $0.rawValue == b.paymentMethod[i] }) { paymentCents[m] += net }
            hourlyCents[SalesTimestamp.utcHour(millis: b.timestampMillis[i])] += net
            if bySKU[b.sku[i]] == nil {
                bySKU[b.sku[i]] = ProductTotal(sku: b.sku[i], name: b.itemName[i], units: 0, netRevenueCents: 0)
                skuOrder.append(b.sku[i])
            }
            bySKU[b.sku[i]]?.units += Int64(b.quantity[i])
            bySKU[b.sku[i]]?.netRevenueCents += net
            if abs(b.lineTotalCents[i] - b.unitPriceCents[i] * Int64(b.quantity[i])) > 1 { lineTotalMismatches += 1 }
            if SalesTimestamp.utcDate(millis: b.timestampMillis[i]) != date { offDateTimestamps += 1 }
            if !lines.insert(LineKey(batch: b, row: i)).inserted { duplicateLines += 1 }
        }
        lineCount = Int64(b.count)
        transactionCount = Int64(transactions.count)
        uniqueCustomers = Int64(customers.count)
        products = skuOrder.compactMap { bySKU[$0] }.sorted(by: ProductTotal.ranked)
    }
}

/// All ten fields of a line, for finding exact duplicates.
private struct LineKey: Hashable {
    var text: [String]
    var numbers: [Int64]

    init(batch b: SalesBatch, row i: Int) {
        text = [b.transactionID[i], b.sku[i], b.itemName[i], b.paymentMethod[i], b.customerID[i]]
        numbers = [b.timestampMillis[i], Int64(b.quantity[i]), b.unitPriceCents[i], b.lineTotalCents[i], b.discountCents[i]]
    }
}
