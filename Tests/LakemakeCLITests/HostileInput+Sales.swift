// Hostile sales uploads (sales.md §1). Every upload is for 2025-11-27 from a store the sample
// does not have (0100 onwards), so a rejected file must leave every output of the sample as a
// clean build makes it. Expected lines, columns and messages are worked out by hand from the
// file text and the error catalogue of sales.md §1 and the JSON reader's documented messages.

import Foundation

extension HostileInput {
    /// A valid line item on one line, with fields changed (a nil value removes the field, a
    /// new name is appended).
    static func salesItem(_ changes: [(String, String?)] = []) -> String {
        var fields: [(String, String)] = [
            ("transaction_id", "\"TXN-0100-0001\""), ("transaction_timestamp", "\"2025-11-27T10:00:00Z\""),
            ("item_sku", "\"SMURF-FIG-001\""), ("item_name", "\"Papa Smurf Figurine\""), ("quantity", "2"),
            ("unit_price", "24.99"), ("line_total", "49.98"), ("discount_amount", "0.00"),
            ("payment_method", "\"cash\""), ("customer_id", "\"CUST-00001\""),
        ]
        for (name, value) in changes {
            if let i = fields.firstIndex(where: { $0.0 == name }) {
                if let value { fields[i].1 = value } else { fields.remove(at: i) }
            } else if let value {
                fields.append((name, value))
            }
        }
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// An upload: `[`, one item per line, `]`. Item k (from 0) is on line k + 2.
    static func salesBody(_ items: [String]) -> String { "[\n" + items.joined(separator: ",\n") + "\n]\n" }

    /// The 1-based byte column where `needle` starts in `line` (the `occurrence`-th match).
    static func column(of needle: String, in line: String, occurrence: Int = 1) -> Int {
        let hay = Array(line.utf8), pin = Array(needle.utf8)
        var seen = 0
        for start in 0...(hay.count - pin.count) where Array(hay[start..<(start + pin.count)]) == pin {
            seen += 1
            if seen == occurrence { return start + 1 }
        }
        return -1
    }

    /// The column of the value of `field` in a one-line item.
    static func valueColumn(_ field: String, in item: String) -> Int {
        column(of: "\"\(field)\": ", in: item) + field.utf8.count + 4
    }

    /// A rejection by `sales_parquet` whose first error is in item 0, on line 2.
    static func itemError(_ item: String, _ column: Int, _ path: String, _ message: String, count: Int = 1) -> Expected {
        rejection("sales_parquet", 2, column, path, message, count: count)
    }

    static func syntax(_ line: Int, _ column: Int, _ path: String, _ message: String) -> Expected {
        rejection("sales_parquet", line, column, path, message)
    }

    /// A one-item upload whose `field` is `value`, rejected at that value with `message`.
    static func badValue(_ title: String, _ field: String, _ value: String, _ message: String) -> (String, Content, Expected) {
        let item = salesItem([(field, value)])
        return (title, .bytes(Array(salesBody([item]).utf8)), itemError(item, valueColumn(field, in: item), "$[0].\(field)", message))
    }

    /// The sales corpus, one store id per case from 0100.
    static var sales: [HostileInput] {
        let ok = salesItem()
        let fieldList = "transaction_id, transaction_timestamp, item_sku, item_name, quantity, unit_price, line_total, discount_amount, payment_method, customer_id"
        let okBody = salesBody([ok])
        var cases: [(String, Content, Expected)] = []
        func add(_ title: String, _ text: String, _ expected: Expected) { cases.append((title, .bytes(Array(text.utf8)), expected)) }
        func addBytes(_ title: String, _ bytes: [UInt8], _ expected: Expected) { cases.append((title, .bytes(bytes), expected)) }

        // Empty, truncated and not-JSON files.
        add("empty file", "", syntax(1, 1, "$", "unexpected end of input, expected a value"))
        add("only whitespace", "  \n  ", syntax(2, 3, "$", "unexpected end of input, expected a value"))
        add("only an opening bracket", "[", syntax(1, 2, "$[0]", "unexpected end of input, expected a value"))
        let cut = "[\n" + ok + ",\n" + ok
        add("truncated after an item", cut, syntax(3, ok.utf8.count + 1, "$[1]", "unexpected end of input, expected ',' or ']'"))
        let midString = String(okBody.prefix(40))
        // The cut falls inside the second key, whose opening quote is the error's position.
        add("truncated inside a string", midString, syntax(2, column(of: "\"transaction_timestamp", in: ok), "$[0]", "string is never closed"))
        let midKey = "[\n{\"transaction_id\": \"T\", \"transaction_ti"
        add("truncated inside a key", midKey, syntax(2, 25, "$[0]", "string is never closed"))
        add("truncated after a colon", "[\n{\"quantity\":", syntax(2, 13, "$[0].quantity", "unexpected end of input, expected a value"))
        add("a CSV file", "transaction_id,quantity\nT1,2\n", syntax(1, 1, "$", "invalid literal, expected true, false or null"))
        add("newline-delimited JSON", ok + "\n" + ok + "\n", syntax(1, 1, "$", "an upload must be a JSON array of line items"))
        add("two arrays", okBody + okBody, syntax(4, 1, "$", "unexpected content after the end of the JSON value"))
        add("trailing garbage", okBody + "x", syntax(4, 1, "$", "unexpected content after the end of the JSON value"))

        // Encoding.
        addBytes("a UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array(okBody.utf8), syntax(1, 1, "$", "file starts with a byte-order mark"))
        addBytes("UTF-16 with a byte-order mark", [0xFF, 0xFE] + Array(okBody.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                 syntax(1, 1, "$", "unexpected byte 0xFF, expected a value"))
        let latin1 = salesItem([("item_name", "\"Caf\u{FFFD}\"")])
        var latin1Bytes = Array(salesBody([latin1]).utf8)
        if let r = latin1Bytes.firstIndex(of: 0xEF) { latin1Bytes.replaceSubrange(r..<(r + 3), with: [0xE9]) }  // Latin-1 é
        addBytes("invalid UTF-8 (Latin-1 é)", latin1Bytes, itemError(latin1, column(of: "\u{FFFD}", in: latin1), "$[0].item_name", "invalid UTF-8"))
        for (title, bad) in [("an overlong UTF-8 slash", [0xC0, 0xAF] as [UInt8]), ("a UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]),
                             ("a truncated UTF-8 sequence", [0xE2, 0x82]), ("a UTF-8 byte 0xFF", [0xFF])] {
            let item = salesItem([("item_name", "\"AB\"")])
            var bytes = Array(salesBody([item]).utf8)
            let at = column(of: "AB", in: item) + 1  // between A and B
            bytes.insert(contentsOf: bad, at: 2 + at - 1)
            addBytes(title, bytes, itemError(item, at, "$[0].item_name", "invalid UTF-8"))
        }

        // Numbers.
        for (title, literal) in [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")] {
            let item = salesItem([("unit_price", literal)])
            add("\(title) as a price", salesBody([item]), itemError(item, valueColumn("unit_price", in: item), "$[0].unit_price", "NaN and Infinity are not valid JSON numbers"))
        }
        let huge = String(repeating: "9", count: 400)
        cases.append(badValue("a 400-digit price", "unit_price", huge, "unit_price is too large (at most 99999999.99)"))
        cases.append(badValue("a 400-digit quantity", "quantity", huge, "quantity is too large"))
        cases.append(badValue("a 400-digit fraction", "line_total", "0." + String(repeating: "1", count: 400),
                              "line_total 0.\(String(repeating: "1", count: 400)) has more than 2 decimal places"))
        cases.append(badValue("1e400 as a price", "unit_price", "1e400", "unit_price is too large (at most 99999999.99)"))
        cases.append(badValue("a price above DECIMAL(10,2)", "line_total", "100000000.00", "line_total is too large (at most 99999999.99)"))
        cases.append(badValue("a leading zero", "quantity", "007", "numbers must not have leading zeros"))
        // `0` is read (and is below 1), then the `x` ends the pass: two errors.
        let hex = salesItem([("quantity", "0x10")])
        add("a hexadecimal number", salesBody([hex]), itemError(hex, valueColumn("quantity", in: hex), "$[0].quantity", "quantity must be at least 1", count: 2))
        cases.append(badValue("a plus sign", "quantity", "+2", "unexpected '+', expected a value"))
        cases.append(badValue("a bare decimal point", "unit_price", ".5", "unexpected '.', expected a value"))
        cases.append(badValue("a fractional quantity", "quantity", "1.5", "quantity must be an integer"))
        cases.append(badValue("a zero quantity", "quantity", "0", "quantity must be at least 1"))
        cases.append(badValue("a negative quantity", "quantity", "-3", "quantity must be at least 1"))
        cases.append(badValue("a quantity above Int32", "quantity", "3000000000", "quantity is too large"))
        cases.append(badValue("a negative price", "unit_price", "-1.00", "unit_price must not be negative"))
        cases.append(badValue("three decimals", "unit_price", "24.999", "unit_price 24.999 has more than 2 decimal places"))

        // Wrong types.
        cases.append(badValue("quantity as a string", "quantity", "\"2\"", "quantity must be an integer"))
        cases.append(badValue("price as a string", "unit_price", "\"24.99\"", "unit_price must be a number"))
        cases.append(badValue("line_total null", "line_total", "null", "line_total must be a number"))
        cases.append(badValue("discount as a boolean", "discount_amount", "false", "discount_amount must be a number"))
        cases.append(badValue("transaction_id as a number", "transaction_id", "17", "transaction_id must be a string"))
        cases.append(badValue("item_sku null", "item_sku", "null", "item_sku must be a string"))
        cases.append(badValue("customer_id as an array", "customer_id", "[\"C\"]", "customer_id must be a string"))
        cases.append(badValue("payment_method as an object", "payment_method", "{\"m\": \"cash\"}", "payment_method must be a string"))
        cases.append(badValue("an empty transaction_id", "transaction_id", "\"\"", "transaction_id must not be empty"))
        cases.append(badValue("an unknown payment method", "payment_method", "\"cheque\"", "payment_method \"cheque\" is not one of cash, credit, debit, gift_card, mobile"))
        cases.append(badValue("the date 2025-02-30", "transaction_timestamp", "\"2025-02-30T10:00:00Z\"",
                              "transaction_timestamp \"2025-02-30T10:00:00Z\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z"))
        cases.append(badValue("hour 24", "transaction_timestamp", "\"2025-11-27T24:00:00Z\"",
                              "transaction_timestamp \"2025-11-27T24:00:00Z\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z"))
        cases.append(badValue("a timestamp without a zone", "transaction_timestamp", "\"2025-11-27T10:00:00\"",
                              "transaction_timestamp \"2025-11-27T10:00:00\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z"))
        cases.append(badValue("a timestamp as epoch seconds", "transaction_timestamp", "1764237600", "transaction_timestamp must be a string"))
        cases.append(badValue("a misspelt literal", "item_name", "tru", "invalid literal, expected true, false or null"))

        // Strings.
        // Inside a string the error points at the offending byte (the backslash of an escape).
        func badString(_ title: String, _ literal: String, _ offset: Int, _ message: String) {
            let item = salesItem([("item_name", literal)])
            add(title, salesBody([item]), itemError(item, valueColumn("item_name", in: item) + offset, "$[0].item_name", message))
        }
        badString("a raw tab in a string", "\"a\tb\"", 2, "control character byte 0x09 in string must be escaped")
        badString("an invalid escape", "\"a\\xb\"", 2, "invalid escape sequence \\'x'")
        badString("a lone surrogate", "\"\\ud800\"", 1, "unpaired UTF-16 surrogate \\uD800")
        badString("a short unicode escape", "\"\\u12\"", 1, "\\u must be followed by four hexadecimal digits")
        cases.append(badValue("single quotes", "item_name", "'Papa'", "unexpected ''', expected a value"))

        // Structure.
        add("an object instead of an array", ok + "\n", syntax(1, 1, "$", "an upload must be a JSON array of line items"))
        add("a string instead of an array", "\"hello\"\n", syntax(1, 1, "$", "an upload must be a JSON array of line items"))
        add("an empty array", "[]\n", syntax(1, 1, "$", "an upload must hold at least one line item"))
        add("an array of numbers", "[\n1\n]\n", syntax(2, 1, "$[0]", "each line item must be a JSON object"))
        add("an array inside the array", "[\n[" + ok + "]\n]\n", syntax(2, 1, "$[0]", "each line item must be a JSON object"))
        add("a trailing comma after the last item", "[\n" + ok + ",\n]\n", syntax(3, 1, "$[1]", "trailing comma"))
        let trailingInItem = String(ok.dropLast()) + ", }"
        add("a trailing comma in an item", salesBody([trailingInItem]), syntax(2, trailingInItem.utf8.count, "$[0]", "trailing comma"))
        let comment = "[\n// first sale\n" + ok + "\n]\n"
        add("a comment", comment, syntax(2, 1, "$[0]", "unexpected '/', expected a value"))
        let unquoted = "{transaction_id: \"T\"}"
        add("an unquoted key", salesBody([unquoted]), syntax(2, 2, "$[0]", "unexpected 't', expected a key in double quotes"))
        let dup = salesItem() .dropLast() + ", \"quantity\": 3}"
        add("a duplicate key", salesBody([String(dup)]), itemError(String(dup), column(of: "\"quantity\"", in: String(dup), occurrence: 2),
                                                                  "$[0].quantity", "field \"quantity\" appears twice"))
        let extra = salesItem([("coupon", "\"FREE\"")])
        add("an unknown field", salesBody([extra]), itemError(extra, column(of: "\"coupon\"", in: extra), "$[0].coupon",
            "unknown field \"coupon\"; an item has exactly the fields " + fieldList))
        let missing = salesItem([("customer_id", nil)])
        add("a missing field", salesBody([missing]), itemError(missing, 1, "$[0]", "missing field customer_id"))
        add("an empty item", salesBody(["{}"]), itemError("{}", 1, "$[0]",
            "missing fields transaction_id, transaction_timestamp, item_sku, item_name, quantity, unit_price, line_total, discount_amount, payment_method, customer_id"))
        let discount = salesItem([("discount_amount", "50.00")])
        add("a discount above the line total", salesBody([discount]), itemError(discount, valueColumn("discount_amount", in: discount),
                                                                                 "$[0].discount_amount", "discount_amount must not exceed line_total"))
        // Deep nesting: the first element is reported as not an item (or its first key as
        // unknown), then the depth limit of 64 ends the pass without exhausting the stack.
        let deep = "[" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_001)
        add("arrays nested 100 000 deep", deep, .rejected(rule: "sales_parquet", first: ExpectedError(line: 1, column: 2, path: "$[0]",
            message: "each line item must be a JSON object"), count: 2))
        let deepObject = "[\n" + String(repeating: "{\"a\": ", count: 100_000)
        add("objects nested 100 000 deep", deepObject, .rejected(rule: "sales_parquet", first: ExpectedError(line: 2, column: 2, path: "$[0].a",
            message: "unknown field \"a\"; an item has exactly the fields " + fieldList), count: 2))
        // Many bad items: the first 100 errors are kept, with the total.
        let many = (0..<150).map { _ in salesItem([("quantity", "0")]) }
        add("150 bad items", salesBody(many), itemError(many[0], valueColumn("quantity", in: many[0]), "$[0].quantity", "quantity must be at least 1", count: 150))

        var corpus = cases.enumerated().map { (i, c) in
            HostileInput(c.0, path: String(format: "raw/sales/store_%04d_2025-11-27.json", 100 + i), c.1, c.2)
        }
        // Names: the store id and the date come from the name, so a name that tries to climb out
        // of the lake or names an impossible day matches no rule.
        let names = [
            "store_0001_2025-02-30.json", "store_0001_2025-13-01.json", "store_0001_2025-11-27.json.tmp",
            "store_..%2F..%2Fetc_2025-11-27.json", "store_.._2025-11-27.json", "store_12345_2025-11-27.json",
            "store_0001_2025-11-27.JSON", "store_0001_2025-11-27", "store_0001_2025-11-27.json ",
            "store_0001\n_2025-11-27.json", "store_-001_2025-11-27.json", "store_0\u{0661}01_2025-11-27.json",
            "store_\u{FF10}\u{FF10}\u{FF10}\u{FF12}_2025-11-27.json",
        ]
        for name in names {
            corpus.append(HostileInput("the name \(name.debugDescription)", path: "raw/sales/" + name, text: okBody, .unmatched))
        }
        corpus.append(HostileInput("a link to /etc/passwd", path: "raw/sales/store_0300_2025-11-27.json", .symlink("/etc/passwd"), .escapingLink))
        corpus.append(HostileInput("a link climbing out of the lake", path: "raw/sales/store_0301_2025-11-27.json",
                                   .symlink("../../../outside.json"), .escapingLink))
        return corpus
    }
}
