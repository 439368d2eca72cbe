// The hash table behind dictionary encoding: open addressing with linear probing over a
// power-of-two array of slots, each holding an entry number + 1 (0 = empty). The entries
// themselves (the distinct values) live in the encoder's own column buffer; the table only
// remembers each entry's 64-bit hash, so growing never rehashes a value, and the caller decides
// equality by comparing an input value with entry `n` in place (bytes of a `ByteArrayBuffer`,
// or bit patterns of numbers). No Swift `Dictionary`, no key object per value.
//
// The load factor stays at or below 1/2, so a probe sequence always ends at an empty slot.

/// Open-addressing index from value hashes to entry numbers `0..<count`.
struct DictionaryTable {
    /// Entry number + 1 per slot; 0 marks an empty slot. `slots.count` is a power of two.
    private var slots: [Int32]
    /// The hash of every entry, by entry number.
    private(set) var hashes: [UInt64] = []

    /// Number of entries.
    var count: Int { hashes.count }
    /// Number of slots (for tests of growth).
    var capacity: Int { slots.count }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
    }

    /// The entry whose hash is `hash` and for which `isEntry` holds, inserting a new entry
    /// (numbered `count`) when there is none. The caller appends the value to its entries
    /// exactly when `inserted` is true.
    @inline(__always)
    mutating func findOrInsert(hash: UInt64, isEntry: (Int) -> Bool) -> (entry: Int, inserted: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            let entry = stored - 1
            if hashes[entry] == hash, isEntry(entry) { return (entry, false) }
            slot = (slot + 1) & mask
        }
        let entry = hashes.count
        hashes.append(hash)
        slots[slot] = Int32(truncatingIfNeeded: entry + 1)
        if hashes.count * 2 > slots.count { grow() }
        return (entry, true)
    }

    /// Doubles the slots and re-places every entry by its stored hash.
    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var grown = [Int32](repeating: 0, count: size)
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(truncatingIfNeeded: entry + 1)
        }
        slots = grown
    }

    /// The hash of a fixed-width value's bit pattern.
    @inline(__always)
    static func hash(bits: UInt64) -> UInt64 { ByteArrayBuffer.mix(bits &+ 0x9E37_79B9_7F4A_7C15) }
}
