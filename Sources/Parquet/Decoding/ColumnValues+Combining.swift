// Operations the page reader needs on typed value arrays: looking up dictionary indices and
// concatenating the values of successive pages.

extension ColumnValues {
    /// The values at `indices`, each checked against `count` (a corrupt index must not trap).
    func gathering(_ indices: [UInt32], column: String) throws -> ColumnValues {
        let limit = count
        for index in indices where Int(index) >= limit {
            throw ParquetError.corruptPage(column: column, reason: "dictionary index \(index) outside a dictionary of \(limit)")
        }
        func pick<T>(_ values: [T]) -> [T] { indices.map { values[Int($0)] } }
        switch self {
        case let .boolean(values): return .boolean(pick(values))
        case let .int32(values): return .int32(pick(values))
        case let .int64(values): return .int64(pick(values))
        case let .int96(values): return .int96(pick(values))
        case let .float(values): return .float(pick(values))
        case let .double(values): return .double(pick(values))
        case let .byteArray(values): return .byteArray(pick(values))
        case let .fixedLenByteArray(values): return .fixedLenByteArray(pick(values))
        }
    }

    /// Appends `other`, which must hold the same physical type.
    mutating func append(_ other: ColumnValues, column: String) throws {
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
