// Store id and business date come only from an upload's file name (sales.md §1). `ingest`
// uses the same check as the rules' pattern so a file it accepts is never unmatched.

import LakeBuild

/// The parts of a valid upload name `store_NNNN_YYYY-MM-DD.json`.
public struct SalesUploadName: Sendable, Equatable {
    /// Four digits, e.g. `0003`.
    public let storeID: String
    public let date: CalendarDate

    /// Parses a bare file name; nil unless it matches `^store_(\d{4})_(\d{4}-\d{2}-\d{2})\.json$`
    /// with a real calendar date.
    public init?(fileName: String) {
        let b = Array(fileName.utf8)
        guard b.count == 26, fileName.hasPrefix("store_"), fileName.hasSuffix(".json"), b[10] == UInt8(ascii: "_"),
              Digits.value(b[6..<10]) != nil,
              let date = CalendarDate(String(decoding: b[11..<21], as: UTF8.self)) else { return nil }
        self.storeID = String(decoding: b[6..<10], as: UTF8.self)
        self.date = date
    }

    /// The file name, `store_0003_2025-11-20.json`.
    public var fileName: String { "store_\(storeID)_\(date.text).json" }

    /// Where the upload lives in the lake.
    public var rawPath: String { "raw/sales/" + fileName }
}
