// One test per rule of the input contract (sales.md §1), each with the exact position of the
// error. Uploads are written so positions can be counted by hand: line 1 is `[`, each item is
// one line starting with `{` and the field under test comes first, so its value starts at
// column 5 + the key's length (`{"` key `":`).

import LakeBuild
@testable import Pipelines
import XCTest

final class SalesUploadParserTests: XCTestCase {
    static let valid: [(String, String)] = [
        ("transaction_id", "\"TXN-0001\""), ("transaction_timestamp", "\"2025-11-20T10:15:00Z\""),
        ("item_sku", "\"SMURF-FIG-002\""), ("item_name", "\"Smurfette Figurine\""), ("quantity", "2"),
        ("unit_price", "27.49"), ("line_total", "54.98"), ("discount_amount", "0.0"),
        ("payment_method", "\"debit\""), ("customer_id", "\"CUST-00001\""),
    ]

    /// One item line with `first` leading and the other valid fields after it (those whose key
    /// is in `drop` left out).
    static func item(_ first: (String, String)? = nil, drop: [String] = []) -> String {
        var members: [String] = []
        if let first { members.append("\"\(first.0)\":\(first.1)") }
        for (k, v) in valid where k != first?.0 && !drop.contains(k) { members.append("\"\(k)\":\(v)") }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func upload(_ items: [String]) -> [UInt8] { Array(("[\n" + items.joined(separator: ",\n") + "\n]\n").utf8) }

    func errors(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> (errors: [RejectionDetail], total: Int) {
        guard case .invalid(let errors, let total) = SalesUploadParser.parse(bytes) else {
            XCTFail("expected a rejection", file: file, line: line)
            return ([], 0)
        }
        return (errors, total)
    }

    func assertSingle(_ field: (String, String), column: Int, path: String, message: String,
                      file: StaticString = #filePath, line: UInt = #line) {
        let r = errors(Self.upload([Self.item(), Self.item(field)]), file: file, line: line)
        XCTAssertEqual(r.total, 1, file: file, line: line)
        XCTAssertEqual(r.errors.first, RejectionDetail(line: 3, column: column, path: path, message: message), file: file, line: line)
    }

    func testValidUploadGivesAllFieldsExactly() throws {
        guard case .items(let columns) = SalesUploadParser.parse(Self.upload([Self.item(), Self.item(("unit_price", "1.5"))])) else {
            return XCTFail("valid upload rejected")
        }
        let b = columns.batch
        XCTAssertEqual(b.count, 2)
        XCTAssertEqual(b.transactionID, ["TXN-0001", "TXN-0001"])
        // 2025-11-20 is day 20412 since 1970-01-01; 10:15:00 is 36 900 s into it.
        XCTAssertEqual(b.timestampMillis[0], (20412 * 86_400 + 36_900) * 1000)
        XCTAssertEqual(b.quantity, [2, 2])
        XCTAssertEqual(b.unitPriceCents, [2749, 150])
        XCTAssertEqual(b.lineTotalCents, [5498, 5498])
        XCTAssertEqual(b.discountCents, [0, 0])
        XCTAssertEqual(b.paymentMethod, ["debit", "debit"])
    }

    func testTopLevelMustBeAnArray() {
        let r = errors(Array("{\"a\":1}".utf8))
        XCTAssertEqual(r.errors, [RejectionDetail(line: 1, column: 1, path: "$", message: "an upload must be a JSON array of line items")])
    }

    func testEmptyArrayIsRejected() {
        let r = errors(Array("\n  []".utf8))
        XCTAssertEqual(r.errors, [RejectionDetail(line: 2, column: 3, path: "$", message: "an upload must hold at least one line item")])
    }

    func testItemMustBeAnObject() {
        let r = errors(Self.upload([Self.item(), "  42"]))
        XCTAssertEqual(r.errors, [RejectionDetail(line: 3, column: 3, path: "$[1]", message: "each line item must be a JSON object")])
    }

    func testSyntaxErrorStopsWithItsPosition() {
        // Line 3 is `{"quantity":2,}`: the trailing comma's `}` at column 15.
        let r = errors(Self.upload([Self.item(), "{\"quantity\":2,}"]))
        XCTAssertEqual(r.total, 1)
        XCTAssertEqual(r.errors.first?.line, 3)
        XCTAssertEqual(r.errors.first?.column, 15)
        XCTAssertEqual(r.errors.first?.message, "trailing comma")
    }

    func testTransactionIDMustBeNonEmptyString() {
        assertSingle(("transaction_id", "\"\""), column: 19, path: "$[1].transaction_id", message: "transaction_id must not be empty")
        assertSingle(("transaction_id", "7"), column: 19, path: "$[1].transaction_id", message: "transaction_id must be a string")
    }

    func testTimestampMustBeRFC3339() {
        assertSingle(("transaction_timestamp", "\"2025-11-20 10:15\""), column: 26, path: "$[1].transaction_timestamp",
                     message: "transaction_timestamp \"2025-11-20 10:15\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z")
        assertSingle(("transaction_timestamp", "\"2025-02-30T10:15:00Z\""), column: 26, path: "$[1].transaction_timestamp",
                     message: "transaction_timestamp \"2025-02-30T10:15:00Z\" is not an RFC 3339 date-time such as 2025-10-29T09:11:16Z")
    }

    func testSKUMustBeNonEmpty() {
        assertSingle(("item_sku", "\"\""), column: 13, path: "$[1].item_sku", message: "item_sku must not be empty")
    }

    func testItemNameMustBeString() {
        assertSingle(("item_name", "null"), column: 14, path: "$[1].item_name", message: "item_name must be a string")
    }

    func testQuantityMustBeAnIntegerOfAtLeastOne() {
        assertSingle(("quantity", "0"), column: 13, path: "$[1].quantity", message: "quantity must be at least 1")
        assertSingle(("quantity", "2.5"), column: 13, path: "$[1].quantity", message: "quantity must be an integer")
        assertSingle(("quantity", "1.5"), column: 13, path: "$[1].quantity", message: "quantity must be an integer")
        assertSingle(("quantity", "1.001"), column: 13, path: "$[1].quantity", message: "quantity must be an integer")
        assertSingle(("quantity", "0.0"), column: 13, path: "$[1].quantity", message: "quantity must be at least 1")
        assertSingle(("quantity", "\"2\""), column: 13, path: "$[1].quantity", message: "quantity must be an integer")
    }

    func testQuantityWithAZeroFractionIsThatInteger() throws {
        // JSON Schema's `integer` is any number whose fractional part is zero.
        let items = [Self.item(("quantity", "1.0")), Self.item(("quantity", "2.000")), Self.item(("quantity", "3e0")),
                     Self.item(("quantity", "40E-1"))]
        guard case .items(let columns) = SalesUploadParser.parse(Self.upload(items)) else {
            return XCTFail("integral quantities with a fraction part were rejected")
        }
        XCTAssertEqual(columns.quantity, [1, 2, 3, 4])
    }

    func testMoneyHasAtMostTwoDecimalsAndIsNotNegative() {
        assertSingle(("unit_price", "27.499"), column: 15, path: "$[1].unit_price", message: "unit_price 27.499 has more than 2 decimal places")
        assertSingle(("line_total", "-1.00"), column: 15, path: "$[1].line_total", message: "line_total must not be negative")
        assertSingle(("discount_amount", "\"0\""), column: 20, path: "$[1].discount_amount", message: "discount_amount must be a number")
    }

    func testTrailingZerosBeyondTwoDecimalsAreExact() {
        guard case .items(let columns) = SalesUploadParser.parse(Self.upload([Self.item(("unit_price", "27.4900"))])) else {
            return XCTFail("27.4900 is a whole number of cents")
        }
        XCTAssertEqual(columns.unitPriceCents, [2749])
    }

    func testDiscountMayNotExceedLineTotal() {
        assertSingle(("discount_amount", "54.99"), column: 20, path: "$[1].discount_amount", message: "discount_amount must not exceed line_total")
    }

    func testPaymentMethodFromTheList() {
        assertSingle(("payment_method", "\"cheque\""), column: 19, path: "$[1].payment_method",
                     message: "payment_method \"cheque\" is not one of cash, credit, debit, gift_card, mobile")
    }

    func testCustomerIDMustBeString() {
        assertSingle(("customer_id", "12"), column: 16, path: "$[1].customer_id", message: "customer_id must be a string")
    }

    func testUnknownFieldIsReportedAtItsKey() {
        // The unknown key's quote is at column 2.
        let r = errors(Self.upload([Self.item(("coupon", "\"X\""))]))
        XCTAssertEqual(r.total, 1)
        XCTAssertEqual(r.errors.first?.line, 2)
        XCTAssertEqual(r.errors.first?.column, 2)
        XCTAssertEqual(r.errors.first?.path, "$[0].coupon")
    }

    func testMissingFieldsAreReportedAtTheItemsBrace() {
        let r = errors(Self.upload([Self.item(), Self.item(drop: ["customer_id", "quantity"])]))
        XCTAssertEqual(r.errors, [RejectionDetail(line: 3, column: 1, path: "$[1]", message: "missing fields quantity, customer_id")])
    }

    func testDuplicateFieldIsRejected() {
        let r = errors(Self.upload([Self.item(("quantity", "1")) .replacingOccurrences(of: "{", with: "{\"quantity\":1,")]))
        XCTAssertEqual(r.errors.first?.message, "field \"quantity\" appears twice")
        XCTAssertEqual(r.errors.first?.column, 15)  // `{"quantity":1,` is 14 bytes; the second key starts after it.
    }

    func testOneHundredFiftyBadItemsAreCappedAndCounted() {
        let items = (0..<150).map { _ in Self.item(("quantity", "-1")) }
        let r = errors(Self.upload(items))
        XCTAssertEqual(r.total, 150)
        XCTAssertEqual(r.errors.count, 100)
        XCTAssertEqual(r.errors[99], RejectionDetail(line: 101, column: 13, path: "$[99].quantity", message: "quantity must be at least 1"))
        let rejection = Rejection(path: "raw/sales/x.json", errors: r.errors, totalErrors: r.total)
        XCTAssertEqual(rejection.totalErrors, 150)
    }
}
