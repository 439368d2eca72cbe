// Deliberately invalid uploads for demos and tests (`gen sales --bad N`): one kind of
// violation per file, cycling through the kinds, for stores 9001 onwards so that they never
// replace a valid upload. Each file states its flaw in no other way than by being wrong.

import LakeBuild

/// The invalid sample files.
enum SampleBadFiles {
    /// A valid line item to corrupt.
    static func item(_ fields: [(String, String)] = []) -> String {
        var base: [(String, String)] = [
            ("transaction_id", "\"TXN-9001-0001\""), ("transaction_timestamp", "\"2025-11-27T10:00:00Z\""),
            ("item_sku", "\"SMURF-FIG-001\""), ("item_name", "\"Papa Smurf Figurine\""), ("quantity", "1"),
            ("unit_price", "24.99"), ("line_total", "24.99"), ("discount_amount", "0.0"),
            ("payment_method", "\"cash\""), ("customer_id", "\"CUST-00001\""),
        ]
        for (k, v) in fields {
            if let i = base.firstIndex(where: { $0.0 == k }) {
                if v.isEmpty { base.remove(at: i) } else { base[i].1 = v }
            } else {
                base.append((k, v))
            }
        }
        return "{" + base.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// The bodies, one per kind of violation.
    static let bodies: [String] = [
        "[" + item() + ",\n" + item([("quantity", "0")]) + "]\n",
        "[" + item([("unit_price", "24.999")]) + "]\n",
        "[" + item([("payment_method", "\"cheque\"")]) + "]\n",
        "[" + item([("customer_id", "")]) + "]\n",
        "[" + item([("transaction_timestamp", "\"27/11/2025 10:00\"")]) + "]\n",
        "[" + item([("coupon", "\"X\"")]) + "]\n",
        "[" + item([("discount_amount", "30.00")]) + "]\n",
        "[]\n",
        "[" + item() + ",\n" + item(),  // truncated upload
        "[" + Array(repeating: item([("quantity", "-1")]), count: 150).joined(separator: ",\n") + "]\n",
    ]

    static func files(count: Int, end: CalendarDate, days: Int) -> [(name: String, bytes: [UInt8])] {
        (0..<max(0, count)).map { k in
            let date = end.adding(days: -(k % max(1, days)))
            return (SalesUploadName.format(store: 9001 + k, date: date), Array(bodies[k % bodies.count].utf8))
        }
    }
}
