import Foundation
import XCTest
@testable import LakeFormats

/// Output is checked three ways: exact text written by hand from RFC 8259, a round trip
/// through `JSONReader`, and Foundation's JSONSerialization as an independent parser.
final class JSONWriterTests: XCTestCase {
    private func sampleDocument(_ style: JSONWriter.Style) -> JSONWriter {
        var writer = JSONWriter(style: style)
        writer.beginObject()
        writer.key("store_id"); writer.string("0003")
        writer.key("total"); writer.cents(123_456)
        writer.key("items"); writer.beginArray()
        writer.int(1); writer.int(-2); writer.bool(true); writer.null()
        writer.endArray()
        writer.key("empty"); writer.beginObject(); writer.endObject()
        writer.key("none"); writer.beginArray(); writer.endArray()
        writer.key("ratio"); writer.double(0.25)
        writer.endObject()
        return writer
    }

    func testCompactLayout() {
        XCTAssertEqual(
            sampleDocument(.compact).text,
            #"{"store_id":"0003","total":1234.56,"items":[1,-2,true,null],"empty":{},"none":[],"ratio":0.25}"#)
    }

    func testPrettyLayout() {
        let expected = """
            {
              "store_id": "0003",
              "total": 1234.56,
              "items": [
                1,
                -2,
                true,
                null
              ],
              "empty": {},
              "none": [],
              "ratio": 0.25
            }

            """
        XCTAssertEqual(sampleDocument(.pretty).text, expected)
    }

    func testCentsAlwaysHaveTwoDecimals() {
        let cases: [(Int64, String)] = [
            (0, "0.00"), (5, "0.05"), (-50, "-0.50"), (1200, "12.00"), (-1, "-0.01"), (2749, "27.49"),
            (Int64.min, "-92233720368547758.08"), (Int64.max, "92233720368547758.07"),
        ]
        for (value, text) in cases {
            var writer = JSONWriter()
            writer.cents(value)
            XCTAssertEqual(writer.text, text)
        }
    }

    func testDoubleFormatting() {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (3, "3.0"), (-0.0, "-0.0"), (123_456.789, "123456.789"), (0.0001, "0.0001"),
            (1e15, "1000000000000000.0"), (1e16, "1e+16"), (1e-5, "1e-05"), (.nan, "null"), (.infinity, "null"),
        ]
        for (value, text) in cases {
            var writer = JSONWriter()
            writer.double(value)
            XCTAssertEqual(writer.text, text, "\(value)")
        }
    }

    func testDoublesReadBackExactly() throws {
        for value in [0.1, 1.0 / 3.0, 1e16, 1e-5, .leastNonzeroMagnitude, -1.7976931348623157e308, 47.123456789] {
            var writer = JSONWriter()
            writer.double(value)
            var reader = JSONReader(writer.bytes)
            guard case let .number(number)? = try reader.next() else { return XCTFail("not a number") }
            XCTAssertEqual(number.double(), value)
        }
    }

    func testStringEscaping() {
        var writer = JSONWriter()
        writer.string("q\" b\\ n\n r\r t\t \u{08}\u{0C} nul\u{0} us\u{1F} del\u{7F} / é😀")
        XCTAssertEqual(writer.text, #""q\" b\\ n\n r\r t\t \b\f nul\u0000 us\u001f del"# + "\u{7F} / é😀\"")
    }

    func testKeysAreEscapedToo() {
        var writer = JSONWriter()
        writer.beginObject(); writer.key("a\"b"); writer.int(1); writer.endObject()
        XCTAssertEqual(writer.text, #"{"a\"b":1}"#)
    }

    func testRoundTripThroughReader() throws {
        let text = "tab\t quote\" back\\ ctl\u{1} 😀"
        var writer = JSONWriter()
        writer.beginArray(); writer.string(text); writer.cents(-50); writer.endArray()
        let value = try JSONValue.parse(writer.bytes)
        XCTAssertEqual(value, .array([.string(text), .number(JSONNumber(validLiteral: "-0.50"))]))
        XCTAssertEqual(try value[1].map { value -> Int64 in
            guard case let .number(number) = value else { return 0 }
            return try number.cents()
        }, -50)
    }

    func testFoundationParsesBothLayouts() throws {
        for style in [JSONWriter.Style.compact, .pretty] {
            let data = Data(sampleDocument(style).bytes)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(object["store_id"] as? String, "0003")
            XCTAssertEqual((object["total"] as? NSNumber)?.doubleValue, 1234.56)
            XCTAssertEqual((object["items"] as? [Any])?.count, 4)
            XCTAssertEqual((object["ratio"] as? NSNumber)?.doubleValue, 0.25)
        }
    }

    func testFoundationDecodesEscapedStrings() throws {
        let text = "a\"b\\c\nd\u{1}e/é😀"
        var writer = JSONWriter()
        writer.beginArray(); writer.string(text); writer.endArray()
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String])
        XCTAssertEqual(array, [text])
    }

    func testNumberLiteralPassesThrough() throws {
        var writer = JSONWriter()
        writer.number(try XCTUnwrap(JSONNumber("1.500e3")))
        XCTAssertEqual(writer.text, "1.500e3")
    }
}
