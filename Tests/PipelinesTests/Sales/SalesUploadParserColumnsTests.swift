// The parser's columnar output (SalesColumns): each field's bytes in its column buffer, money as
// integer cents, and the positions of rejections in inputs whose text is escaped, multi-byte or
// very long. Positions are counted by hand from the item text as in SalesUploadParserTests:
// line 1 is `[`, each item is one line, and the field under test comes first.

import LakeBuild
import Parquet
@testable import Pipelines
import XCTest

final class SalesUploadParserColumnsTests: XCTestCase {
    typealias P = SalesUploadParserTests

    func columns(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> SalesColumns? {
        switch SalesUploadParser.parse(bytes) {
        case .items(let columns): return columns
        case .invalid(let errors, _):
            XCTFail("rejected: \(errors)", file: file, line: line)
            return nil
        }
    }

    func rejection(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [RejectionDetail] {
        guard case .invalid(let errors, let total) = SalesUploadParser.parse(bytes) else {
            XCTFail("expected a rejection", file: file, line: line)
            return []
        }
        XCTAssertEqual(errors.count, total, file: file, line: line)
        return errors
    }

    func utf8(_ buffer: ByteArrayBuffer) -> [String] {
        (0..<buffer.count).map { String(decoding: buffer[$0], as: UTF8.self) }
    }

    // MARK: - Columns

    func testEveryFieldLandsInItsColumnWhateverTheMemberOrder() throws {
        let reversed = "{" + P.valid.reversed().map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        let c = try XCTUnwrap(columns(P.upload([P.item(), reversed, P.item(("item_sku", "\"SMURF-HAT-001\""))])))
        XCTAssertEqual(c.count, 3)
        XCTAssertEqual(utf8(c.transactionID), ["TXN-0001", "TXN-0001", "TXN-0001"])
        XCTAssertEqual(utf8(c.sku), ["SMURF-FIG-002", "SMURF-FIG-002", "SMURF-HAT-001"])
        XCTAssertEqual(utf8(c.itemName), Array(repeating: "Smurfette Figurine", count: 3))
        XCTAssertEqual(utf8(c.paymentMethod), ["debit", "debit", "debit"])
        XCTAssertEqual(utf8(c.customerID), ["CUST-00001", "CUST-00001", "CUST-00001"])
        // 2025-11-20 is day 20412 since 1970-01-01; 10:15:00 is 36 900 s into it.
        XCTAssertEqual(c.timestampMillis, Array(repeating: (20412 * 86_400 + 36_900) * 1000, count: 3))
        XCTAssertEqual(c.quantity, [2, 2, 2])
        XCTAssertEqual(c.unitPriceCents, [2749, 2749, 2749])
        XCTAssertEqual(c.lineTotalCents, [5498, 5498, 5498])
        XCTAssertEqual(c.discountCents, [0, 0, 0])
        // One values buffer per column, the strings back to back.
        XCTAssertEqual(c.sku.values, Array("SMURF-FIG-002SMURF-FIG-002SMURF-HAT-001".utf8))
        XCTAssertEqual(c.sku.offsets, [0, 13, 26, 39])
    }

    func testEscapesAreDecodedIntoTheBuffers() throws {
        // `\"`, `\\`, `\/`, `\t`, `\u00e9` (é, two bytes) and a surrogate pair (😀, four bytes).
        let c = try XCTUnwrap(columns(P.upload([P.item(("item_name", #""Papa \"P\" \\ \/ \t caf\u00e9 \ud83d\ude00""#))])))
        XCTAssertEqual(utf8(c.itemName), ["Papa \"P\" \\ / \t café 😀"])
        XCTAssertEqual(c.itemName.length(at: 0), 25)
    }

    func testEscapedKeysNameTheirFields() throws {
        // `item\u005fsku` is `item_sku` written with an escape: the same member.
        let item = P.item(("item\\u005fsku", "\"K-1\""), drop: ["item_sku"])
        let c = try XCTUnwrap(columns(P.upload([item])))
        XCTAssertEqual(utf8(c.sku), ["K-1"])
    }

    func testUnknownEscapedKeyIsReportedDecoded() {
        let errors = rejection(P.upload([P.item(("c\\u006fupon", "1"))]))
        XCTAssertEqual(errors.map(\.path), ["$[0].coupon"])
        XCTAssertEqual(errors.first?.column, 2)
    }

    func testMultiByteTextIsKeptAsItsBytes() throws {
        let c = try XCTUnwrap(columns(P.upload([P.item(("item_name", "\"Schlümpfe ✓\"")), P.item(("customer_id", "\"\""))])))
        XCTAssertEqual(utf8(c.itemName), ["Schlümpfe ✓", "Smurfette Figurine"])
        XCTAssertEqual(c.itemName.length(at: 0), 14)  // ü is 2 bytes, ✓ 3
        XCTAssertEqual(utf8(c.customerID), ["CUST-00001", ""])  // an empty customer_id is allowed
    }

    func testColumnsComeBackFromTheirParquetFile() throws {
        let items = [P.item(), P.item(("item_name", "\"caf\\u00e9\"")), P.item(("unit_price", "0.05"))]
        let c = try XCTUnwrap(columns(P.upload(items)))
        XCTAssertEqual(try SalesParquet.batch(from: SalesParquet.bytes(c), path: "p"), c.batch)
    }

    // MARK: - Money

    func testMoneyIsExactCents() throws {
        let accepted: [(String, Int64)] = [
            ("0", 0), ("0.0", 0), ("-0", 0), ("-0.00", 0), ("7", 700), ("0.05", 5), ("27.49", 2749),
            ("12.500", 1250), ("1e2", 10_000), ("1E-2", 1), ("0.1e1", 100), ("2.5E+1", 2500),
            ("99999999.99", 9_999_999_999), ("9999999999e-2", 9_999_999_999),
        ]
        for (literal, cents) in accepted {
            let c = try XCTUnwrap(columns(P.upload([P.item(("unit_price", literal))])), literal)
            XCTAssertEqual(c.unitPriceCents, [cents], literal)
        }
    }

    func testMoneyRejectionsNameTheLiteralAndItsPosition() {
        // `{"unit_price":` is 14 bytes, so the value starts at column 15 of line 3.
        let rejected: [(String, String)] = [
            ("1e-3", "unit_price 1e-3 has more than 2 decimal places"),
            ("0.001", "unit_price 0.001 has more than 2 decimal places"),
            ("100000000.00", "unit_price is too large (at most 99999999.99)"),
            ("1e30", "unit_price is too large (at most 99999999.99)"),
            ("-0.01", "unit_price must not be negative"),
            ("\"1.00\"", "unit_price must be a number"),
            ("null", "unit_price must be a number"),
            ("[1]", "unit_price must be a number"),
        ]
        for (literal, message) in rejected {
            let errors = rejection(P.upload([P.item(), P.item(("unit_price", literal))]))
            XCTAssertEqual(errors, [RejectionDetail(line: 3, column: 15, path: "$[1].unit_price", message: message)], literal)
        }
    }

    func testDiscountIsComparedWithTheLineTotalInCents() {
        // 54.98 and 54.980 are the same amount; 54.99 is one cent more. The discount's value
        // starts at column 20 (`{"discount_amount":` is 19 bytes).
        XCTAssertNotNil(columns(P.upload([P.item(("discount_amount", "54.980"))])))
        XCTAssertEqual(rejection(P.upload([P.item(("discount_amount", "5499e-2"))])),
                       [RejectionDetail(line: 2, column: 20, path: "$[0].discount_amount", message: "discount_amount must not exceed line_total")])
    }

    func testQuantityLimits() throws {
        let c = try XCTUnwrap(columns(P.upload([P.item(("quantity", "2147483647")), P.item(("quantity", "0.5e1")), P.item(("quantity", "1e0"))])))
        XCTAssertEqual(c.quantity, [Int32.max, 5, 1])
        for (literal, message) in [("2147483648", "quantity is too large"), ("1e20", "quantity is too large"),
                                   ("99999999999999999999", "quantity is too large"), ("-0", "quantity must be at least 1"),
                                   ("-3", "quantity must be at least 1"), ("1.01", "quantity must be an integer")] {
            XCTAssertEqual(rejection(P.upload([P.item(("quantity", literal))])),
                           [RejectionDetail(line: 2, column: 13, path: "$[0].quantity", message: message)], literal)
        }
    }

    // MARK: - Empty uploads

    func testEmptyUploadsAreRejectedWithTheirPositions() {
        XCTAssertEqual(rejection([]), [RejectionDetail(line: 1, column: 1, path: "$", message: "unexpected end of input, expected a value")])
        XCTAssertEqual(rejection(Array("  \n".utf8)),
                       [RejectionDetail(line: 2, column: 1, path: "$", message: "unexpected end of input, expected a value")])
        XCTAssertEqual(rejection(Array("[\n]\n".utf8)),
                       [RejectionDetail(line: 1, column: 1, path: "$", message: "an upload must hold at least one line item")])
        XCTAssertEqual(rejection(Array("{}".utf8)),
                       [RejectionDetail(line: 1, column: 1, path: "$", message: "an upload must be a JSON array of line items")])
    }

    func testAnEmptyItemMissesEveryField() {
        XCTAssertEqual(rejection(Array("[\n  {}\n]".utf8)), [RejectionDetail(
            line: 2, column: 3, path: "$[0]",
            message: "missing fields " + SalesUploadParser.fieldNames.joined(separator: ", "))])
    }

    // MARK: - Long strings

    func testHundredThousandByteStringsAreCopiedWhole() throws {
        let name = String(repeating: "N", count: 100_000)
        let customer = String(repeating: "é", count: 50_000)  // 100 000 bytes of two-byte characters
        let escaped = String(repeating: "x", count: 99_999) + "\\u0021"  // decoded: 99 999 × x, then !
        let items = [P.item(("item_name", "\"\(name)\"")), P.item(("customer_id", "\"\(customer)\"")),
                     P.item(("transaction_id", "\"\(escaped)\""))]
        let c = try XCTUnwrap(columns(P.upload(items)))
        XCTAssertEqual(c.itemName.length(at: 0), 100_000)
        XCTAssertEqual(Array(c.itemName[0]), Array(name.utf8))
        XCTAssertEqual(c.customerID.length(at: 1), 100_000)
        XCTAssertEqual(utf8(c.customerID)[1], customer)
        XCTAssertEqual(c.transactionID.length(at: 2), 100_000)
        XCTAssertEqual(utf8(c.transactionID)[2], String(repeating: "x", count: 99_999) + "!")
        XCTAssertEqual(utf8(c.itemName)[1], "Smurfette Figurine")
    }

    func testPositionsAfterLongAndEscapedTextCountBytes() {
        // `{"item_name":"` is 14 bytes; after the text come `","quantity":` (13 bytes), so
        // quantity's value starts at column 14 + text bytes + 13 + 1.
        for (text, bytes) in [(String(repeating: "N", count: 100_000), 100_000), ("ééé", 6), (#"a\"b"#, 4)] {
            let item = "{\"item_name\":\"\(text)\",\"quantity\":0," + P.item(drop: ["item_name", "quantity"]).dropFirst()
            XCTAssertEqual(rejection(P.upload([item])),
                           [RejectionDetail(line: 2, column: 14 + bytes + 13 + 1, path: "$[0].quantity", message: "quantity must be at least 1")],
                           "after \(bytes) bytes")
        }
    }
}
