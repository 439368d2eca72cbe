// The newer OpenSky aircraft database puts every header name and value in single quotes and
// does not escape what is inside: `'Cessna Aircraft Company, The'`, `'O'Hare Flying Club'`. As
// RFC 4180 CSV (double quotes) those commas would split values and shift every column after
// them. Read here with the one rule that file allows: a value that opens with `'` runs to the
// first `'` followed by a comma or the end of the line; any other `'` belongs to the value.

import LakeFormats

enum SingleQuotedCSV {
    /// True when the file is in this format: its first byte (after a UTF-8 byte-order mark) is `'`.
    static func applies(to bytes: [UInt8]) -> Bool {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes.count > start && bytes[start] == UInt8(ascii: "'")
    }

    /// The header (first non-empty line) and every other non-empty line, values without their
    /// quotes. Records may be narrower or wider than the header; readers look fields up by index.
    static func parse(_ bytes: [UInt8]) -> CSVTable {
        var records: [CSVRecord] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while index < bytes.count {
            let (fields, next, lines) = record(bytes, from: index)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(fields: fields, line: line)) }
            line += lines
            index = next
        }
        guard let header = records.first else { return CSVTable(header: [], rows: []) }
        return CSVTable(header: header.fields, rows: Array(records.dropFirst()))
    }

    /// One record from `start`: its fields, the offset after its line end, and the number of
    /// line ends it consumed (quoted values may hold some).
    private static func record(_ bytes: [UInt8], from start: Int) -> ([String], Int, Int) {
        let quote = UInt8(ascii: "'"), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        func endsValue(_ i: Int) -> Bool {
            i >= bytes.count || bytes[i] == comma || bytes[i] == lf || (bytes[i] == cr && (i + 1 >= bytes.count || bytes[i + 1] == lf))
        }
        var fields: [String] = []
        var i = start
        var lines = 0
        while true {
            var value: ArraySlice<UInt8>
            if i < bytes.count && bytes[i] == quote {
                let open = i + 1
                var close = open
                while close < bytes.count && !(bytes[close] == quote && endsValue(close + 1)) {
                    if bytes[close] == lf { lines += 1 }
                    close += 1
                }
                value = bytes[open..<min(close, bytes.count)]
                i = min(close + 1, bytes.count)
            } else {
                let open = i
                while !endsValue(i) { i += 1 }
                value = bytes[open..<i]
            }
            fields.append(String(decoding: value, as: UTF8.self))
            if i < bytes.count && bytes[i] == comma {
                i += 1
                continue
            }
            if i < bytes.count && bytes[i] == cr { i += 1 }
            if i < bytes.count && bytes[i] == lf { i += 1 }
            return (fields, i, lines + 1)
        }
    }
}
