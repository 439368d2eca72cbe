// ByteWriter is the write-side twin of ByteReader: the only other place allowed raw memory access.

/// An append-only byte buffer with little-endian numbers, varints and zigzag integers, used for
/// page bodies, Thrift metadata and whole files.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public internal(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written so far.
    public var count: Int { bytes.count }

    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }
    public mutating func writeInt8(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }

    /// Appends a fixed-width integer in little-endian order.
    @inline(__always)
    private mutating func writeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { raw in bytes.append(contentsOf: raw) }
    }

    public mutating func writeUInt32LE(_ value: UInt32) { writeLittleEndian(value) }
    public mutating func writeInt32LE(_ value: Int32) { writeLittleEndian(value) }
    public mutating func writeUInt64LE(_ value: UInt64) { writeLittleEndian(value) }
    public mutating func writeInt64LE(_ value: Int64) { writeLittleEndian(value) }
    public mutating func writeFloatLE(_ value: Float) { writeLittleEndian(value.bitPattern) }
    public mutating func writeDoubleLE(_ value: Double) { writeLittleEndian(value.bitPattern) }

    /// Appends fixed-width integers little-endian, as one copy on little-endian machines.
    public mutating func writeLittleEndianArray<T: FixedWidthInteger>(_ values: ArraySlice<T>) {
        #if _endian(little)
        values.withUnsafeBytes { raw in bytes.append(contentsOf: raw) }
        #else
        for value in values { writeLittleEndian(value) }
        #endif
    }

    /// Appends values `range` of `buffer` as PLAIN BYTE_ARRAY (a 4-byte length before each
    /// value) or, with `lengthPrefixed` false, as FIXED_LEN_BYTE_ARRAY (bytes only, one copy).
    /// Every value is shorter than 4 GiB (the writer validates this).
    public mutating func writeByteArrays(_ buffer: ByteArrayBuffer, range: Range<Int>, lengthPrefixed: Bool) {
        guard !range.isEmpty else { return }
        let offsets = buffer.offsets
        guard lengthPrefixed else {
            bytes.append(contentsOf: buffer.values[offsets[range.lowerBound]..<offsets[range.upperBound]])
            return
        }
        bytes.reserveCapacity(bytes.count + range.count * 4 + buffer.byteCount(range))
        buffer.values.withUnsafeBufferPointer { values in
            for index in range {
                let start = offsets[index], end = offsets[index + 1]
                writeLittleEndian(UInt32(truncatingIfNeeded: end - start))
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: values[start..<end]))
            }
        }
    }

    /// Appends raw bytes already held in an array (a single copy).
    public mutating func writeBytes(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    /// Empties the buffer, keeping its capacity for the next page.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    public mutating func writeBytes<S: Sequence>(_ values: S) where S.Element == UInt8 {
        bytes.append(contentsOf: values)
    }

    /// Appends a ULEB128 varint.
    public mutating func writeVarUInt64(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func writeVarUInt32(_ value: UInt32) { writeVarUInt64(UInt64(value)) }

    /// Appends a signed 64-bit integer as zigzag varint.
    public mutating func writeZigZagInt64(_ value: Int64) {
        writeVarUInt64(UInt64(bitPattern: value << 1) ^ UInt64(bitPattern: value >> 63))
    }

    /// Appends a signed 32-bit integer as zigzag varint.
    public mutating func writeZigZagInt32(_ value: Int32) {
        writeVarUInt32(UInt32(bitPattern: value << 1) ^ UInt32(bitPattern: value >> 31))
    }

    /// Overwrites 4 bytes at `offset` with `value` little-endian (for length prefixes written
    /// after the data they measure). `offset` is our own bookkeeping, hence the precondition.
    public mutating func patchUInt32LE(_ value: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= bytes.count, "patch outside written bytes")
        for index in 0..<4 {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))
        }
    }
}
