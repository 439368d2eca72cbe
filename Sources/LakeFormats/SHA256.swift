// SHA-256 as specified in FIPS 180-4, written here because the project takes no package
// dependencies and content hashes decide what gets rebuilt.
//
// Design: the hasher is a value type with no heap state besides a 64-byte tail buffer. Whole
// 64-byte blocks are compressed straight from the caller's bytes; only a trailing partial
// block is copied. The compression loop works on an unsafe view of the input, fenced inside
// one private function, so that it neither allocates nor bounds-checks per byte.

/// A streaming SHA-256 hasher (FIPS 180-4).
///
/// Feed bytes with `update(_:)` in pieces of any size, then call `finalize()` once. The digest
/// is the same however the message was split, which is what lets large files be hashed in
/// fixed-size chunks.
public struct SHA256: Sendable {
    /// The eight 32-bit words of the running hash value (H0...H7 in FIPS 180-4).
    struct State: Sendable {
        var a: UInt32 = 0x6a09_e667, b: UInt32 = 0xbb67_ae85, c: UInt32 = 0x3c6e_f372
        var d: UInt32 = 0xa54f_f53a, e: UInt32 = 0x510e_527f, f: UInt32 = 0x9b05_688c
        var g: UInt32 = 0x1f83_d9ab, h: UInt32 = 0x5be0_cd19
    }

    /// The size of a digest in bytes.
    public static let digestByteCount = 32
    static let blockByteCount = 64

    private var state = State()
    /// Bytes of an unfinished block, waiting for more input. Always fewer than 64.
    private var tail: [UInt8] = []
    /// Total message length in bytes so far.
    private var messageByteCount: UInt64 = 0

    /// Creates a hasher for a new message.
    public init() {
        tail.reserveCapacity(Self.blockByteCount)
    }

    /// Appends bytes to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { absorb($0) }
    }

    /// Appends a slice of bytes to the message.
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { absorb($0) }
    }

    /// Completes the message (padding and length) and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = messageByteCount &* 8  // FIPS 180-4 defines the length modulo 2^64.
        var padding: [UInt8] = [0x80]
        let used = (tail.count + 1) % Self.blockByteCount
        let zeroCount = (Self.blockByteCount + 56 - used) % Self.blockByteCount
        padding.append(contentsOf: repeatElement(0, count: zeroCount))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedCount = messageByteCount
        update(padding)
        messageByteCount = savedCount
        precondition(tail.isEmpty, "SHA-256 padding must end on a block boundary")
        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestByteCount)
        for word in [state.a, state.b, state.c, state.d, state.e, state.f, state.g, state.h] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest as 64 lowercase hexadecimal characters.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The 32 bytes a digest's 64 lowercase hexadecimal characters stand for (as `hex` writes
    /// them); nil for any other text.
    public static func digest(ofHex hex: String) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        let text = Array(hex.utf8)
        guard text.count == 2 * digestByteCount else { return nil }
        var digest: [UInt8] = []
        digest.reserveCapacity(digestByteCount)
        for i in stride(from: 0, to: text.count, by: 2) {
            guard let high = nibble(text[i]), let low = nibble(text[i + 1]) else { return nil }
            digest.append(high << 4 | low)
        }
        return digest
    }

    /// Adds `input` to the message: completes the pending tail block if there is one,
    /// compresses every whole block in place and keeps the remainder as the new tail.
    private mutating func absorb(_ input: UnsafeRawBufferPointer) {
        messageByteCount &+= UInt64(input.count)  // A message can't approach 2^64 bytes.
        var start = 0
        if !tail.isEmpty {
            let needed = Self.blockByteCount - tail.count
            let taken = min(needed, input.count)
            tail.append(contentsOf: input[0..<taken])
            start = taken
            guard tail.count == Self.blockByteCount else { return }
            tail.withUnsafeBytes { Self.compress(&state, blocks: $0) }
            tail.removeAll(keepingCapacity: true)
        }
        let wholeBlocksEnd = start + (input.count - start) / Self.blockByteCount * Self.blockByteCount
        if wholeBlocksEnd > start {
            Self.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: input[start..<wholeBlocksEnd]))
        }
        if wholeBlocksEnd < input.count {
            tail.append(contentsOf: input[wholeBlocksEnd..<input.count])
        }
    }
}
