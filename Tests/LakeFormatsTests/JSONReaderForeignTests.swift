import Foundation
import XCTest
@testable import LakeFormats

/// Random valid documents, written as text by a seeded generator, must parse to the same
/// values with `JSONValue.parse` as with Foundation's JSONSerialization.
final class JSONReaderForeignTests: XCTestCase {
    func testRandomDocumentsAgreeWithJSONSerialization() throws {
        var generator = SplitMix64(seed: 20_251_029)
        for round in 0..<300 {
            var text = ""
            appendRandomValue(to: &text, depth: 0, using: &generator)
            let ours = try JSONValue.parse(Array(text.utf8))
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            XCTAssertTrue(matches(ours, theirs), "round \(round): \(text)")
        }
    }

    private func whitespace(_ generator: inout SplitMix64) -> String {
        ["", "", " ", "\n  ", "\t", "\r\n"][Int(generator.next() % 6)]
    }

    private func appendRandomValue(to text: inout String, depth: Int, using generator: inout SplitMix64) {
        text += whitespace(&generator)
        let kind = depth > 4 ? 3 + Int(generator.next() % 5) : Int(generator.next() % 8)
        switch kind {
        case 0, 1:
            text += "["
            let count = Int(generator.next() % 4)
            for index in 0..<count {
                if index > 0 { text += "," }
                appendRandomValue(to: &text, depth: depth + 1, using: &generator)
            }
            text += whitespace(&generator) + "]"
        case 2:
            text += "{"
            let count = Int(generator.next() % 4)
            for index in 0..<count {
                if index > 0 { text += "," }
                text += whitespace(&generator) + "\"k\(index)" + randomStringBody(&generator) + "\"" + whitespace(&generator) + ":"
                appendRandomValue(to: &text, depth: depth + 1, using: &generator)
            }
            text += whitespace(&generator) + "}"
        case 3, 4:
            text += "\"" + randomStringBody(&generator) + "\""
        case 5:
            text += randomNumber(&generator)
        case 6:
            text += generator.next() % 2 == 0 ? "true" : "false"
        default:
            text += "null"
        }
        text += whitespace(&generator)
    }

    private func randomStringBody(_ generator: inout SplitMix64) -> String {
        let pieces = ["a", "Z", " ", "é", "€", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\u0000"]
        return (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    private func randomNumber(_ generator: inout SplitMix64) -> String {
        let sign = generator.next() % 3 == 0 ? "-" : ""
        let integer = generator.next() % 4 == 0 ? "0" : String(1 + generator.next() % 999_999)
        let fraction = generator.next() % 2 == 0 ? "" : "." + String(generator.next() % 1000)
        let exponent = generator.next() % 4 == 0 ? ["e", "E", "e+", "e-"][Int(generator.next() % 4)] + String(generator.next() % 20) : ""
        return sign + integer + fraction + exponent
    }

    private func matches(_ value: JSONValue, _ object: Any) -> Bool {
        switch value {
        case let .object(members):
            guard let dictionary = object as? [String: Any], dictionary.count == members.count else { return false }
            return members.allSatisfy { member in dictionary[member.key].map { matches(member.value, $0) } ?? false }
        case let .array(elements):
            guard let array = object as? [Any], array.count == elements.count else { return false }
            return zip(elements, array).allSatisfy { matches($0, $1) }
        case let .string(text):
            return object as? String == text
        case let .number(number):
            guard let other = object as? NSNumber, let double = number.double() else { return false }
            return other.doubleValue == double
        case let .bool(flag):
            return object as? Bool == flag
        case .null:
            return object is NSNull
        }
    }
}
