// The columnar form of a column's non-null values, which the writer encodes from and the reader
// decodes into: one contiguous array per fixed-width physical type, and `ByteArrayBuffer` (one
// values buffer plus offsets) for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY. Code that walks values
// switches on the case once per page or chunk and then loops over a plain array; nothing here
// holds a heap object per value.
//
// `ColumnValues` (one `[UInt8]` per byte string) stays as the convenience form of the public
// API; the two convert into each other at the API boundary.

/// The non-null values of one column in contiguous buffers, one case per physical type.
public enum ColumnBuffer: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([Int96])
    case float([Float])
    case double([Double])
    case byteArray(ByteArrayBuffer)
    /// Values of the column's declared width, stored like BYTE_ARRAY (offsets step by the width).
    case fixedLenByteArray(ByteArrayBuffer)

    /// The buffer form of `values` (one copy of the byte strings into a single buffer).
    public init(_ values: ColumnValues) {
        switch values {
        case let .boolean(items): self = .boolean(items)
        case let .int32(items): self = .int32(items)
        case let .int64(items): self = .int64(items)
        case let .int96(items): self = .int96(items)
        case let .float(items): self = .float(items)
        case let .double(items): self = .double(items)
        case let .byteArray(items): self = .byteArray(ByteArrayBuffer(items))
        case let .fixedLenByteArray(items): self = .fixedLenByteArray(ByteArrayBuffer(items))
        }
    }

    /// The boxed form, one `[UInt8]` per byte string.
    public var columnValues: ColumnValues {
        switch self {
        case let .boolean(items): return .boolean(items)
        case let .int32(items): return .int32(items)
        case let .int64(items): return .int64(items)
        case let .int96(items): return .int96(items)
        case let .float(items): return .float(items)
        case let .double(items): return .double(items)
        case let .byteArray(buffer): return .byteArray(buffer.arrays)
        case let .fixedLenByteArray(buffer): return .fixedLenByteArray(buffer.arrays)
        }
    }

    /// An empty buffer of `type`.
    public static func empty(_ type: PhysicalType) -> ColumnBuffer {
        switch type {
        case .boolean: return .boolean([])
        case .int32: return .int32([])
        case .int64: return .int64([])
        case .int96: return .int96([])
        case .float: return .float([])
        case .double: return .double([])
        case .byteArray: return .byteArray(ByteArrayBuffer())
        case .fixedLenByteArray: return .fixedLenByteArray(ByteArrayBuffer())
        }
    }

    /// Number of values.
    public var count: Int {
        switch self {
        case let .boolean(items): return items.count
        case let .int32(items): return items.count
        case let .int64(items): return items.count
        case let .int96(items): return items.count
        case let .float(items): return items.count
        case let .double(items): return items.count
        case let .byteArray(buffer), let .fixedLenByteArray(buffer): return buffer.count
        }
    }

    /// The physical type whose values this case holds.
    public var physicalType: PhysicalType {
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

    /// The values at `range`, in the same case.
    public func slice(_ range: Range<Int>) -> ColumnBuffer {
        switch self {
        case let .boolean(items): return .boolean(Array(items[range]))
        case let .int32(items): return .int32(Array(items[range]))
        case let .int64(items): return .int64(Array(items[range]))
        case let .int96(items): return .int96(Array(items[range]))
        case let .float(items): return .float(Array(items[range]))
        case let .double(items): return .double(Array(items[range]))
        case let .byteArray(buffer): return .byteArray(buffer.slice(range))
        case let .fixedLenByteArray(buffer): return .fixedLenByteArray(buffer.slice(range))
        }
    }

    /// The values of `ranges`, in order, as one buffer.
    public func slices(_ ranges: [Range<Int>]) -> ColumnBuffer {
        func join<T>(_ items: [T]) -> [T] { ranges.reduce(into: [T]()) { $0 += items[$1] } }
        func join(_ buffer: ByteArrayBuffer) -> ByteArrayBuffer {
            var result = ByteArrayBuffer()
            for range in ranges { result.append(contentsOf: buffer, range: range) }
            return result
        }
        switch self {
        case let .boolean(items): return .boolean(join(items))
        case let .int32(items): return .int32(join(items))
        case let .int64(items): return .int64(join(items))
        case let .int96(items): return .int96(join(items))
        case let .float(items): return .float(join(items))
        case let .double(items): return .double(join(items))
        case let .byteArray(buffer): return .byteArray(join(buffer))
        case let .fixedLenByteArray(buffer): return .fixedLenByteArray(join(buffer))
        }
    }

    /// PLAIN size of values `range` (BYTE_ARRAY with its 4-byte length prefixes).
    public func plainSize(_ range: Range<Int>) -> Int {
        switch self {
        case .boolean: return (range.count + 7) / 8
        case .int32, .float: return range.count * 4
        case .int64, .double: return range.count * 8
        case .int96: return range.count * 12
        case let .byteArray(buffer): return range.count * 4 + buffer.byteCount(range)
        case let .fixedLenByteArray(buffer): return buffer.byteCount(range)
        }
    }

    /// Appends `other`, which must hold the same physical type. Each case first parks `self` on
    /// an empty value so the bound array is uniquely referenced and grows in place.
    /// - Throws: `ParquetError.corruptPage` naming `column` when the types differ.
    mutating func append(_ other: ColumnBuffer, column: String) throws(ParquetError) {
        switch (self, other) {
        case (.boolean(var a), .boolean(let b)): self = .int32([]); a += b; self = .boolean(a)
        case (.int32(var a), .int32(let b)): self = .int32([]); a += b; self = .int32(a)
        case (.int64(var a), .int64(let b)): self = .int64([]); a += b; self = .int64(a)
        case (.int96(var a), .int96(let b)): self = .int96([]); a += b; self = .int96(a)
        case (.float(var a), .float(let b)): self = .float([]); a += b; self = .float(a)
        case (.double(var a), .double(let b)): self = .double([]); a += b; self = .double(a)
        case (.byteArray(var a), .byteArray(let b)):
            self = .boolean([]); a.append(contentsOf: b); self = .byteArray(a)
        case (.fixedLenByteArray(var a), .fixedLenByteArray(let b)):
            self = .boolean([]); a.append(contentsOf: b); self = .fixedLenByteArray(a)
        default:
            throw ParquetError.corruptPage(column: column, reason: "pages decode to different physical types")
        }
    }

    /// The values at `indices` (dictionary lookup), each checked against `count` so a corrupt
    /// index throws instead of trapping.
    func gathering(_ indices: [UInt32], column: String) throws(ParquetError) -> ColumnBuffer {
        var result = ColumnBuffer.empty(physicalType)
        try result.appendGathered(from: self, indices, column: column)
        return result
    }

    /// Appends the values of `entries` (same type) at `indices`, each checked against its count.
    mutating func appendGathered(from entries: ColumnBuffer, _ indices: [UInt32], column: String) throws(ParquetError) {
        let limit = entries.count
        for index in indices where Int(index) >= limit {
            throw ParquetError.corruptPage(column: column, reason: "dictionary index \(index) outside a dictionary of \(limit)")
        }
        func pick<T>(_ target: inout [T], _ values: [T]) {
            ByteArrayBuffer.reserve(&target, target.count + indices.count)
            for index in indices { target.append(values[Int(index)]) }
        }
        func pick(_ target: inout ByteArrayBuffer, _ buffer: ByteArrayBuffer) {
            var bytes = 0
            for index in indices { bytes += buffer.length(at: Int(index)) }
            target.reserveCapacity(count: indices.count, bytes: bytes)
            for index in indices { target.append(buffer, at: Int(index)) }
        }
        switch (self, entries) {
        case (.boolean(var a), .boolean(let b)): self = .int32([]); pick(&a, b); self = .boolean(a)
        case (.int32(var a), .int32(let b)): self = .boolean([]); pick(&a, b); self = .int32(a)
        case (.int64(var a), .int64(let b)): self = .boolean([]); pick(&a, b); self = .int64(a)
        case (.int96(var a), .int96(let b)): self = .boolean([]); pick(&a, b); self = .int96(a)
        case (.float(var a), .float(let b)): self = .boolean([]); pick(&a, b); self = .float(a)
        case (.double(var a), .double(let b)): self = .boolean([]); pick(&a, b); self = .double(a)
        case (.byteArray(var a), .byteArray(let b)): self = .boolean([]); pick(&a, b); self = .byteArray(a)
        case (.fixedLenByteArray(var a), .fixedLenByteArray(let b)):
            self = .boolean([]); pick(&a, b); self = .fixedLenByteArray(a)
        default:
            throw ParquetError.corruptPage(column: column, reason: "the dictionary's type differs from the column's")
        }
    }
}
