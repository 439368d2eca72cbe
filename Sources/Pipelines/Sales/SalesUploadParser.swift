// Validation of one store-day upload against the input contract (sales.md §1), in one
// streaming pass of the byte-level JSON reader: the array is never built as a tree, and no
// value becomes a `String`. Each field goes from the JSON bytes straight into its column of
// `SalesColumns`: strings are appended to the column's byte buffer (their one copy), money
// is read from the literal's digits into integer cents, timestamps are parsed from the bytes.
//
// Design decisions:
// - Every field problem is collected (with line, column and JSON path) and parsing goes on,
//   so a user fixes a file in one round; the first 100 are kept with the total count.
//   Messages and paths are made as text only for those errors.
// - A JSON syntax error ends the pass: after it, positions mean nothing.
// - Missing fields are reported at the item's opening brace, since they have no position.
// - A file with any error is rejected whole; nothing from it reaches Parquet. So a field is
//   appended as soon as it is checked: in an item without errors each of the ten columns
//   grows by exactly one value, whatever the order of its members, and once an error is
//   found the columns are never used.

import LakeBuild
import LakeFormats
import Parquet

/// Reads and validates an upload, producing its line items column by column.
public struct SalesUploadParser {
    /// The ten fields, in input (and Parquet) order.
    public static let fieldNames = [
        "transaction_id", "transaction_timestamp", "item_sku", "item_name", "quantity",
        "unit_price", "line_total", "discount_amount", "payment_method", "customer_id",
    ]

    /// The field names' UTF-8, for matching keys without making Strings.
    static let fieldTable = ByteArrayBuffer(fieldNames.map { Array($0.utf8) })

    /// The largest amount a DECIMAL(10,2) column holds, in cents.
    static let maxCents: Int64 = 9_999_999_999

    /// What one pass found: the items, or the errors (capped) and their total.
    public enum Outcome: Sendable {
        case items(SalesColumns)
        case invalid(errors: [RejectionDetail], total: Int)
    }

    var errors: [RejectionDetail] = []
    var total = 0
    var columns = SalesColumns()

    private init() {}

    /// Parses `bytes` as an upload.
    public static func parse(_ bytes: [UInt8]) -> Outcome {
        var parser = SalesUploadParser()
        parser.run(bytes)
        if parser.total > 0 { return .invalid(errors: parser.errors, total: parser.total) }
        assert(parser.columns.isRectangular, "an upload without errors fills every column equally")
        return .items(parser.columns)
    }

    mutating func record(_ location: JSONLocation, _ path: @autoclosure () -> String, _ message: @autoclosure () -> String) {
        total += 1
        if errors.count < 100 {
            errors.append(RejectionDetail(line: location.line, column: location.column, path: path(), message: message()))
        }
    }

    private mutating func run(_ bytes: [UInt8]) {
        var reader = JSONReader(bytes, maxDepth: 64)
        // About 300 bytes of pretty-printed JSON per line item: reserve once, not per doubling.
        columns.reserve(items: bytes.count / 256)
        do {
            guard let first = try reader.nextKind() else { return }
            guard case .beginArray = first else {
                record(reader.location, "$", "an upload must be a JSON array of line items")
                return
            }
            let arrayStart = reader.location
            var index = 0
            while let token = try reader.nextKind() {
                switch token {
                case .endArray:
                    if index == 0 { record(arrayStart, "$", "an upload must hold at least one line item") }
                    _ = try reader.nextKind()
                    return
                case .beginObject:
                    try readItem(&reader, index: index)
                default:
                    record(reader.location, "$[\(index)]", "each line item must be a JSON object")
                    if case .beginArray = token { try skipRest(&reader) }
                }
                index += 1
            }
        } catch {
            record(error.location, error.path.description, error.message)
        }
    }

    /// Skips the remainder of a container whose opening token was just read.
    func skipRest(_ reader: inout JSONReader) throws(JSONError) {
        var depth = 1
        while depth > 0, let t = try reader.nextKind() {
            switch t {
            case .beginArray, .beginObject: depth += 1
            case .endArray, .endObject: depth -= 1
            default: break
            }
        }
    }
}
