// What the writer needs from the shared value model: cutting a column's values into pages.

extension ColumnValues {
    /// The values at `range`, in the same case.
    func slice(_ range: Range<Int>) -> ColumnValues {
        switch self {
        case let .boolean(values): return .boolean(Array(values[range]))
        case let .int32(values): return .int32(Array(values[range]))
        case let .int64(values): return .int64(Array(values[range]))
        case let .int96(values): return .int96(Array(values[range]))
        case let .float(values): return .float(Array(values[range]))
        case let .double(values): return .double(Array(values[range]))
        case let .byteArray(values): return .byteArray(Array(values[range]))
        case let .fixedLenByteArray(values): return .fixedLenByteArray(Array(values[range]))
        }
    }

    /// The physical type whose values this case holds.
    var physicalType: PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .int96: return .int96
        case .float: return .float
        case .double: return .double
        case .byteArray: return .byteArray
        case .fixedLenByteArray: return .fixedLenByteArray
        }
    }

    /// PLAIN size of the value at `index`, used to cut pages and row groups by size.
    func plainSize(at index: Int) -> Int {
        switch self {
        case .boolean: return 1
        case .int32, .float: return 4
        case .int64, .double: return 8
        case .int96: return 12
        case let .byteArray(values): return 4 + values[index].count
        case let .fixedLenByteArray(values): return values[index].count
        }
    }
}
