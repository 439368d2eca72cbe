// ByteWriter is the write-side twin of ByteReader: the only other place allowed raw memory access.
// `BlockFiller` (at the end) is its fixed-size cousin for block decoders such as Snappy: the
// output is allocated once, and each literal or back-reference is one bounds-checked copy.

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

    /// Appends borrowed bytes (a run of another buffer, such as a Snappy literal): a single
    /// copy, and no slice of that buffer retained and released.
    @inline(__always)
    public mutating func writeBytes(_ values: Span<UInt8>) {
        values.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

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

extension ByteWriter {
    /// The `count` bytes a block decoder makes with a `BlockFiller` (`body` moves through the
    /// output front to back), zero-filled past what `body` wrote. For formats that declare
    /// their decoded size up front (Snappy): the output is allocated once, at that size.
    public static func filling<E: Error>(_ count: Int, _ body: (inout BlockFiller) throws(E) -> Void) throws(E) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        try output.withUnsafeMutableBufferPointer { (buffer: inout UnsafeMutableBufferPointer<UInt8>) throws(E) in
            var filler = BlockFiller(buffer)
            try body(&filler)
        }
        return output
    }
}

/// A cursor over a fixed-size output with the two moves of LZ77 block decoders: copy a run of
/// input bytes, and repeat bytes already written. Each move is checked against the space left
/// and the bytes written, and one that does not fit writes nothing and returns false, so the
/// decoder's own checks come first and this one only backs them up. Lent by
/// `ByteWriter.filling` for the length of its closure; it must not outlive it.
public struct BlockFiller {
    private let output: UnsafeMutableBufferPointer<UInt8>
    /// Bytes written so far.
    public private(set) var filled = 0

    fileprivate init(_ output: UnsafeMutableBufferPointer<UInt8>) { self.output = output }

    /// Bytes the output has room for.
    public var remaining: Int { output.count - filled }

    /// Appends `input[range]`; false (and nothing written) when the range is outside the input
    /// or longer than `remaining`.
    public mutating func copy(_ input: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= input.count, range.count <= remaining else { return false }
        guard !range.isEmpty, let target = output.baseAddress else { return true }
        let written = filled
        input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            (target + written).update(from: base + range.lowerBound, count: range.count)
        }
        filled += range.count
        return true
    }

    /// Appends `count` bytes copied from `distance` bytes back, in order: when `count` exceeds
    /// `distance` the copy reads what it writes and repeats the last `distance` bytes. False
    /// (and nothing written) when `distance` is not within the bytes written or `count` is
    /// longer than `remaining`.
    public mutating func repeatBack(distance: Int, count: Int) -> Bool {
        guard distance > 0, distance <= filled, count >= 0, count <= remaining else { return false }
        guard let base = output.baseAddress else { return count == 0 }
        let target = base + filled, source = target - distance
        if count <= distance {
            target.update(from: source, count: count)  // disjoint: the source ends where the target starts, or before
        } else {
            for index in 0..<count { target[index] = source[index] }
        }
        filled += count
        return true
    }
}
