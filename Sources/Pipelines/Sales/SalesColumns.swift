// The line items of one upload as the Parquet writer takes them: each string column is one
// `ByteArrayBuffer` (every value's bytes back to back, plus offsets), money is integer cents
// and timestamps UTC milliseconds. The upload parser appends each field's bytes here straight
// from the JSON input, so a string is copied once and no `String` is made per value; the
// writer then encodes the buffers as they are.
//
// `SalesBatch` is the other shape, with one `String` per value: what the metrics read back
// from a partition.

import Parquet

/// The ten fields of an upload's line items as column buffers, in input order.
public struct SalesColumns: Sendable, Equatable {
    public var transactionID = ByteArrayBuffer()
    public var timestampMillis: [Int64] = []
    public var sku = ByteArrayBuffer()
    public var itemName = ByteArrayBuffer()
    public var quantity: [Int32] = []
    public var unitPriceCents: [Int64] = []
    public var lineTotalCents: [Int64] = []
    public var discountCents: [Int64] = []
    public var paymentMethod = ByteArrayBuffer()
    public var customerID = ByteArrayBuffer()

    public init() {}

    /// Makes room for about `items` line items (the string columns at a typical width), so
    /// that filling the columns does not copy them again and again as they grow.
    mutating func reserve(items: Int) {
        for keyPath in [\SalesColumns.transactionID, \.sku, \.itemName, \.paymentMethod, \.customerID] {
            self[keyPath: keyPath].reserveCapacity(count: items, bytes: items * 16)
        }
        timestampMillis.reserveCapacity(items)
        quantity.reserveCapacity(items)
        unitPriceCents.reserveCapacity(items)
        lineTotalCents.reserveCapacity(items)
        discountCents.reserveCapacity(items)
    }

    /// Number of line items.
    public var count: Int { timestampMillis.count }

    /// True when every column holds `count` values (always so for a parser's accepted upload).
    var isRectangular: Bool {
        let n = count
        return transactionID.count == n && sku.count == n && itemName.count == n && quantity.count == n
            && unitPriceCents.count == n && lineTotalCents.count == n && discountCents.count == n
            && paymentMethod.count == n && customerID.count == n
    }

    /// The same items with one `String` per value (for tests and small callers).
    public var batch: SalesBatch {
        func strings(_ buffer: ByteArrayBuffer) -> [String] {
            (0..<buffer.count).map { String(decoding: buffer[$0], as: UTF8.self) }
        }
        var b = SalesBatch()
        b.transactionID = strings(transactionID)
        b.timestampMillis = timestampMillis
        b.sku = strings(sku)
        b.itemName = strings(itemName)
        b.quantity = quantity
        b.unitPriceCents = unitPriceCents
        b.lineTotalCents = lineTotalCents
        b.discountCents = discountCents
        b.paymentMethod = strings(paymentMethod)
        b.customerID = strings(customerID)
        return b
    }
}
