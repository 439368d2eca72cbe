// One line item: each of the ten fields checked where it stands, then the cross-field rules
// (all present, discount ≤ line total) at the end of the object.

import LakeFormats

extension SalesUploadParser {
    /// A field's value as read, before it is appended to the batch.
    private struct ItemValues {
        var strings: [String?] = Array(repeating: nil, count: 10)
        var timestamp: Int64?
        var quantity: Int32?
        var cents: [Int64?] = [nil, nil, nil]  // unit_price, line_total, discount_amount
        var discountLocation: JSONLocation?
        var valid = true
    }

    /// Reads one object whose `{` was just returned by `reader`.
    mutating func readItem(_ reader: inout JSONReader, index: Int) throws(JSONError) {
        let start = reader.location
        var values = ItemValues()
        var seen = [Bool](repeating: false, count: 10)
        while let token = try reader.next() {
            guard case .key(let key) = token else { break }  // `}`: the reader allows nothing else here
            let keyLocation = reader.location
            guard let field = Self.fieldNames.firstIndex(of: key) else {
                record(keyLocation, "$[\(index)].\(key)", "unknown field \"\(key)\"; an item has exactly the fields \(Self.fieldNames.joined(separator: ", "))")
                values.valid = false
                try reader.skipValue()
                continue
            }
            if seen[field] {
                record(keyLocation, "$[\(index)].\(key)", "field \"\(key)\" appears twice")
                values.valid = false
            }
            seen[field] = true
            guard let value = try reader.next() else { break }
            let valueLocation = reader.location
            if value == .beginArray || value == .beginObject { try skipRest(&reader) }
            if let problem = check(field: field, value: value, into: &values, at: valueLocation) {
                record(valueLocation, "$[\(index)].\(key)", problem)
                values.valid = false
            }
        }
        let missing = Self.fieldNames.indices.filter { !seen[$0] }.map { Self.fieldNames[$0] }
        if !missing.isEmpty {
            record(start, "$[\(index)]", "missing field\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "))
            values.valid = false
        }
        if let discount = values.cents[2], let lineTotal = values.cents[1], discount > lineTotal,
           let location = values.discountLocation {
            record(location, "$[\(index)].discount_amount", "discount_amount must not exceed line_total")
            values.valid = false
        }
        guard values.valid, total == 0 else { return }
        append(values)
    }

    /// Checks one field's value; returns the problem, or nil and stores the value.
    private func check(field: Int, value: JSONToken, into values: inout ItemValues, at location: JSONLocation) -> String? {
        let name = Self.fieldNames[field]
        switch field {
        case 4:
            guard case .number(let n) = value else { return "quantity must be an integer" }
            // JSON Schema's `integer`: any number whose fractional part is zero (`2.0`, `20e-1`).
            // Read exactly through cents, never through Double: `1.5` is 150 cents, not whole.
            let q: Int64
            if let whole = n.int64() {
                q = whole
            } else {
                do {
                    let cents = try n.cents()
                    guard cents % 100 == 0 else { return "quantity must be an integer" }
                    q = cents / 100
                } catch {
                    switch error {
                    case .tooManyDecimals: return "quantity must be an integer"
                    case .overflow: return "quantity is too large"
                    }
                }
            }
            guard q >= 1 else { return "quantity must be at least 1" }
            guard let q32 = Int32(exactly: q) else { return "quantity is too large" }
            values.quantity = q32
        case 5, 6, 7:
            guard case .number(let n) = value else { return "\(name) must be a number" }
            let cents: Int64
            do { cents = try n.cents() } catch {
                switch error {
                case .tooManyDecimals: return "\(name) \(n.literal) has more than 2 decimal places"
                case .overflow: return "\(name) is too large (at most 99999999.99)"
                }
            }
            guard cents >= 0 else { return "\(name) must not be negative" }
            guard cents <= Self.maxCents else { return "\(name) is too large (at most 99999999.99)" }
            values.cents[field - 5] = cents
            if field == 7 { values.discountLocation = location }
        default:
            guard case .string(let text) = value else { return "\(name) must be a string" }
            switch field {
            case 0, 2:
                guard !text.isEmpty else { return "\(name) must not be empty" }
            case 1:
                guard let millis = SalesTimestamp.millis(text) else {
                    return "transaction_timestamp \"\(text)\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z"
                }
                values.timestamp = millis
            case 8:
                guard PaymentMethod(rawValue: text) != nil else {
                    return "payment_method \"\(text)\" is not one of cash, credit, debit, gift_card, mobile"
                }
            default: break
            }
            values.strings[field] = text
        }
        return nil
    }

    private mutating func append(_ v: ItemValues) {
        guard let tx = v.strings[0], let ts = v.timestamp, let sku = v.strings[2], let name = v.strings[3],
              let q = v.quantity, let unit = v.cents[0], let line = v.cents[1], let discount = v.cents[2],
              let method = v.strings[8], let customer = v.strings[9] else { return }
        batch.transactionID.append(tx)
        batch.timestampMillis.append(ts)
        batch.sku.append(sku)
        batch.itemName.append(name)
        batch.quantity.append(q)
        batch.unitPriceCents.append(unit)
        batch.lineTotalCents.append(line)
        batch.discountCents.append(discount)
        batch.paymentMethod.append(method)
        batch.customerID.append(customer)
    }
}
