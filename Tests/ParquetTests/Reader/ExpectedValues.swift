import Foundation
@testable import Parquet

/// Loads the independent expected contents of the conformance files (pyarrow dumps in
/// `expected/*.jsonl`, upstream `*_expect.csv`) and compares `ParquetValue`s with them.
enum ExpectedValues {
    /// Header line and rows of an `expected/<name>.jsonl` file.
    struct JSONLines {
        let columnNames: [String]
        /// Arrow type text per top-level column, e.g. `timestamp[ns]`.
        let arrowTypes: [String: String]
        let rows: [[String: Any]]
    }

    static func jsonLines(_ name: String) throws -> JSONLines {
        let text = try String(contentsOf: FixtureFiles.url("expected/\(name).jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        guard let first = lines.first,
              let header = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
              let schema = header["arrow_schema"] as? [String] else {
            throw ExpectationError.malformed(name)
        }
        var names: [String] = []
        var types: [String: String] = [:]
        for entry in schema {
            guard let colon = entry.range(of: ": ") else { continue }
            let column = String(entry[..<colon.lowerBound])
            names.append(column)
            types[column] = String(entry[colon.upperBound...])
        }
        let rows = try lines.dropFirst().map { line -> [String: Any] in
            guard let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ExpectationError.malformed(name)
            }
            return row
        }
        return JSONLines(columnNames: names, arrowTypes: types, rows: rows)
    }

    enum ExpectationError: Error { case malformed(String) }

    /// Describes the first difference between `value` and the JSON `expected`, or nil when equal.
    /// `arrowType` is the column's Arrow type, which fixes the unit timestamps are shown in.
    static func difference(_ value: ParquetValue, _ expected: Any, arrowType: String, path: String) -> String? {
        func mismatch() -> String { "\(path): got \(value), expected \(expected)" }
        switch value {
        case .null:
            return expected is NSNull ? nil : mismatch()
        case let .bool(flag):
            return (expected as? NSNumber)?.boolValue == flag && !(expected is String) ? nil : mismatch()
        case let .int32(number):
            return (expected as? NSNumber)?.int64Value == Int64(number) ? nil : mismatch()
        case let .int64(number), let .time(number, _):
            return (expected as? NSNumber)?.int64Value == number ? nil : mismatch()
        case let .date(days):
            return (expected as? NSNumber)?.int64Value == Int64(days) ? nil : mismatch()
        case let .uint64(number):
            return (expected as? NSNumber)?.uint64Value == number ? nil : mismatch()
        case let .float(number):
            return sameDouble(Double(number), expected) ? nil : mismatch()
        case let .double(number):
            return sameDouble(number, expected) ? nil : mismatch()
        case let .timestamp(number, unit, _):
            return (expected as? NSNumber)?.int64Value == scaled(number, from: unit, toArrowType: arrowType) ? nil : mismatch()
        case let .string(text), let .decimal(text):
            return (expected as? String) == text ? nil : mismatch()
        case let .bytes(bytes):
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            return ((expected as? [String: Any])?["hex"] as? String) == hex ? nil : mismatch()
        case let .list(items):
            guard let array = expected as? [Any], array.count == items.count else { return mismatch() }
            for (index, item) in items.enumerated() {
                if let found = difference(item, array[index], arrowType: arrowType, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case let .map(entries):
            guard let array = expected as? [Any], array.count == entries.count else { return mismatch() }
            for (index, entry) in entries.enumerated() {
                guard let pair = array[index] as? [Any], pair.count == 2 else { return mismatch() }
                if let found = difference(entry.key, pair[0], arrowType: arrowType, path: "\(path){\(index)}.key")
                    ?? difference(entry.value, pair[1], arrowType: arrowType, path: "\(path){\(index)}.value") {
                    return found
                }
            }
            return nil
        case let .struct(members):
            guard let object = expected as? [String: Any], object.count == members.count else { return mismatch() }
            for member in members {
                guard let field = object[member.name] else { return "\(path).\(member.name): missing in expected" }
                if let found = difference(member.value, field, arrowType: arrowType, path: "\(path).\(member.name)") { return found }
            }
            return nil
        }
    }

    private static func sameDouble(_ number: Double, _ expected: Any) -> Bool {
        if let text = expected as? String {
            switch text {
            case "NaN": return number.isNaN
            case "Infinity": return number == .infinity
            case "-Infinity": return number == -.infinity
            default: return false
            }
        }
        // Parse the number's own text: Foundation may hold it as a decimal, whose doubleValue can
        // differ from the correctly rounded double in the last bit.
        guard let numeric = expected as? NSNumber, let parsed = Double(numeric.description) else { return false }
        return parsed == number
    }

    /// A timestamp in `unit` converted to the unit of an Arrow type like `timestamp[ns]`.
    private static func scaled(_ number: Int64, from unit: TimeUnit, toArrowType arrowType: String) -> Int64 {
        let perSecond: [TimeUnit: Int64] = [.millis: 1_000, .micros: 1_000_000, .nanos: 1_000_000_000]
        let target: Int64
        if arrowType.hasPrefix("timestamp[ns") { target = 1_000_000_000 }
        else if arrowType.hasPrefix("timestamp[ms") { target = 1_000 }
        else if arrowType.hasPrefix("timestamp[s") { target = 1 }
        else { target = 1_000_000 }
        let source = perSecond[unit] ?? 1
        return target >= source ? number &* (target / source) : number / (source / target)
    }

    // MARK: CSV

    /// Rows of an upstream `*_expect.csv`: each cell is its text, or nil for an unquoted empty cell.
    static func csvRows(_ name: String) throws -> [[String?]] {
        let text = try String(contentsOf: FixtureFiles.url(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map(parseCSVLine)
    }

    private static func parseCSVLine(_ line: Substring) -> [String?] {
        var cells: [String?] = []
        var current = ""
        var quoted = false
        var inQuotes = false
        var characters = Array(line)
        if characters.last == "\r" { characters.removeLast() }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if inQuotes {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        current.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
                quoted = true
            } else if character == "," {
                cells.append(quoted || !current.isEmpty ? current : nil)
                current = ""
                quoted = false
            } else {
                current.append(character)
            }
            index += 1
        }
        cells.append(quoted || !current.isEmpty ? current : nil)
        return cells
    }

    /// The CSV text form of a flat value (nil for null).
    static func csvText(_ value: ParquetValue) -> String? {
        switch value {
        case .null: return nil
        case let .int32(number): return String(number)
        case let .int64(number): return String(number)
        case let .uint64(number): return String(number)
        case let .string(text), let .decimal(text): return text
        case let .bytes(bytes): return String(decoding: bytes, as: UTF8.self)
        case let .bool(flag): return flag ? "true" : "false"
        default: return "\(value)"
        }
    }
}
