import CSQLite

extension SQLite.Connection {
    /// Defines the SQL function `name(text)` on this connection: the 32 bytes of a SHA-256
    /// written as 64 lower-case hex characters (`sha256sum`'s form), as a BLOB. Any other
    /// value makes the statement fail, naming it, rather than store something that is not a
    /// hash. SQLite 3.40 has no `unhex()`; migrations that turn hex columns into blobs use this.
    public func defineHexDigestFunction(named name: String) throws(SQLite.Error) {
        let code = sqlite3_create_function_v2(
            handle, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, _, arguments in
                guard let context, let argument = arguments?[0] else { return }
                let count = Int(sqlite3_value_bytes(argument))
                guard sqlite3_value_type(argument) == SQLITE_TEXT, count == 64, let text = sqlite3_value_text(argument) else {
                    let shown = sqlite3_value_text(argument).map { String(cString: $0) } ?? "NULL"
                    sqlite3_result_error(context, "not a lower-case hex SHA-256: '\(shown.prefix(80))'", -1)
                    return
                }
                var digest = [UInt8](repeating: 0, count: 32)
                for i in 0..<32 {
                    guard let high = hexDigitValue(text[2 * i]), let low = hexDigitValue(text[2 * i + 1]) else {
                        let shown = String(cString: text)
                        sqlite3_result_error(context, "not a lower-case hex SHA-256: '\(shown.prefix(80))'", -1)
                        return
                    }
                    digest[i] = high << 4 | low
                }
                digest.withUnsafeBytes { bytes in
                    sqlite3_result_blob(context, bytes.baseAddress, 32, transientDestructor)
                }
            },
            nil, nil, nil)
        guard code == SQLITE_OK else {
            throw SQLite.Error(connection: handle, code: code, sql: "function \(name)")
        }
    }
}

/// The value of one lower-case hex digit; nil for any other character.
private func hexDigitValue(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
    default: return nil
    }
}
