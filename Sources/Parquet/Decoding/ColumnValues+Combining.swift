// Concatenating the boxed values of successive row groups or pages (a convenience for callers
// of the boxed API; the reader itself appends `ColumnBuffer`s).

extension ColumnValues {
    /// Appends `other`, which must hold the same physical type.
    mutating func append(_ other: ColumnValues, column: String) throws(ParquetError) {
        switch (self, other) {
        case let (.boolean(a), .boolean(b)): self = .boolean(a + b)
        case let (.int32(a), .int32(b)): self = .int32(a + b)
        case let (.int64(a), .int64(b)): self = .int64(a + b)
        case let (.int96(a), .int96(b)): self = .int96(a + b)
        case let (.float(a), .float(b)): self = .float(a + b)
        case let (.double(a), .double(b)): self = .double(a + b)
        case let (.byteArray(a), .byteArray(b)): self = .byteArray(a + b)
        case let (.fixedLenByteArray(a), .fixedLenByteArray(b)): self = .fixedLenByteArray(a + b)
        default:
            throw ParquetError.corruptPage(column: column, reason: "pages decode to different physical types")
        }
    }
}
