// One line item: each of the ten fields checked where it stands and appended to its column,
// then the cross-field rules (all present, discount ≤ line total) at the end of the object.

import LakeFormats
import Parquet

extension SalesUploadParser {
    /// Reads one object whose `{` was just returned by `reader`.
    mutating func readItem(_ reader: inout JSONReader, index: Int) throws(JSONError) {
        let start = reader.location
        var seen: UInt16 = 0  // bit `field` is set once the field has been read
        var lineTotal: Int64?, discount: Int64?
        var discountLocation = start
        var expected = 0  // the field that comes next when members are in the usual order
        while let token = try reader.nextKind() {
            guard case .key = token else { break }  // `}`: the reader allows nothing else here
            let keyLocation = reader.location
            guard let field = reader.withText({ Self.field(named: $0, expected: expected) }) else {
                let key = String(decoding: reader.text, as: UTF8.self)
                record(keyLocation, "$[\(index)].\(key)",
                       "unknown field \"\(key)\"; an item has exactly the fields \(Self.fieldNames.joined(separator: ", "))")
                try reader.skipValue()
                continue
            }
            expected = field == 9 ? 0 : field + 1
            if seen & (1 << field) != 0 {
                record(keyLocation, "$[\(index)].\(Self.fieldNames[field])", "field \"\(Self.fieldNames[field])\" appears twice")
            }
            seen |= 1 << field
            guard let value = try reader.nextKind() else { break }
            let valueLocation = reader.location
            switch value {
            case .beginArray, .beginObject: try skipRest(&reader)
            default: break
            }
            switch reader.withText({ check(field: field, value: value, text: $0) }) {
            case .accepted:
                break
            case .money(let cents):
                if field == 6 { lineTotal = cents }
                if field == 7 { discount = cents; discountLocation = valueLocation }
            case .problem(let problem):
                record(valueLocation, "$[\(index)].\(Self.fieldNames[field])", problem)
            }
        }
        if seen != 0b11_1111_1111 {
            let missing = Self.fieldNames.indices.filter { seen & (1 << $0) == 0 }.map { Self.fieldNames[$0] }
            record(start, "$[\(index)]", "missing field\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "))
        }
        if let discount, let lineTotal, discount > lineTotal {
            record(discountLocation, "$[\(index)].discount_amount", "discount_amount must not exceed line_total")
        }
    }

    /// The index of the field whose name is `key`, trying `expected` first; nil if none.
    static func field(named key: Span<UInt8>, expected: Int) -> Int? {
        if fieldTable.elementsEqual(at: expected, key) { return expected }
        for field in 0..<fieldTable.count where field != expected && fieldTable.elementsEqual(at: field, key) {
            return field
        }
        return nil
    }

    /// The text of bytes read from the input, for an error message.
    static func string(_ bytes: Span<UInt8>) -> String {
        String(decoding: (0..<bytes.count).map { bytes[$0] }, as: UTF8.self)
    }

    /// What checking one value gave.
    enum Check {
        /// Accepted and appended.
        case accepted
        /// A money field accepted and appended, with its cents for the cross-field rule.
        case money(Int64)
        /// Rejected, with the message.
        case problem(String)
    }

    /// Checks one field's value, whose bytes are `text`, and appends it to its column.
    private mutating func check(field: Int, value: JSONTokenKind, text: Span<UInt8>) -> Check {
        switch field {
        case 4:
            guard case .number = value else { return .problem("quantity must be an integer") }
            // JSON Schema's `integer`: any number whose fractional part is zero (`2.0`, `20e-1`).
            // Read exactly through cents, never through Double: `1.5` is 150 cents, not whole.
            let q: Int64
            if let whole = JSONNumber.int64(literal: text) {
                q = whole
            } else {
                do {
                    let cents = try JSONNumber.cents(literal: text)
                    guard cents % 100 == 0 else { return .problem("quantity must be an integer") }
                    q = cents / 100
                } catch {
                    switch error {
                    case .tooManyDecimals: return .problem("quantity must be an integer")
                    case .overflow: return .problem("quantity is too large")
                    }
                }
            }
            guard q >= 1 else { return .problem("quantity must be at least 1") }
            guard let q32 = Int32(exactly: q) else { return .problem("quantity is too large") }
            columns.quantity.append(q32)
            return .accepted
        case 5, 6, 7:
            let name = Self.fieldNames[field]
            guard case .number = value else { return .problem("\(name) must be a number") }
            let cents: Int64
            do { cents = try JSONNumber.cents(literal: text) } catch {
                switch error {
                case .tooManyDecimals:
                    return .problem("\(name) \(Self.string(text)) has more than 2 decimal places")
                case .overflow: return .problem("\(name) is too large (at most 99999999.99)")
                }
            }
            guard cents >= 0 else { return .problem("\(name) must not be negative") }
            guard cents <= Self.maxCents else { return .problem("\(name) is too large (at most 99999999.99)") }
            switch field {
            case 5: columns.unitPriceCents.append(cents)
            case 6: columns.lineTotalCents.append(cents)
            default: columns.discountCents.append(cents)
            }
            return .money(cents)
        default:
            guard case .string = value else { return .problem("\(Self.fieldNames[field]) must be a string") }
            switch field {
            case 0:
                guard !text.isEmpty else { return .problem("transaction_id must not be empty") }
                columns.transactionID.append(text)
            case 1:
                guard let millis = SalesTimestamp.millis(utf8: text) else {
                    return .problem("transaction_timestamp \"\(Self.string(text))\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z")
                }
                columns.timestampMillis.append(millis)
            case 2:
                guard !text.isEmpty else { return .problem("item_sku must not be empty") }
                columns.sku.append(text)
            case 3:
                columns.itemName.append(text)
            case 8:
                guard PaymentMethod.isName(text) else {
                    return .problem("payment_method \"\(Self.string(text))\" is not one of cash, credit, debit, gift_card, mobile")
                }
                columns.paymentMethod.append(text)
            default:
                columns.customerID.append(text)
            }
            return .accepted
        }
    }
}
