// Splitting NDJSON (one JSON document per line) into lines, keeping line numbers for errors.

/// The non-blank lines of an NDJSON input, each with its 1-based line number.
///
/// Lines end with LF; a CR before the LF is dropped. A last line without LF is included.
/// Lines that are empty or hold only spaces and tabs are skipped, as NDJSON readers usually
/// do. Each line is meant to be handed to `JSONReader`.
public struct NDJSONLines: Sequence, IteratorProtocol, Sendable {
    public typealias Element = (lineNumber: Int, bytes: ArraySlice<UInt8>)

    private let bytes: [UInt8]
    private var index = 0
    private var lineNumber = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func next() -> Element? {
        while index < bytes.count {
            lineNumber += 1
            let start = index
            var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            index = end < bytes.count ? end + 1 : end
            if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = bytes[start..<end]
            if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) {
                return (lineNumber, line)
            }
        }
        return nil
    }
}
