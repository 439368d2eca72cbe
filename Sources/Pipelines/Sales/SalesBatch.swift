// The line items of one store-day upload, column by column, with one `String` per text value:
// what the store metrics read back from a partition. (The upload parser fills `SalesColumns`
// instead, the byte buffers the Parquet writer takes.) Money is integer cents, timestamps UTC
// milliseconds.

import Parquet

/// The ten fields of an upload's line items, one array per field, in input order.
public struct SalesBatch: Sendable, Equatable {
    public var transactionID: [String] = []
    public var timestampMillis: [Int64] = []
    public var sku: [String] = []
    public var itemName: [String] = []
    public var quantity: [Int32] = []
    public var unitPriceCents: [Int64] = []
    public var lineTotalCents: [Int64] = []
    public var discountCents: [Int64] = []
    public var paymentMethod: [String] = []
    public var customerID: [String] = []

    public init() {}

    /// Number of line items.
    public var count: Int { transactionID.count }
}

/// The five payment methods of the input contract, in the order outputs list them.
public enum PaymentMethod: String, CaseIterable, Sendable {
    case cash, credit, debit
    case giftCard = "gift_card"
    case mobile

    /// The methods' names as UTF-8, in `allCases` order, for matching input bytes.
    static let utf8Names = ByteArrayBuffer(allCases.map { Array($0.rawValue.utf8) })

    /// True when `bytes` spell one of the methods.
    static func isName(_ bytes: Span<UInt8>) -> Bool {
        (0..<utf8Names.count).contains { utf8Names.elementsEqual(at: $0, bytes) }
    }
}
