// The hostile-input corpus: raw files that try to break the pipelines, each with the error it
// must produce. The cases are data, so a pipeline adds its own list (`HostileInput.sales`
// lives in `HostileInput+Sales.swift`) and `HostileInputTests` runs them all in one lake.

import Foundation

/// One bad raw file and the rejection it must get.
struct HostileInput {
    /// What lands in the lake.
    enum Content {
        /// A regular file with these bytes.
        case bytes([UInt8])
        /// A symbolic link to this absolute or relative target.
        case symlink(String)
    }

    /// The rejection file `rejected/<path under raw/>.error.json` it must get.
    enum Expected {
        /// Rejected by `rule`, the first error being `first`, `count` errors in all.
        case rejected(rule: String, first: ExpectedError, count: Int)
        /// No rule accepts the name.
        case unmatched
        /// A symbolic link out of the lake, never read.
        case escapingLink
        /// Read without a rejection file: whatever is wrong inside is judged row by row.
        case readable
    }

    /// One error of a rejection file; nil line/column/path means "absent".
    struct ExpectedError: Equatable, CustomStringConvertible {
        var line: Int?
        var column: Int?
        var path: String?
        var message: String

        var description: String { "\(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-") \(path ?? "-") \(message)" }
    }

    /// What the case is about, for failure messages.
    var title: String
    /// Lake-relative path, under `raw/`.
    var path: String
    var content: Content
    var expected: Expected

    init(_ title: String, path: String, _ content: Content, _ expected: Expected) {
        self.title = title
        self.path = path
        self.content = content
        self.expected = expected
    }

    /// A rejection by `rule` whose first error is at `line`:`column` (nil: the error has none).
    static func rejection(_ rule: String, _ line: Int?, _ column: Int?, _ path: String, _ message: String,
                          count: Int = 1) -> Expected {
        .rejected(rule: rule, first: ExpectedError(line: line, column: column, path: path, message: message), count: count)
    }

    init(_ title: String, path: String, text: String, _ expected: Expected) {
        self.init(title, path: path, .bytes(Array(text.utf8)), expected)
    }
}
