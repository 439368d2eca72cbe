import XCTest
@testable import LakeFormats

/// Expected values are computed by hand from the decimal literals.
final class JSONNumberTests: XCTestCase {
    private func cents(_ literal: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int64 {
        let number = try XCTUnwrap(JSONNumber(literal), "not a JSON number: \(literal)", file: file, line: line)
        return try number.cents()
    }

    func testCentsOfTypicalPrices() throws {
        XCTAssertEqual(try cents("27.49"), 2749)
        XCTAssertEqual(try cents("54.98"), 5498)
        XCTAssertEqual(try cents("0.0"), 0)
        XCTAssertEqual(try cents("0"), 0)
        XCTAssertEqual(try cents("12"), 1200)
        XCTAssertEqual(try cents("0.07"), 7)
        XCTAssertEqual(try cents("-0.5"), -50)
        XCTAssertEqual(try cents("-0"), 0)
        XCTAssertEqual(try cents("10.10"), 1010)
        XCTAssertEqual(try cents("1.05"), 105)
        XCTAssertEqual(try cents("100"), 10000)
        XCTAssertEqual(try cents("1000000.01"), 100_000_001)
    }

    func testCentsWithExponents() throws {
        XCTAssertEqual(try cents("1e2"), 10000)
        XCTAssertEqual(try cents("1E+2"), 10000)
        XCTAssertEqual(try cents("150e-2"), 150)
        XCTAssertEqual(try cents("2.5e-1"), 25)
        XCTAssertEqual(try cents("1e-2"), 1)
        XCTAssertEqual(try cents("0e999999999999"), 0)
        XCTAssertEqual(try cents("0.0e-5"), 0)
    }

    func testTrailingZerosBeyondTwoDecimalsAreAllowed() throws {
        XCTAssertEqual(try cents("1.50"), 150)
        XCTAssertEqual(try cents("1.500"), 150)
        XCTAssertEqual(try cents("1.5000000000000000000000000"), 150)
        XCTAssertEqual(try cents("100e-4"), 1)
    }

    func testMoreThanTwoSignificantDecimalsAreRejected() {
        for literal in ["1.005", "0.001", "-3.141", "1e-3", "12345e-5", "123456789012345678901.234"] {
            XCTAssertThrowsError(try cents(literal), literal) { error in
                XCTAssertEqual(error as? JSONNumber.CentsError, .tooManyDecimals, literal)
            }
        }
    }

    func testCentsOverflow() throws {
        // Int64.max is 9223372036854775807, i.e. 92233720368547758.07 in cents.
        XCTAssertEqual(try cents("92233720368547758.07"), Int64.max)
        XCTAssertEqual(try cents("-92233720368547758.07"), -Int64.max)
        for literal in ["92233720368547758.08", "1e17", "1e999999999999", "100000000000000000000"] {
            XCTAssertThrowsError(try cents(literal), literal) { error in
                XCTAssertEqual(error as? JSONNumber.CentsError, .overflow, literal)
            }
        }
    }

    func testInt64AcceptsOnlyIntegerLiterals() throws {
        XCTAssertEqual(JSONNumber("42")?.int64(), 42)
        XCTAssertEqual(JSONNumber("-9223372036854775808")?.int64(), Int64.min)
        XCTAssertNil(JSONNumber("9223372036854775808")?.int64())
        XCTAssertNil(JSONNumber("2.0")?.int64())
        XCTAssertNil(JSONNumber("2e0")?.int64())
    }

    /// The byte-level readers give exactly what the literal's own methods give.
    func testLiteralBytesReadAsTheLiteral() throws {
        let literals = ["27.49", "0", "-0", "0.0", "-0.5", "1e2", "1E+2", "150e-2", "2.5e-1", "1.500", "1.005", "1e-3",
                        "92233720368547758.07", "92233720368547758.08", "-92233720368547758.07", "1e999999999999",
                        "42", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "2.0", "2e0",
                        "100000000000000000000"]
        for literal in literals {
            let number = try XCTUnwrap(JSONNumber(literal), literal)
            let bytes = Array(literal.utf8)
            XCTAssertEqual(JSONNumber.int64(literal: bytes.span), number.int64(), literal)
            let fromBytes: Result<Int64, JSONNumber.CentsError> = Result { () throws(JSONNumber.CentsError) in
                try JSONNumber.cents(literal: bytes.span)
            }
            let fromText: Result<Int64, JSONNumber.CentsError> = Result { () throws(JSONNumber.CentsError) in try number.cents() }
            XCTAssertEqual(fromBytes, fromText, literal)
        }
        XCTAssertEqual(JSONNumber.int64(literal: Array("-9223372036854775808".utf8).span), Int64.min)
        XCTAssertNil(JSONNumber.int64(literal: Array("-9223372036854775809".utf8).span))
        XCTAssertEqual(try JSONNumber.cents(literal: Array("12.34".utf8).span), 1234)
    }

    /// `double(literal:)` from bytes is bit for bit `Double(String)`: on the fast path's edges
    /// (2^53, 10^±22, 19 significant digits, signed zero), past them, and on random literals.
    func testDoubleFromLiteralBytesIsTheCorrectlyRoundedValue() throws {
        var literals = [
            "0", "-0", "0.0", "-0.0", "0e5", "-0e-5", "1", "-1", "48.1234", "-156.0502", "11887.2", "231.5", "0.1", "0.3",
            "9007199254740992", "9007199254740993", "9007199254740991.5", "1e22", "1e23", "1e-22", "1e-23", "123456789012345e-22",
            "1234567890123456789", "12345678901234567890", "0.000000000000000000000000001", "1.7976931348623157e308",
            "4.9e-324", "2.2250738585072014e-308", "1e-400", "3.14159265358979323846264338327950288", "100000000000000000000000",
            "1.000000000000000000000", "5e-1", "-2.5E+3", "123.456e2", "0.0000001234", "1E0", "7e+22", "9.999999999999999e22",
        ]
        var random = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let digits = random.int(19) + 1
            var text = random.int(2) == 0 ? "" : "-"
            text += String(random.int(9) + 1)
            for _ in 1..<digits { text += String(random.int(10)) }
            let point = random.int(digits) + 1  // digits before the decimal point
            if point < digits { text.insert(".", at: text.index(text.endIndex, offsetBy: -(digits - point))) }
            if random.int(3) == 0 { text += "e" + String(random.int(61) - 30) }
            literals.append(text)
        }
        for literal in literals {
            let expected = try XCTUnwrap(JSONNumber(literal), literal).double()
            let actual = JSONNumber.double(literal: Array(literal.utf8).span)
            XCTAssertEqual(actual?.bitPattern, expected?.bitPattern, literal)
        }
        XCTAssertNil(JSONNumber.double(literal: Array("1e400".utf8).span))
        XCTAssertNil(JSONNumber.double(literal: Array("-1e99999999999999999999".utf8).span))
        XCTAssertEqual(JSONNumber.double(literal: Array("-0".utf8).span)?.sign, .minus)
    }

    func testDouble() {
        XCTAssertEqual(JSONNumber("27.49")?.double(), 27.49)
        XCTAssertEqual(JSONNumber("-1.5e3")?.double(), -1500)
        XCTAssertEqual(JSONNumber("5e-324")?.double(), .leastNonzeroMagnitude)
        XCTAssertNil(JSONNumber("1e400")?.double())
    }

    func testInitValidatesGrammar() {
        for valid in ["0", "-0", "1.5", "1e5", "1E-5", "-12.340e+07"] {
            XCTAssertNotNil(JSONNumber(valid), valid)
        }
        for invalid in ["", "+1", "01", "1.", ".5", "1e", "-", " 1", "1 ", "NaN", "Infinity", "0x10", "1,5"] {
            XCTAssertNil(JSONNumber(invalid), invalid)
        }
    }

    func testLiteralIsKeptExactly() throws {
        var reader = JSONReader(Array("1.500".utf8))
        guard case let .number(number)? = try reader.next() else { return XCTFail("expected a number") }
        XCTAssertEqual(number.literal, "1.500")
    }
}
