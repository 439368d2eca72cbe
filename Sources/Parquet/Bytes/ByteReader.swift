// ByteReader is one of the two places in the module allowed to touch raw memory (the other is
// ByteWriter). Every read checks the remaining length first and throws `.truncated` instead of
// trapping, so callers can decode untrusted file bytes without their own bounds arithmetic.

/// A forward-only cursor over a byte buffer that reads little-endian numbers, varints and
/// length-checked byte runs, throwing `ParquetError.truncated` when the data ends early.
public struct ByteReader: Sendable {
    /// The whole buffer; the reader sees only `offset..<end` of it.
    @usableFromInline let storage: [UInt8]
    /// Position of the next byte to read, counted from the start of `storage`.
    public var offset: Int { position }
    /// `offset`, settable by the reads inlined into callers in other modules (a plan's 2
    /// million varints are read through `readVarUInt64`).
    @usableFromInline var position: Int
    /// One past the last readable byte.
    public let end: Int

    /// A reader over all of `bytes`.
    public init(_ bytes: [UInt8]) {
        storage = bytes
        position = 0
        end = bytes.count
    }

    /// A reader over `bytes[range]`, sharing storage (no copy).
    public init(_ bytes: [UInt8], range: Range<Int>) throws(ParquetError) {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw ParquetError.truncated(offset: range.lowerBound, needed: range.count)
        }
        storage = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    /// Bytes left between the cursor and the end.
    public var remaining: Int { end - offset }
    /// True when nothing is left to read.
    public var isAtEnd: Bool { offset >= end }

    /// Throws unless `count` bytes (a non-negative number) are available.
    @inlinable @inline(__always)
    func require(_ count: Int) throws(ParquetError) {
        guard count >= 0, count <= end - offset else {
            throw ParquetError.truncated(offset: offset, needed: count)
        }
    }

    /// Validates a count read from a file against the remaining bytes, given `width` bytes per item.
    public func checkedByteCount(items: Int, width: Int) throws(ParquetError) -> Int {
        let (total, overflow) = items.multipliedReportingOverflow(by: width)
        guard items >= 0, !overflow else { throw ParquetError.truncated(offset: offset, needed: Int.max) }
        try require(total)
        return total
    }

    @inlinable
    public mutating func readUInt8() throws(ParquetError) -> UInt8 {
        try require(1)
        let value = storage[offset]
        position += 1
        return value
    }

    public mutating func readInt8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try readUInt8())
    }

    /// Reads a little-endian fixed-width integer of type `T`.
    @inline(__always)
    private mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type) throws(ParquetError) -> T {
        let size = MemoryLayout<T>.size
        try require(size)
        let start = offset
        let value = storage.withUnsafeBytes { raw in
            T(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: T.self))
        }
        position += size
        return value
    }

    public mutating func readUInt32LE() throws(ParquetError) -> UInt32 { try readLittleEndian(UInt32.self) }
    public mutating func readInt32LE() throws(ParquetError) -> Int32 { try readLittleEndian(Int32.self) }
    public mutating func readUInt64LE() throws(ParquetError) -> UInt64 { try readLittleEndian(UInt64.self) }
    public mutating func readInt64LE() throws(ParquetError) -> Int64 { try readLittleEndian(Int64.self) }
    public mutating func readFloatLE() throws(ParquetError) -> Float { Float(bitPattern: try readLittleEndian(UInt32.self)) }
    public mutating func readDoubleLE() throws(ParquetError) -> Double { Double(bitPattern: try readLittleEndian(UInt64.self)) }

    /// Copies the next `count` bytes out.
    public mutating func readBytes(_ count: Int) throws(ParquetError) -> [UInt8] {
        try require(count)
        let value = Array(storage[offset..<(offset + count)])
        position += count
        return value
    }

    /// Decodes the next `count` bytes as UTF-8 (invalid sequences become U+FFFD), without an
    /// intermediate array.
    public mutating func readString(_ count: Int) throws(ParquetError) -> String {
        try require(count)
        let start = offset
        position += count
        return storage.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<(start + count)]), as: UTF8.self)
        }
    }

    /// Reads `count` PLAIN BYTE_ARRAY values (a 4-byte length, then the bytes) into `buffer`:
    /// one copy per value into the shared values buffer, no array per value.
    public mutating func readByteArrays(_ count: Int, into buffer: inout ByteArrayBuffer) throws(ParquetError) {
        // Each value takes at least its 4-byte length, which bounds the reservation.
        _ = try checkedByteCount(items: count, width: 4)
        buffer.reserveCapacity(count: count, bytes: remaining - 4 * count)
        for _ in 0..<count {
            let length = try readUInt32LE()
            guard let size = Int(exactly: length) else { throw ParquetError.truncated(offset: offset, needed: Int.max) }
            try require(size)
            buffer.append(storage[offset..<(offset + size)])
            position += size
        }
    }

    /// Appends the next `count` bytes to `bytes`.
    @inlinable
    public mutating func readBytes(_ count: Int, appendingTo bytes: inout [UInt8]) throws(ParquetError) {
        try require(count)
        let start = position
        storage.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
        position += count
    }

    /// Everything from the cursor to the end.
    public mutating func readRemaining() throws(ParquetError) -> [UInt8] {
        try readBytes(remaining)
    }

    /// A reader over the next `count` bytes (sharing storage); this reader moves past them.
    public mutating func readSubReader(_ count: Int) throws(ParquetError) -> ByteReader {
        try require(count)
        let sub = try ByteReader(storage, range: offset..<(offset + count))
        position += count
        return sub
    }

    public mutating func skip(_ count: Int) throws(ParquetError) {
        try require(count)
        position += count
    }

    /// Reads a ULEB128 varint of at most 10 bytes. Inlined into callers: one bounds check per
    /// byte against at most 10 bytes ahead, and no call.
    @inlinable @inline(__always)
    public mutating func readVarUInt64() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var next = position
        let limit = Swift.min(end, position &+ 10)
        while next < limit {
            let byte = storage[next]
            next &+= 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                position = next
                return result
            }
            shift &+= 7
        }
        throw varintFailure(readingTo: next)
    }

    /// The error of a varint that ran past the end or past 10 bytes, the cursor moved past
    /// the bytes read (as a read byte by byte leaves it).
    @usableFromInline
    mutating func varintFailure(readingTo next: Int) -> ParquetError {
        let start = position
        position = next
        if next - start >= 10 { return .invalidThrift(offset: start, reason: "varint longer than 10 bytes") }
        return .truncated(offset: next, needed: 1)
    }

    /// Reads a ULEB128 varint that must fit in 32 bits.
    public mutating func readVarUInt32() throws(ParquetError) -> UInt32 {
        let start = offset
        let wide = try readVarUInt64()
        guard let value = UInt32(exactly: wide) else {
            throw ParquetError.invalidThrift(offset: start, reason: "varint \(wide) exceeds 32 bits")
        }
        return value
    }

    /// Reads a zigzag-encoded varint as a signed 64-bit integer.
    @inlinable
    public mutating func readZigZagInt64() throws(ParquetError) -> Int64 {
        let raw = try readVarUInt64()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a zigzag-encoded varint as a signed 32-bit integer.
    public mutating func readZigZagInt32() throws(ParquetError) -> Int32 {
        let raw = try readVarUInt32()
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads `count` little-endian values of `T` in one bounds check.
    private mutating func readLittleEndianArray<T: FixedWidthInteger>(_ count: Int, as _: T.Type) throws(ParquetError) -> [T] {
        let size = MemoryLayout<T>.size
        let total = try checkedByteCount(items: count, width: size)
        let start = offset
        let values = storage.withUnsafeBytes { raw in
            (0..<count).map { index in
                T(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * size, as: T.self))
            }
        }
        position += total
        return values
    }

    public mutating func readInt32Array(_ count: Int) throws(ParquetError) -> [Int32] { try readLittleEndianArray(count, as: Int32.self) }
    public mutating func readInt64Array(_ count: Int) throws(ParquetError) -> [Int64] { try readLittleEndianArray(count, as: Int64.self) }
    public mutating func readFloatArray(_ count: Int) throws(ParquetError) -> [Float] {
        try readLittleEndianArray(count, as: UInt32.self).map(Float.init(bitPattern:))
    }
    public mutating func readDoubleArray(_ count: Int) throws(ParquetError) -> [Double] {
        try readLittleEndianArray(count, as: UInt64.self).map(Double.init(bitPattern:))
    }

    /// The byte at `offset + distance` without moving, for decoders that look ahead.
    public func peekUInt8(at distance: Int = 0) throws(ParquetError) -> UInt8 {
        guard distance >= 0, distance < end - offset else {
            throw ParquetError.truncated(offset: offset + max(distance, 0), needed: 1)
        }
        return storage[offset + distance]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ByteReader {
    /// Reads exactly `count` bytes at `offset` of an open file with `pread`, retrying on EINTR
    /// and short reads; a file that ends early throws `.truncated`.
    public static func readFile(descriptor: Int32, path: String, offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0 else { throw ParquetError.truncated(offset: offset, needed: count) }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(descriptor, base + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ParquetError.io(path: path, operation: "read", errno: errno)
            }
            if got == 0 { throw ParquetError.truncated(offset: offset + done, needed: count - done) }
            done += got
        }
        return buffer
    }
}
