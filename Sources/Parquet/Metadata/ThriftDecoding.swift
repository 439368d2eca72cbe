// Small shared steps of metadata decoding: required-field checks and enum conversion.

extension Optional {
    /// The wrapped value, or `ParquetError.missingField` naming the struct and field.
    func required(_ structName: String, _ field: String) throws(ParquetError) -> Wrapped {
        guard let value = self else { throw ParquetError.missingField(structName: structName, field: field) }
        return value
    }
}

extension ThriftCompactReader {
    /// Reads an i32 enum value that must be one of `T`'s cases.
    mutating func readClosedEnum<T: RawRepresentable>(_: T.Type, _ what: String) throws(ParquetError) -> T where T.RawValue == Int32 {
        let start = offset
        let raw = try readI32()
        guard let value = T(rawValue: raw) else {
            throw ParquetError.invalidThrift(offset: start, reason: "unknown \(what) \(raw)")
        }
        return value
    }
}
