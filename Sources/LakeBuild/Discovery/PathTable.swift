// An index from strings to their numbers in a string table, for the stored plan's tables of
// hundreds of thousands of paths: the producer of an output path (`StoredGraph`) and the
// interning of strings when a plan is encoded (`StringTable`).

/// Paths (string numbers of a table) found by their bytes: open addressing over one array of
/// numbers, a sixth of the memory of a dictionary of the same strings, and compared bytewise
/// (two spellings of one name in different Unicode forms are different paths on disk).
struct PathTable {
    private var buckets: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        buckets = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// A table of every number of `strings`, with room for `capacity` in all.
    init(capacity: Int, strings: [String]) {
        self.init(capacity: capacity)
        for i in strings.indices { insert(Int32(i), strings: strings) }
    }

    /// A table of the numbers `ids` (into `strings`), their hashes computed on every core
    /// first, so that inserting is probing only: hashing the 210 000 output paths of a stored
    /// plan was most of the 45 ms its index took, on the path of every change-driven build.
    init(capacity: Int, ids: [Int32], strings: [String]) {
        self.init(capacity: capacity)
        let hashes = inParallelChunks(ids.count, atLeast: 16_384) { range in range.map { Self.hash(strings[Int(ids[$0])]) } }
        var k = 0
        for part in hashes {
            for h in part {
                insert(ids[k], hash: h)
                k += 1
            }
        }
    }

    /// True while `count` numbers leave half the buckets free (the probes stay short).
    func hasRoom(for count: Int) -> Bool { count * 2 <= buckets.count }

    /// FNV-1a over the UTF-8 bytes.
    private static func hash(_ s: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let span = s.utf8Span.span
        for i in span.indices {
            h = (h ^ UInt64(span[i])) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    mutating func insert(_ id: Int32, strings: [String]) {
        insert(id, hash: Self.hash(strings[Int(id)]))
    }

    private mutating func insert(_ id: Int32, hash: Int) {
        var k = hash & mask
        while buckets[k] >= 0 {
            if buckets[k] == id { return }
            k = (k + 1) & mask
        }
        buckets[k] = id
    }

    func find(_ path: String, strings: [String]) -> Int32? {
        guard !buckets.isEmpty else { return nil }
        var k = Self.hash(path) & mask
        while buckets[k] >= 0 {
            if strings[Int(buckets[k])].hasSameUTF8(as: path) { return buckets[k] }
            k = (k + 1) & mask
        }
        return nil
    }
}
