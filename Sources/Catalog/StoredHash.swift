import LakeFormats

/// How the catalog stores a SHA-256 since schema version 4: its 32 bytes as a BLOB, where the
/// Swift API (and `sha256sum`) speaks 64 lower-case hex characters. Converting at the edge of
/// the module keeps every record type and every caller as they were, and halves each hash on
/// disk (and in every index that holds one).
enum StoredHash {
    /// The bytes a hash stands for. Throws `.notAHash` for anything but 64 lower-case hex
    /// characters: the catalog stores nothing it could not give back unchanged.
    static func bytes(ofHex hex: String) throws(CatalogError) -> [UInt8] {
        guard let digest = SHA256.digest(ofHex: hex) else { throw CatalogError.notAHash(value: hex) }
        return digest
    }

    /// Binds `hex` as its 32 bytes to parameter `index`.
    static func bind(_ hex: String, to statement: SQLite.Statement, at index: Int32) throws {
        try statement.bind(try bytes(ofHex: hex), at: index)
    }

    /// The 32-byte BLOB in column `index`, as lower-case hex. A value of another type or
    /// length (possible only in a file edited by hand) is reported, not guessed at.
    static func hex(_ row: SQLite.Statement, at index: Int32, table: String, column: String) throws -> String {
        let text: String? = try row.withBlobBytes(at: index) { bytes in
            guard bytes.count == SHA256.digestByteCount else { return nil }
            return hex(bytes)
        }
        guard let text else {
            throw CatalogError.unexpectedValue(table: table, column: column, value: "a blob of another length than 32 bytes")
        }
        return text
    }

    /// Lower-case hex of `bytes`, written straight into the string's storage.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
            for (offset, byte) in bytes.enumerated() {
                text[2 * offset] = hexDigits[Int(byte >> 4)]
                text[2 * offset + 1] = hexDigits[Int(byte & 0x0f)]
            }
            return 2 * bytes.count
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
