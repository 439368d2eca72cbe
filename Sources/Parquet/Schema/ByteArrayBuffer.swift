// Byte strings in Arrow's variable-size binary layout: every value's bytes back to back in one
// `values` buffer, and `count + 1` offsets so that value `i` is `values[offsets[i]..<offsets[i + 1]]`.
// A column of a million strings is two allocations instead of a million, encoders copy runs of
// it with one `memcpy`, and the dictionary table hashes and compares values in place.
//
// Besides ByteReader and ByteWriter this is the one type in the module that reads raw memory:
// hashing and comparing a value load its bytes through `withUnsafeBufferPointer`, and
// appending a `Span` copies its bytes through the same, only inside the methods below. Offsets are our own invariant (ascending, the last one equal to
// `values.count`), checked when a buffer is built from outside data.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Variable-length byte strings stored as one values buffer plus `count + 1` offsets.
public struct ByteArrayBuffer: Sendable, Equatable {
    /// Start of each value in `values`, then one past the last value: `count + 1` ascending entries.
    public private(set) var offsets: [Int]
    /// The bytes of all values, back to back.
    public private(set) var values: [UInt8]

    /// An empty buffer.
    public init() {
        offsets = [0]
        values = []
    }

    /// A buffer holding `arrays`, in order.
    public init(_ arrays: [[UInt8]]) {
        self.init()
        reserveCapacity(count: arrays.count, bytes: arrays.reduce(0) { $0 + $1.count })
        for array in arrays { append(array) }
    }

    /// A buffer over existing storage.
    /// - Throws: `ParquetError.invalidWriterUse` unless `offsets` starts at 0, never decreases
    ///   and ends at `values.count`.
    public init(offsets: [Int], values: [UInt8]) throws(ParquetError) {
        guard offsets.first == 0, offsets.last == values.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw ParquetError.invalidWriterUse(reason: "byte array offsets must ascend from 0 to the values' size")
        }
        self.offsets = offsets
        self.values = values
    }

    /// Values of `width` bytes each, back to back in `values` (FIXED_LEN_BYTE_ARRAY, or byte
    /// strings that all have one length).
    /// Precondition: `width` > 0 and divides `values.count` (callers check file data first).
    public init(width: Int, values: [UInt8]) {
        precondition(width > 0 && values.count % width == 0, "fixed-width values must fill whole values")
        offsets = Array(stride(from: 0, through: values.count, by: width))
        self.values = values
    }

    /// Number of values.
    public var count: Int { offsets.count - 1 }
    public var isEmpty: Bool { offsets.count == 1 }

    /// Length of value `index`.
    @inline(__always)
    public func length(at index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// The bytes of value `index` (a view into `values`, no copy).
    public subscript(index: Int) -> ArraySlice<UInt8> {
        values[offsets[index]..<offsets[index + 1]]
    }

    /// Every value as its own array: the boxed form of the convenience API.
    public var arrays: [[UInt8]] {
        (0..<count).map { Array(self[$0]) }
    }

    /// Makes room for `count` more values of `bytes` bytes in total. Capacity grows at least
    /// geometrically, so reserving page after page stays linear (an exact `reserveCapacity`
    /// would reallocate and copy the whole buffer for every page).
    public mutating func reserveCapacity(count: Int, bytes: Int) {
        Self.reserve(&offsets, offsets.count + count)
        Self.reserve(&values, values.count + bytes)
    }

    /// Grows `array`'s capacity to at least `needed`, doubling when it grows at all.
    static func reserve<Element>(_ array: inout [Element], _ needed: Int) {
        guard needed > array.capacity else { return }
        array.reserveCapacity(Swift.max(needed, array.capacity * 2))
    }

    /// Appends one value.
    @inline(__always)
    public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        values.append(contentsOf: bytes)
        offsets.append(values.count)
    }

    /// Appends one value from an array slice. A concrete overload of the generic `append`: a
    /// caller in another module (`parquet from-csv` appending each field) gets this compiled
    /// copy instead of the unspecialised generic one, which copies element by element.
    @inline(__always)
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        values.append(contentsOf: bytes)
        offsets.append(values.count)
    }

    /// Appends one value from a borrowed view of bytes (a JSON reader's string in its input,
    /// for example): one copy, no reference counted.
    @inline(__always)
    public mutating func append(_ bytes: Span<UInt8>) {
        bytes.withUnsafeBufferPointer { values.append(contentsOf: $0) }
        offsets.append(values.count)
    }

    /// Appends value `index` of `other`: one copy of its bytes, no reference counted.
    @inline(__always)
    public mutating func append(_ other: ByteArrayBuffer, at index: Int) {
        let start = other.offsets[index], end = other.offsets[index + 1]
        other.values.withUnsafeBufferPointer { values.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
        offsets.append(values.count)
    }

    /// Appends values `range` of `other`: one copy of their bytes, offsets shifted.
    public mutating func append(contentsOf other: ByteArrayBuffer, range: Range<Int>? = nil) {
        let range = range ?? 0..<other.count
        guard !range.isEmpty else { return }
        let shift = values.count - other.offsets[range.lowerBound]
        values.append(contentsOf: other.values[other.offsets[range.lowerBound]..<other.offsets[range.upperBound]])
        offsets.append(contentsOf: other.offsets[(range.lowerBound + 1)...range.upperBound].lazy.map { $0 + shift })
    }

    /// Removes every value; with `keepingCapacity`, the storage stays allocated for refilling
    /// (a column buffer reused from one row group to the next).
    public mutating func removeAll(keepingCapacity: Bool = false) {
        offsets.removeAll(keepingCapacity: keepingCapacity)
        offsets.append(0)
        values.removeAll(keepingCapacity: keepingCapacity)
    }

    /// Removes the last `k` values (a reader that appends a record's fields as it checks them
    /// takes them back when the record turns out invalid).
    /// Precondition: `k` ≤ `count`.
    public mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count, "cannot remove \(k) of \(count) values")
        guard k > 0 else { return }
        offsets.removeLast(k)
        values.removeLast(values.count - offsets[offsets.count - 1])
    }

    /// Values `range` as a new buffer.
    public func slice(_ range: Range<Int>) -> ByteArrayBuffer {
        var result = ByteArrayBuffer()
        result.append(contentsOf: self, range: range)
        return result
    }

    /// Bytes of values `range` together (without length prefixes).
    public func byteCount(_ range: Range<Int>) -> Int {
        offsets[range.upperBound] - offsets[range.lowerBound]
    }

    // MARK: Hashing and comparing in place

    /// A 64-bit hash of value `index`'s bytes (deterministic across runs and machines).
    ///
    /// Eight bytes at a time, each word mixed by a multiply and a rotate, the length folded in,
    /// then a final avalanche (MurmurHash3's `fmix64`) so the low bits used by the open-addressing
    /// table depend on every byte.
    public func hash(at index: Int) -> UInt64 {
        let start = offsets[index], end = offsets[index + 1]
        return values.withUnsafeBufferPointer { buffer -> UInt64 in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
            var position = start
            let raw = UnsafeRawBufferPointer(buffer)
            while end - position >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
                hash = (hash << 31) | (hash >> 33)
                position += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while position < end {
                tail |= UInt64(buffer[position]) << shift
                shift += 8
                position += 1
            }
            return Self.mix(hash ^ tail &* 0xC4CE_B9FE_1A85_EC53)
        }
    }

    /// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// True when value `index` has the same bytes as value `otherIndex` of `other`. Compared a
    /// word at a time like a borrowed value (see below): the dictionary encoder asks this once
    /// per value of a string column, and a `memcmp` call per short value cost more than the words.
    public func elementsEqual(at index: Int, _ other: ByteArrayBuffer, at otherIndex: Int) -> Bool {
        let start = other.offsets[otherIndex], end = other.offsets[otherIndex + 1]
        return elementsEqual(at: index, other.values.span.extracting(start..<end))
    }

    /// True when value `index` has the same bytes as `bytes`. Short values (names, codes) are
    /// compared a word at a time in place, which beats a call to `memcmp` at their length.
    public func elementsEqual(at index: Int, _ bytes: Span<UInt8>) -> Bool {
        let start = offsets[index], length = self.length(at: index)
        guard length == bytes.count else { return false }
        guard length > 0 else { return true }
        return values.withUnsafeBytes { mine in
            bytes.withUnsafeBytes { theirs in
                guard let a = mine.baseAddress, let b = theirs.baseAddress else { return false }
                if length > 32 { return memcmp(a + start, b, length) == 0 }
                func word(_ k: Int) -> Bool {
                    mine.loadUnaligned(fromByteOffset: start + k, as: UInt64.self)
                        == theirs.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                }
                guard length >= 8 else {
                    for k in 0..<length where mine[start + k] != theirs[k] { return false }
                    return true
                }
                var k = 0
                while k + 8 < length {
                    if !word(k) { return false }
                    k += 8
                }
                return word(length - 8)  // the last eight bytes, overlapping the words before
            }
        }
    }

    /// Unsigned lexicographic order of value `index` and value `otherIndex` of `other` (memcmp
    /// on the common prefix, then the shorter first): negative, zero or positive.
    public func compareBytes(at index: Int, _ other: ByteArrayBuffer, at otherIndex: Int) -> Int {
        let start = offsets[index], length = self.length(at: index)
        let otherStart = other.offsets[otherIndex], otherLength = other.length(at: otherIndex)
        let common = min(length, otherLength)
        let order = values.withUnsafeBytes { mine in
            other.values.withUnsafeBytes { theirs -> Int32 in
                guard common > 0, let a = mine.baseAddress, let b = theirs.baseAddress else { return 0 }
                return memcmp(a + start, b + otherStart, common)
            }
        }
        if order != 0 { return Int(order) }
        return length - otherLength
    }
}
