// Reference tables arrive in their publishers' formats: OurAirports and the airline list are
// plain CSV, the newer OpenSky aircraft database quotes every header and value in single
// quotes (read by `SingleQuotedCSV`). Header names are matched after lower-casing, so both
// spellings of a column (`manufacturerName`, `manufacturername`) are the same column.

import LakeFormats

/// A parsed reference CSV with columns looked up by normalised name.
struct ReferenceCSV {
    let path: String
    let table: CSVTable
    private let normalisedHeader: [String]

    init(path: String, bytes: [UInt8]) throws(FlightsError) {
        self.path = path
        if SingleQuotedCSV.applies(to: bytes) {
            table = SingleQuotedCSV.parse(bytes)
        } else {
            do { table = try CSVReader.parse(bytes) } catch {
                throw .unreadableReference(path: path, reason: "\(error)")
            }
        }
        normalisedHeader = table.header.map { Self.unquote($0).lowercased() }
    }

    /// The index of the first column named any of `names` (normalised), if present.
    func column(_ names: String...) -> Int? {
        for name in names { if let i = normalisedHeader.firstIndex(of: name) { return i } }
        return nil
    }

    /// Like `column`, but the column must exist.
    func requiredColumn(_ name: String) throws(FlightsError) -> Int {
        guard let index = column(name) else { throw .missingReferenceColumn(path: path, column: name) }
        return index
    }

    /// The field at `index` of `record`, unquoted and trimmed, nil when empty or absent.
    static func field(_ record: CSVRecord, _ index: Int?) -> String? {
        guard let index, index < record.fields.count else { return nil }
        let value = unquote(record.fields[index]).trimmedSpaces
        return value.isEmpty ? nil : value
    }

    static func unquote(_ text: String) -> String {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") { return String(text.dropFirst().dropLast()) }
        return text
    }
}

