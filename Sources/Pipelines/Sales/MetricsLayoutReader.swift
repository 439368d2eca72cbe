// Reading a metrics file in the one layout its writer produces, in a single pass over the
// bytes: members in the writer's order, each value of the writer's type, taken straight from
// the JSON reader's view of the input into the metrics' fields. No `JSONValue` tree is built
// and no key or number becomes a `String`; only the text fields of the metrics do.
//
// A build reads each metrics file many times (one insights target reads about 160 of them), so
// this is the common case. Anything else, a file edited by hand into another member order or a
// malformed one, is read by `SalesJSON`, which accepts any member order and says exactly what is
// wrong, so errors are those of the general reader. This path accepts only documents that
// `SalesJSON` accepts too, with the same values: the reader checks the whole input to its end,
// every object holds exactly the writer's keys, once each (so no key is duplicated), and every
// field goes through the conversions `SalesJSON` uses (`JSONNumber.int64(literal:)`,
// `JSONNumber.cents(literal:)`, strings decoded from the same UTF-8).

import LakeFormats

/// A pull reader that expects the token sequence of one metrics writer and stops at the first
/// difference.
struct MetricsLayoutReader {
    /// The input is not in the writer's layout (or not JSON at all): read it with `SalesJSON`,
    /// which says what is wrong if anything is.
    struct Deviation: Error {}

    private var reader: JSONReader

    private init(_ bytes: [UInt8]) { reader = JSONReader(bytes) }

    /// The value `body` reads from the whole of `bytes`, or nil when the document deviates from
    /// what `body` expects or has anything after it.
    static func read<Value>(_ bytes: [UInt8], _ body: (inout MetricsLayoutReader) throws(Deviation) -> Value) -> Value? {
        var layout = MetricsLayoutReader(bytes)
        guard let value = try? body(&layout) else { return nil }
        do {
            guard try layout.reader.nextKind() == nil else { return nil }
        } catch {
            return nil
        }
        return value
    }

    /// The kind of the next token; the end of the document or invalid JSON is a deviation.
    mutating func next() throws(Deviation) -> JSONTokenKind {
        do {
            if let kind = try reader.nextKind() { return kind }
        } catch {}
        throw Deviation()
    }

    /// Reads the next token, which must be `kind`.
    mutating func expect(_ kind: JSONTokenKind) throws(Deviation) {
        guard try next() == kind else { throw Deviation() }
    }

    /// Reads the next member's key, which must be `name`.
    mutating func key(_ name: String) throws(Deviation) {
        try expect(.key)
        guard reader.withText({ text in Self.equal(text, name.utf8Span.span) }) else { throw Deviation() }
    }

    /// Reads the first token of the next array element: false at the end of the array, else
    /// true once it has checked that the element starts with `kind`.
    mutating func nextElement(_ kind: JSONTokenKind) throws(Deviation) -> Bool {
        let token = try next()
        if token == .endArray { return false }
        guard token == kind else { throw Deviation() }
        return true
    }

    // MARK: - Values

    mutating func string() throws(Deviation) -> String {
        try expect(.string)
        return currentString
    }

    mutating func int() throws(Deviation) -> Int64 {
        try expect(.number)
        guard let value = reader.withText({ JSONNumber.int64(literal: $0) }) else { throw Deviation() }
        return value
    }

    mutating func cents() throws(Deviation) -> Int64 {
        try expect(.number)
        guard let value = reader.withText({ try? JSONNumber.cents(literal: $0) }) else { throw Deviation() }
        return value
    }

    /// An array of strings.
    mutating func strings() throws(Deviation) -> [String] {
        try expect(.beginArray)
        var out: [String] = []
        while try nextElement(.string) { out.append(currentString) }
        return out
    }

    /// An array of amounts.
    mutating func centsArray() throws(Deviation) -> [Int64] {
        try expect(.beginArray)
        var out: [Int64] = []
        while try nextElement(.number) {
            guard let value = reader.withText({ try? JSONNumber.cents(literal: $0) }) else { throw Deviation() }
            out.append(value)
        }
        return out
    }

    // MARK: - Members written but not read back

    // Averages, net sales and the like are derived from the fields read; the file carries them
    // for its other readers (people, QuickSight). Their type is still checked, so that a file
    // this path accepts has the writer's shape throughout.

    /// Reads past a number member named `name`.
    mutating func skipNumber(_ name: String) throws(Deviation) {
        try key(name)
        try expect(.number)
    }

    /// Reads past a boolean member named `name`.
    mutating func skipBool(_ name: String) throws(Deviation) {
        try key(name)
        guard case .bool = try next() else { throw Deviation() }
    }

    /// Reads past a member named `name` holding an array of strings.
    mutating func skipStrings(_ name: String) throws(Deviation) {
        try key(name)
        try expect(.beginArray)
        while try nextElement(.string) {}
    }

    // MARK: - Bytes

    /// The text of the string token just read.
    private var currentString: String {
        reader.withText { text in text.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }
    }

    private static func equal(_ a: Span<UInt8>, _ b: Span<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i] != b[i] { return false }
        return true
    }
}
