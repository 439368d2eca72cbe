// Decoder for the Thrift compact protocol as Parquet uses it: bare structs, no message envelope.
// Unknown fields (any id, any type) are skipped so files from newer writers stay readable; list
// sizes are bounded by the remaining bytes and nesting by `maxDepth`, so corrupt metadata ends in
// a `ParquetError`, never in a huge allocation or a stack overflow.

/// Reads Thrift compact-protocol values. Struct decoding follows the pattern
/// `try r.beginStruct(); while let field = try r.nextField() { switch … default: try r.skip(field) }`.
public struct ThriftCompactReader: Sendable {
    public private(set) var bytes: ByteReader
    /// Previous field id of each open struct (field-id deltas are relative to it).
    private var lastFieldIds: [Int16] = []
    /// Deepest struct/list nesting accepted before the data is declared corrupt.
    public static let maxDepth = 64

    public init(_ bytes: ByteReader) {
        self.bytes = bytes
    }

    public init(_ bytes: [UInt8]) {
        self.bytes = ByteReader(bytes)
    }

    /// Position of the next byte, for error messages and for callers that need the encoded size.
    public var offset: Int { bytes.offset }

    private func corrupt(_ reason: String) -> ParquetError {
        .invalidThrift(offset: bytes.offset, reason: reason)
    }

    /// Enters a struct: field ids restart from 0.
    public mutating func beginStruct() throws(ParquetError) {
        guard lastFieldIds.count < Self.maxDepth else { throw corrupt("structs nested deeper than \(Self.maxDepth)") }
        lastFieldIds.append(0)
    }

    /// The next field header of the current struct, or nil at its STOP byte (which also leaves the struct).
    public mutating func nextField() throws(ParquetError) -> ThriftField? {
        guard let previous = lastFieldIds.last else { throw corrupt("field read outside a struct") }
        let header = try bytes.readUInt8()
        if header == 0 {
            lastFieldIds.removeLast()
            return nil
        }
        guard let type = ThriftCompactType(wireNibble: header & 0x0F), type != .stop else {
            throw corrupt("unknown field type \(header & 0x0F)")
        }
        let delta = Int16(header >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            id = previous &+ delta  // wrapping: a corrupt delta chain must not trap
        }
        lastFieldIds[lastFieldIds.count - 1] = id
        return ThriftField(id: id, type: type, boolValue: (header & 0x0F) == 1)
    }

    public mutating func readI8() throws(ParquetError) -> Int8 { try bytes.readInt8() }

    public mutating func readI16() throws(ParquetError) -> Int16 {
        let start = bytes.offset
        let wide = try bytes.readZigZagInt32()
        guard let value = Int16(exactly: wide) else {
            throw ParquetError.invalidThrift(offset: start, reason: "i16 value \(wide) out of range")
        }
        return value
    }

    public mutating func readI32() throws(ParquetError) -> Int32 { try bytes.readZigZagInt32() }
    public mutating func readI64() throws(ParquetError) -> Int64 { try bytes.readZigZagInt64() }
    public mutating func readDouble() throws(ParquetError) -> Double { try bytes.readDoubleLE() }

    /// A length-prefixed byte string.
    public mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let length = try bytes.readVarUInt32()
        guard let count = Int(exactly: length), count <= bytes.remaining else {
            throw corrupt("binary length \(length) exceeds the \(bytes.remaining) remaining bytes")
        }
        return try bytes.readBytes(count)
    }

    /// A length-prefixed UTF-8 string; invalid UTF-8 is repaired rather than rejected.
    public mutating func readString() throws(ParquetError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// A list (or set) header: element type and element count, the count bounded by the remaining bytes.
    public mutating func readListHeader() throws(ParquetError) -> (elementType: ThriftCompactType, count: Int) {
        let header = try bytes.readUInt8()
        guard let type = ThriftCompactType(wireNibble: header & 0x0F), type != .stop else {
            throw corrupt("unknown list element type \(header & 0x0F)")
        }
        var count = Int(header >> 4)
        if count == 15 {
            let wide = try bytes.readVarUInt32()
            guard let exact = Int(exactly: wide) else { throw corrupt("list size \(wide) too large") }
            count = exact
        }
        // Every element takes at least one byte except bools in field position, which lists do not use.
        guard count <= bytes.remaining else {
            throw corrupt("list of \(count) elements exceeds the \(bytes.remaining) remaining bytes")
        }
        return (type, count)
    }

    /// Reads a list whose elements are decoded by `element`; wrong element types throw.
    ///
    /// Kept untyped so callers' closures need no annotation; the module itself uses
    /// `readElements`, whose closures throw only `ParquetError`.
    public mutating func readList<T>(
        of expected: ThriftCompactType, _ element: (inout ThriftCompactReader) throws -> T
    ) throws -> [T] {
        let count = try listCount(of: expected)
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self)) }
        return values
    }

    /// `readList` with a typed element decoder.
    mutating func readElements<T>(
        of expected: ThriftCompactType, _ element: (inout ThriftCompactReader) throws(ParquetError) -> T
    ) throws(ParquetError) -> [T] {
        let count = try listCount(of: expected)
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self)) }
        return values
    }

    /// Reads a list header and checks its element type and the nesting depth.
    private mutating func listCount(of expected: ThriftCompactType) throws(ParquetError) -> Int {
        let (type, count) = try readListHeader()
        guard type == expected else {
            throw corrupt("list of \(type) where \(expected) was expected")
        }
        guard lastFieldIds.count < Self.maxDepth else { throw corrupt("lists nested deeper than \(Self.maxDepth)") }
        return count
    }

    /// A bool stored as a list element: one byte, 1 = true and anything else false.
    public mutating func readBoolElement() throws(ParquetError) -> Bool {
        try bytes.readUInt8() == 1
    }

    /// Skips the value of a field of any type.
    public mutating func skip(_ field: ThriftField) throws(ParquetError) {
        try skip(field.type, depth: lastFieldIds.count)
    }

    /// Skips one value of `type`, recursing into containers.
    public mutating func skip(_ type: ThriftCompactType, depth: Int = 0) throws(ParquetError) {
        guard depth < Self.maxDepth else { throw corrupt("values nested deeper than \(Self.maxDepth)") }
        switch type {
        case .stop:
            throw corrupt("STOP is not a value type")
        case .bool:
            return  // in field position the value lives in the header; list elements use skipElement
        case .i8:
            try bytes.skip(1)
        case .i16, .i32, .i64:
            _ = try bytes.readVarUInt64()
        case .double:
            try bytes.skip(8)
        case .uuid:
            try bytes.skip(16)
        case .binary:
            _ = try readBinary()
        case .list, .set:
            let (elementType, count) = try readListHeader()
            for _ in 0..<count { try skipElement(elementType, depth: depth + 1) }
        case .map:
            let wide = try bytes.readVarUInt32()
            guard let count = Int(exactly: wide), count <= bytes.remaining else {
                throw corrupt("map size \(wide) exceeds the remaining bytes")
            }
            if count == 0 { return }
            let kinds = try bytes.readUInt8()
            guard let keyType = ThriftCompactType(wireNibble: kinds >> 4),
                  let valueType = ThriftCompactType(wireNibble: kinds & 0x0F),
                  keyType != .stop, valueType != .stop else {
                throw corrupt("unknown map key/value types \(kinds)")
            }
            for _ in 0..<count {
                try skipElement(keyType, depth: depth + 1)
                try skipElement(valueType, depth: depth + 1)
            }
        case .structure:
            try beginStruct()
            while let field = try nextField() {
                try skip(field.type, depth: depth + 1)
            }
        }
    }

    /// Skips a container element: like `skip`, except a bool element occupies one byte.
    private mutating func skipElement(_ type: ThriftCompactType, depth: Int) throws(ParquetError) {
        if type == .bool {
            try bytes.skip(1)
        } else {
            try skip(type, depth: depth)
        }
    }
}
