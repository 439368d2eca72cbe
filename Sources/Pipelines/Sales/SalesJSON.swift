// Reading back the JSON files the sales actions write (metrics, insights). They are inputs of
// later rules, so a file edited by hand into another shape gives a clear error, never a trap.

import LakeFormats

/// A JSON object read from a sales output, with typed, checked member access.
struct SalesJSON {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// Parses a whole file.
    init(bytes: [UInt8], path: String) throws(SalesError) {
        do { value = try JSONValue.parse(bytes) } catch { throw .unexpectedJSON(path: path, reason: error.description) }
        self.path = path
    }

    private func fail(_ key: String, _ what: String) -> SalesError {
        .unexpectedJSON(path: path, reason: "\(key) must be \(what)")
    }

    func member(_ key: String) throws(SalesError) -> JSONValue {
        guard let v = value[key] else { throw .unexpectedJSON(path: path, reason: "member \(key) is missing") }
        return v
    }

    func string(_ key: String) throws(SalesError) -> String {
        guard case .string(let s) = try member(key) else { throw fail(key, "a string") }
        return s
    }

    func int(_ key: String) throws(SalesError) -> Int64 {
        guard case .number(let n) = try member(key), let i = n.int64() else { throw fail(key, "an integer") }
        return i
    }

    func cents(_ key: String) throws(SalesError) -> Int64 {
        guard case .number(let n) = try member(key), let c = try? n.cents() else { throw fail(key, "an amount with 2 decimals") }
        return c
    }

    func double(_ key: String) throws(SalesError) -> Double {
        guard case .number(let n) = try member(key), let d = n.double() else { throw fail(key, "a number") }
        return d
    }

    func bool(_ key: String) throws(SalesError) -> Bool {
        guard case .bool(let b) = try member(key) else { throw fail(key, "true or false") }
        return b
    }

    func objects(_ key: String) throws(SalesError) -> [SalesJSON] {
        guard case .array(let items) = try member(key) else { throw fail(key, "an array") }
        return items.map { SalesJSON($0, path: path) }
    }

    func object(_ key: String) throws(SalesError) -> SalesJSON { SalesJSON(try member(key), path: path) }

    func strings(_ key: String) throws(SalesError) -> [String] {
        guard case .array(let items) = try member(key) else { throw fail(key, "an array of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw fail(key, "an array of strings") }
            out.append(s)
        }
        return out
    }

    func centsArray(_ key: String) throws(SalesError) -> [Int64] {
        guard case .array(let items) = try member(key) else { throw fail(key, "an array of amounts") }
        var out: [Int64] = []
        for item in items {
            guard case .number(let n) = item, let c = try? n.cents() else { throw fail(key, "an array of amounts") }
            out.append(c)
        }
        return out
    }
}
