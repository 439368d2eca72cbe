// The regular files of one large folder (raw/ of 100 000 uploads) as the walk read them: the
// names one after the other in one buffer, their stats in an array, and a hash index of the
// names. A build compares them with its stored plan without making a path string or a
// dictionary entry per file; on a no-op, those were the largest part of the build's own work.
// Only a build that goes on to plan adds them to a `LakeListing` (`SourceWalk.wholeListing()`).

import Glibc

/// The regular files with ASCII names of one folder, in the order the folder was read.
public struct CompactFolder: Sendable {
    /// The folder's lake-relative path followed by `/`, as bytes.
    public let prefix: [UInt8]
    /// Every name, one after the other.
    private var names: [UInt8] = []
    /// Where each name starts in `names`, and one more entry where the last ends.
    private var starts: [Int] = [0]
    /// Each file's stat, in the same order.
    public private(set) var stats: [FileStat] = []
    /// Open addressing: each slot holds a file's number, or -1. Built by `indexNames()`.
    private var slots: [Int32] = []

    init(prefix: [UInt8], reservingCapacity n: Int) {
        self.prefix = prefix
        names.reserveCapacity(n * 32)
        starts.reserveCapacity(n + 1)
        stats.reserveCapacity(n)
    }

    /// The files `files` names (distinct names of ASCII) in the folder `folder`, indexed: as
    /// a file system that keeps no names in a buffer makes one.
    public init(folder: String, files: [(name: String, stat: FileStat)]) {
        self.init(prefix: Array((folder + "/").utf8), reservingCapacity: files.count)
        for (name, stat) in files {
            var name = name
            name.withUTF8 { append(UnsafeRawBufferPointer($0), stat) }
        }
        indexNames()
    }

    public var count: Int { stats.count }

    /// Adds a file (a name not added before: names in one folder are distinct).
    mutating func append(_ name: UnsafeRawBufferPointer, _ stat: FileStat) {
        names.append(contentsOf: name)
        starts.append(names.count)
        stats.append(stat)
    }

    /// Indexes the names for `index(of:)`, once every file is added.
    mutating func indexNames() {
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        names.withUnsafeBytes { all in
            for k in 0..<count {
                var s = Self.hash(UnsafeRawBufferPointer(rebasing: all[starts[k]..<starts[k + 1]])) & mask
                while slots[s] >= 0 { s = (s + 1) & mask }
                slots[s] = Int32(k)
            }
        }
        self.slots = slots
    }

    /// The number of the file named `name` (bytes, without the folder), if the folder holds it.
    public func index(of name: UnsafeRawBufferPointer) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var s = Self.hash(name) & mask
        return names.withUnsafeBytes { all -> Int? in
            while true {
                let k = Int(slots[s])
                if k < 0 { return nil }
                let start = starts[k], length = starts[k + 1] - start
                if length == name.count && (length == 0 || memcmp(all.baseAddress! + start, name.baseAddress!, length) == 0) { return k }
                s = (s + 1) & mask
            }
        }
    }

    /// The lake-relative path of file `k`.
    public func path(_ k: Int) -> String {
        let start = starts[k], length = starts[k + 1] - start
        return String(unsafeUninitializedCapacity: prefix.count + length) { buffer in
            _ = buffer.initialize(from: prefix)
            names.withUnsafeBufferPointer { all in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[prefix.count...]).initialize(from: all[start..<(start + length)])
            }
            return prefix.count + length
        }
    }

    /// FNV-1a over the name's bytes: names of one folder differ in a few bytes anywhere (a
    /// store number, a date), and every byte counts.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
