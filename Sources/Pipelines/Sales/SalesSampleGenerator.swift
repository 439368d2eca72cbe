// Deterministic sample uploads (sales.md §10): the chain's 20 products, about 200 sales per
// store-day scaled by weekday and a per-store multiplier, 1–5 items per sale, quantities 1–4,
// one line in five discounted. A seeded SplitMix64 drives every choice and all scaling is in
// integer percent, so the same arguments give the same bytes on every machine.

import LakeFormats
import LakeBuild

/// One product of the sample catalogue.
public struct SampleProduct: Sendable {
    public let sku: String
    public let name: String
    public let priceCents: Int64
}

/// Generates the upload files of a sample chain.
public struct SalesSampleGenerator: Sendable {
    public var stores: Int
    public var days: Int
    public var end: CalendarDate
    public var seed: UInt64
    /// Mean sales per store-day before scaling.
    public var salesPerDay: Int
    /// Deliberately invalid files added after the valid ones.
    public var bad: Int

    public init(stores: Int, days: Int, end: CalendarDate, seed: UInt64, salesPerDay: Int = 200, bad: Int = 0) {
        self.stores = stores
        self.days = days
        self.end = end
        self.seed = seed
        self.salesPerDay = salesPerDay
        self.bad = bad
    }

    /// The sample catalogue: SKU families FIG, PLU, TSH, HAT, MUG, KEY, PST, DVD, GAM, LUN.
    public static let products: [SampleProduct] = [
        .init(sku: "SMURF-FIG-001", name: "Papa Smurf Figurine", priceCents: 2499),
        .init(sku: "SMURF-FIG-002", name: "Smurfette Figurine", priceCents: 2749),
        .init(sku: "SMURF-FIG-003", name: "Brainy Smurf Figurine", priceCents: 2299),
        .init(sku: "SMURF-FIG-004", name: "Hefty Smurf Figurine", priceCents: 2299),
        .init(sku: "SMURF-FIG-005", name: "Gargamel Figurine", priceCents: 2999),
        .init(sku: "SMURF-FIG-006", name: "Azrael Figurine", priceCents: 1999),
        .init(sku: "SMURF-PLU-001", name: "Papa Smurf Plush", priceCents: 3499),
        .init(sku: "SMURF-PLU-002", name: "Smurfette Plush", priceCents: 3299),
        .init(sku: "SMURF-PLU-003", name: "Baby Smurf Plush", priceCents: 2799),
        .init(sku: "SMURF-TSH-001", name: "Smurf Village T-Shirt", priceCents: 1999),
        .init(sku: "SMURF-TSH-002", name: "Smurfette T-Shirt", priceCents: 2199),
        .init(sku: "SMURF-HAT-001", name: "Smurf Phrygian Cap", priceCents: 1499),
        .init(sku: "SMURF-MUG-001", name: "Smurf Mushroom Mug", priceCents: 1299),
        .init(sku: "SMURF-KEY-001", name: "Papa Smurf Keychain", priceCents: 699),
        .init(sku: "SMURF-KEY-002", name: "Smurfette Keychain", priceCents: 699),
        .init(sku: "SMURF-PST-001", name: "Smurf Village Poster", priceCents: 999),
        .init(sku: "SMURF-PST-002", name: "Classic Comic Poster", priceCents: 1199),
        .init(sku: "SMURF-DVD-001", name: "The Smurfs Season 1 DVD", priceCents: 2499),
        .init(sku: "SMURF-GAM-001", name: "Smurf Village Board Game", priceCents: 3499),
        .init(sku: "SMURF-LUN-001", name: "Smurf Lunch Box", priceCents: 1699),
    ]

    /// Weekday factors in percent, Monday first.
    static let weekdayPercent = [85, 90, 95, 100, 125, 140, 120]
    /// Store multipliers in percent, by store number (cycled beyond 11 stores).
    static let storePercent = [130, 110, 90, 100, 80, 120, 95, 85, 105, 75, 140]
    static let methods = ["cash", "credit", "credit", "debit", "debit", "gift_card", "mobile", "mobile"]

    /// Every file, valid ones first (by date, then store), then the invalid ones; each with the
    /// lake-relative folder `raw/sales/` implied.
    public func files() -> [(name: String, bytes: [UInt8])] {
        var out: [(name: String, bytes: [UInt8])] = []
        for d in 0..<days {
            let date = end.adding(days: d - days + 1)
            for s in 1...max(1, stores) {
                let name = SalesUploadName.format(store: s, date: date)
                out.append((name, SampleUploadText.bytes(upload(store: s, date: date))))
            }
        }
        out += SampleBadFiles.files(count: bad, end: end, days: days)
        return out
    }

    /// The line items of one store-day, sorted by timestamp.
    func upload(store: Int, date: CalendarDate) -> [SampleLine] {
        var rng = SplitMix64(seed: seed &+ UInt64(store) &* 0x9E37_79B9 &+ UInt64(bitPattern: Int64(date.daysSinceEpoch)) &* 0x85EB_CA6B)
        let base = salesPerDay * Self.weekdayPercent[date.weekdayFromMonday] * Self.storePercent[(store - 1) % 11] / 10_000
        let sales = max(1, base * (90 + Int(rng.next(upTo: 21))) / 100)
        var lines: [SampleLine] = []
        let storeText = Digits.pad(store, 4)
        for sale in 0..<sales {
            let second = 9 * 3600 + Int(rng.next(upTo: 12 * 3600))
            let timestamp = date.text + "T" + Digits.pad(second / 3600, 2) + ":"
                + Digits.pad(second / 60 % 60, 2) + ":" + Digits.pad(second % 60, 2) + "Z"
            let transaction = "TXN-\(storeText)-\(date.compact)-\(Digits.pad(sale, 4))"
            let customer = "CUST-" + Digits.pad(1 + Int(rng.next(upTo: 99_999)), 5)
            let method = Self.methods[Int(rng.next(upTo: UInt64(Self.methods.count)))]
            for _ in 0..<(1 + Int(rng.next(upTo: 5))) {
                let product = Self.products[Int(rng.next(upTo: UInt64(Self.products.count)))]
                let quantity = 1 + Int64(rng.next(upTo: 4))
                let total = product.priceCents * quantity
                let discount = rng.next(upTo: 5) == 0 ? total * Int64(5 + 5 * rng.next(upTo: 4)) / 100 : 0
                lines.append(SampleLine(
                    transactionID: transaction, timestamp: timestamp, second: second, product: product,
                    quantity: quantity, lineTotalCents: total, discountCents: discount, method: method, customer: customer))
            }
        }
        return lines.enumerated().sorted { a, b in
            a.element.second != b.element.second ? a.element.second < b.element.second : a.offset < b.offset
        }.map(\.element)
    }
}

/// One generated line item.
struct SampleLine {
    var transactionID: String
    var timestamp: String
    var second: Int
    var product: SampleProduct
    var quantity: Int64
    var lineTotalCents: Int64
    var discountCents: Int64
    var method: String
    var customer: String
}

extension SalesUploadName {
    /// `store_0003_2025-11-20.json`.
    public static func format(store: Int, date: CalendarDate) -> String {
        "store_\(Digits.pad(store, 4))_\(date.text).json"
    }
}
