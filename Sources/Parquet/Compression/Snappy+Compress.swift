// The Snappy compressor, following the reference implementation's fragment loop:
// input is cut into 64 KiB fragments (no match crosses a fragment, so 2-byte offsets suffice);
// inside a fragment a hash table of 4-byte sequences finds earlier occurrences, a miss counter
// makes the scan skip faster through incompressible data, and after each copy the scan tries to
// chain another copy immediately. All arithmetic stays inside the fragment, whose length is at
// most 65 536, so plain `Int` operations cannot overflow.
//
// The input is read as a `Span` and the output built in a `ByteWriter`: a literal is one copy
// of borrowed bytes, with no `ArraySlice` of the input (whose retain and release per literal
// cost as much as the copy for the short literals of column pages).

extension Snappy {
    static let fragmentSize = 1 << 16
    /// The scan stops this many bytes before the fragment end so 4-byte loads never run past it.
    private static let inputMargin = 15
    private static let maxHashTableBits = 14

    /// Compresses `input` into one raw Snappy block.
    ///
    /// Precondition: `input.count <= UInt32.max` (Parquet pages are limited to `Int32.max`).
    public static func compress(_ input: [UInt8], mode: Mode = .matching) -> [UInt8] {
        precondition(UInt64(input.count) <= UInt64(UInt32.max), "Snappy blocks hold at most 4 GiB")
        var output = ByteWriter(reservingCapacity: 32 + input.count + input.count / 6)
        output.writeVarUInt32(UInt32(input.count))
        let bytes = input.span
        var start = 0
        while start < input.count {
            let end = min(input.count, start + fragmentSize)
            switch mode {
            case .literalOnly: appendLiteral(bytes, start..<end, to: &output)
            case .matching: compressFragment(bytes, start..<end, to: &output)
            }
            start = end
        }
        return output.bytes
    }

    private static func compressFragment(_ input: Span<UInt8>, _ fragment: Range<Int>, to output: inout ByteWriter) {
        let start = fragment.lowerBound
        let end = fragment.upperBound
        var nextEmit = start
        if fragment.count >= inputMargin {
            var tableBits = 8
            while tableBits < maxHashTableBits, 1 << tableBits < fragment.count { tableBits += 1 }
            let shift = UInt32(32 - tableBits)
            // Positions relative to `start`; 0 is a valid (if unlikely) candidate, verified below.
            var table = [UInt16](repeating: 0, count: 1 << tableBits)
            let scanLimit = end - inputMargin
            var position = start + 1
            var nextHash = hash(input, position, shift)
            scan: while true {
                var misses = 32
                var nextPosition = position
                var candidate = start
                repeat {
                    position = nextPosition
                    let currentHash = nextHash
                    nextPosition = position + (misses >> 5)
                    misses += 1
                    if nextPosition > scanLimit { break scan }
                    nextHash = hash(input, nextPosition, shift)
                    candidate = start + Int(table[currentHash])
                    table[currentHash] = UInt16(position - start)
                } while load32(input, position) != load32(input, candidate)

                appendLiteral(input, nextEmit..<position, to: &output)
                repeat {
                    let matchStart = position
                    var matched = 4
                    // Eight bytes at a time: the first differing byte is the lowest set byte
                    // of the two words' XOR (little-endian).
                    while position + matched + 8 <= end {
                        let difference = load64(input, candidate + matched) ^ load64(input, position + matched)
                        if difference != 0 {
                            matched += difference.trailingZeroBitCount >> 3
                            break
                        }
                        matched += 8
                    }
                    if position + matched + 8 > end {
                        while position + matched < end, input[candidate + matched] == input[position + matched] {
                            matched += 1
                        }
                    }
                    position += matched
                    appendCopy(offset: matchStart - candidate, length: matched, to: &output)
                    nextEmit = position
                    if position >= scanLimit { break scan }
                    table[hash(input, position - 1, shift)] = UInt16(position - 1 - start)
                    let currentHash = hash(input, position, shift)
                    candidate = start + Int(table[currentHash])
                    table[currentHash] = UInt16(position - start)
                } while load32(input, position) == load32(input, candidate)
                position += 1
                nextHash = hash(input, position, shift)
            }
        }
        if nextEmit < end {
            appendLiteral(input, nextEmit..<end, to: &output)
        }
    }

    /// The hash-table slot of the four bytes at `position`: their multiplicative hash's top bits.
    @inline(__always)
    private static func hash(_ input: Span<UInt8>, _ position: Int, _ shift: UInt32) -> Int {
        Int((load32(input, position) &* 0x1E35_A7BD) >> shift)
    }

    /// The four bytes at `position`, little-endian. Taken from a four-byte view, so there is
    /// one bounds check and the byte loads combine into one.
    @inline(__always)
    private static func load32(_ input: Span<UInt8>, _ position: Int) -> UInt32 {
        let word = input.extracting(position..<(position + 4))
        return UInt32(word[0]) | UInt32(word[1]) << 8 | UInt32(word[2]) << 16 | UInt32(word[3]) << 24
    }

    /// The eight bytes at `position`, little-endian, the same way.
    @inline(__always)
    private static func load64(_ input: Span<UInt8>, _ position: Int) -> UInt64 {
        let word = input.extracting(position..<(position + 8))
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(word[k]) << UInt64(8 * k) }
        return value
    }

    /// Literal element: 1-byte tag up to 60 bytes, else the length minus one in 1 or 2 bytes
    /// (a fragment is at most 64 KiB).
    private static func appendLiteral(_ input: Span<UInt8>, _ range: Range<Int>, to output: inout ByteWriter) {
        guard !range.isEmpty else { return }
        let stored = range.count - 1
        if stored < 60 {
            output.writeUInt8(UInt8(stored << 2))
        } else if stored < 256 {
            output.writeUInt8(60 << 2)
            output.writeUInt8(UInt8(stored))
        } else {
            output.writeUInt8(61 << 2)
            output.writeUInt8(UInt8(truncatingIfNeeded: stored))
            output.writeUInt8(UInt8(truncatingIfNeeded: stored >> 8))
        }
        output.writeBytes(input.extracting(range))
    }

    /// Copy elements for a match of any length ≥ 4: pieces of 64, keeping every piece ≥ 4 bytes.
    private static func appendCopy(offset: Int, length: Int, to output: inout ByteWriter) {
        var remaining = length
        while remaining >= 68 {
            appendShortCopy(offset: offset, length: 64, to: &output)
            remaining -= 64
        }
        if remaining > 64 {
            appendShortCopy(offset: offset, length: 60, to: &output)
            remaining -= 60
        }
        appendShortCopy(offset: offset, length: remaining, to: &output)
    }

    /// One copy element of 4…64 bytes: the 1-byte-offset form when it fits, else 2-byte offset.
    private static func appendShortCopy(offset: Int, length: Int, to output: inout ByteWriter) {
        if length < 12, offset < 2048 {
            output.writeUInt8(UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5))
            output.writeUInt8(UInt8(truncatingIfNeeded: offset))
        } else {
            output.writeUInt8(UInt8(2 | (length - 1) << 2))
            output.writeUInt8(UInt8(truncatingIfNeeded: offset))
            output.writeUInt8(UInt8(truncatingIfNeeded: offset >> 8))
        }
    }
}
