// The text of a generated upload, laid out like the chain's own generator (Python's
// `json.dumps(records, indent=1)`): one-space indent, money as Python prints floats
// (`54.98`, `0.0`, `12.5`).

/// Renders sample line items as an upload file.
enum SampleUploadText {
    static func bytes(_ lines: [SampleLine]) -> [UInt8] {
        var out = "["
        for (i, l) in lines.enumerated() {
            out += i == 0 ? "\n {\n" : ",\n {\n"
            out += "  \"transaction_id\": \"\(l.transactionID)\",\n"
            out += "  \"transaction_timestamp\": \"\(l.timestamp)\",\n"
            out += "  \"item_sku\": \"\(l.product.sku)\",\n"
            out += "  \"item_name\": \"\(l.product.name)\",\n"
            out += "  \"quantity\": \(l.quantity),\n"
            out += "  \"unit_price\": \(pythonFloat(l.product.priceCents)),\n"
            out += "  \"line_total\": \(pythonFloat(l.lineTotalCents)),\n"
            out += "  \"discount_amount\": \(pythonFloat(l.discountCents)),\n"
            out += "  \"payment_method\": \"\(l.method)\",\n"
            out += "  \"customer_id\": \"\(l.customer)\"\n }"
        }
        out += "\n]"
        return Array(out.utf8)
    }

    /// How Python prints a float holding a whole number of cents: `12.0`, `12.5`, `12.34`.
    static func pythonFloat(_ cents: Int64) -> String {
        let whole = String(cents / 100), fraction = cents % 100
        if fraction == 0 { return whole + ".0" }
        if fraction % 10 == 0 { return whole + "." + String(fraction / 10) }
        return whole + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
