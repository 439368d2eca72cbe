// The files of a stored plan, sorted by path: looked up by binary search, edited in place, and
// compared with a walk or stat'ed in order, with no dictionary of a whole lake's paths built
// on the no-op path. Fingerprints, sizes and hashes are kept in arrays parallel to the paths,
// each hash as its 32 bytes in one buffer: a build that changes nothing never turns 300 000
// hashes into text (that happens for the few files a build looks at, in `state(at:)`).

import Catalog
import LakeFormats

/// Paths in bytewise order, each with the fingerprint and content a build left it with.
struct StoredFiles: Equatable {
    private(set) var paths: [String] = []
    /// Each path's number in `table`, the string table the files were decoded with, or -1
    /// (a path added since): encoding the files again with that table keeps the numbers
    /// instead of looking 300 000 paths up.
    private var stringIDs: [Int32] = []
    private var table: [String] = []
    /// Each path's fingerprint, in path order.
    private(set) var stats: [FileStat] = []
    private var sizes: [Int64] = []
    /// 32 bytes per path, in path order: its SHA-256, or zeros for a hash recorded as other
    /// text (the empty text of a file never read), which `otherHashes` then holds by path.
    private var digests: [UInt8] = []
    private var otherHashes: [String: String] = [:]

    init() {}

    /// From a state per path: the paths are sorted (only they, not the states with them).
    init(_ states: [String: StoredPlan.FileState]) {
        self.init(sortedPaths: states.keys.sorted(by: LakePath.bytewiseLess)) { states[$0] }
    }

    /// From paths already in bytewise order and the state of each (a path without one is left
    /// out), with no sort at all.
    init(sortedPaths: [String], state: (String) -> StoredPlan.FileState?) {
        reserve(sortedPaths.count)
        for path in sortedPaths {
            assert(paths.last.map { LakePath.bytewiseLess($0, path) } ?? true, "paths out of order: \(path)")
            if let s = state(path) { append(path, s) }
        }
    }

    var count: Int { paths.count }

    /// The same paths with the same states (wherever their strings are numbered).
    static func == (a: StoredFiles, b: StoredFiles) -> Bool {
        a.paths.elementsEqual(b.paths) { $0.hasSameUTF8(as: $1) } && a.stats == b.stats && a.sizes == b.sizes
            && a.digests == b.digests && a.otherHashes == b.otherHashes
    }

    /// What the file at `index` was left with.
    func state(at index: Int) -> StoredPlan.FileState {
        StoredPlan.FileState(stat: stats[index], content: FileContent(sha256: hash(at: index), size: sizes[index]))
    }

    /// The lowercase hex SHA-256 of the file at `index` (or the text recorded instead).
    private func hash(at index: Int) -> String {
        let bytes = digests[(index * 32)..<(index * 32 + 32)]
        if bytes.allSatisfy({ $0 == 0 }) { return otherHashes[paths[index]] ?? "" }
        return SHA256.hex(Array(bytes))
    }

    /// The index where `path` is, or would be inserted.
    private func position(_ path: String) -> Int {
        var lo = 0, hi = paths.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if LakePath.bytewiseLess(paths[mid], path) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// True when `path` is held (no state is made for it).
    func contains(_ path: String) -> Bool {
        let i = position(path)
        return i < paths.count && paths[i].hasSameUTF8(as: path)
    }

    subscript(path: String) -> StoredPlan.FileState? {
        get {
            let i = position(path)
            return i < paths.count && paths[i].hasSameUTF8(as: path) ? state(at: i) : nil
        }
        set { apply([path: newValue]) }
    }

    /// Applies the last word on each path (nil removes it) in one pass: a state for a path
    /// held is replaced in place, and paths added or removed are merged into the arrays once,
    /// instead of shifting a lake's worth of entries per path (a stored plan with many change
    /// rows applies hundreds of them on every build).
    /// At most this many paths added and removed are applied in place (each shifts the
    /// arrays' tails once); more are merged into new arrays in one pass.
    static let inPlaceLimit = 8

    mutating func apply(_ updates: [String: StoredPlan.FileState?]) {
        var added: [(String, StoredPlan.FileState)] = []
        var removed = Set<Int>()
        for (path, update) in updates {
            let i = position(path)
            let present = i < paths.count && paths[i].hasSameUTF8(as: path)
            otherHashes[path] = nil
            switch (present, update) {
            case (true, let state?):
                stats[i] = state.stat
                sizes[i] = state.content.size
                digests.replaceSubrange((i * 32)..<(i * 32 + 32), with: digest(state.content.sha256, of: path))
            case (true, nil): removed.insert(i)
            case (false, let state?): added.append((path, state))
            case (false, nil): break
            }
        }
        guard !added.isEmpty || !removed.isEmpty else { return }
        added.sort { LakePath.bytewiseLess($0.0, $1.0) }
        // A few paths come or go in place: shifting the arrays' tails moves the paths without
        // touching them, where building the arrays anew touches every path of the lake (a
        // cache miss each: 20-30 ms for 300 000 paths, on every build after such a change).
        if added.count + removed.count <= Self.inPlaceLimit {
            for i in removed.sorted(by: >) {
                paths.remove(at: i)
                stringIDs.remove(at: i)
                stats.remove(at: i)
                sizes.remove(at: i)
                digests.removeSubrange((i * 32)..<(i * 32 + 32))
            }
            for (path, state) in added {
                let i = position(path)
                paths.insert(path, at: i)
                stringIDs.insert(-1, at: i)
                stats.insert(state.stat, at: i)
                sizes.insert(state.content.size, at: i)
                digests.insert(contentsOf: digest(state.content.sha256, of: path), at: i * 32)
            }
            return
        }
        var merged = StoredFiles()
        merged.otherHashes = otherHashes
        merged.table = table
        merged.reserve(paths.count + added.count - removed.count)
        var a = 0
        for i in paths.indices {
            while a < added.count && LakePath.bytewiseLess(added[a].0, paths[i]) {
                merged.append(added[a].0, added[a].1)
                a += 1
            }
            guard !removed.contains(i) else { continue }
            merged.paths.append(paths[i])
            merged.stringIDs.append(stringIDs[i])
            merged.stats.append(stats[i])
            merged.sizes.append(sizes[i])
            merged.digests.append(contentsOf: digests[(i * 32)..<(i * 32 + 32)])
        }
        while a < added.count {
            merged.append(added[a].0, added[a].1)
            a += 1
        }
        self = merged
    }

    /// The entries whose path starts with `prefix`, in order.
    func entries(withPrefix prefix: String) -> [(String, StoredPlan.FileState)] {
        var out: [(String, StoredPlan.FileState)] = []
        var i = position(prefix)
        while i < paths.count && LakePath.hasBytePrefix(paths[i], prefix) {
            out.append((paths[i], state(at: i)))
            i += 1
        }
        return out
    }

    // MARK: - Building

    private mutating func reserve(_ n: Int) {
        paths.reserveCapacity(n)
        stringIDs.reserveCapacity(n)
        stats.reserveCapacity(n)
        sizes.reserveCapacity(n)
        digests.reserveCapacity(n * 32)
    }

    /// Adds a path after every path already held (the caller keeps the order).
    private mutating func append(_ path: String, _ state: StoredPlan.FileState) {
        paths.append(path)
        stringIDs.append(-1)
        stats.append(state.stat)
        sizes.append(state.content.size)
        digests.append(contentsOf: digest(state.content.sha256, of: path))
    }

    /// The 32 bytes held for `hex`; other text is kept aside for `path`.
    private mutating func digest(_ hex: String, of path: String) -> [UInt8] {
        if let bytes = SHA256.digest(ofHex: hex) { return bytes }
        otherHashes[path] = hex
        return [UInt8](repeating: 0, count: 32)
    }

    // MARK: - Encoding

    /// Writes the files in order: path number, fingerprint, hash, size.
    func encode(into writer: inout PlanWriter, _ table: inout StringTable) {
        encode(into: &writer, ids: ids(in: &table))
    }

    /// Each path's number in `table`, in path order, of the files as `apply(edit)` would
    /// leave them; paths `table` does not hold yet are added. A table seeded with the one the
    /// files were decoded with takes their numbers as they are.
    func ids(in table: inout StringTable, applying edit: Edit = Edit()) -> [Int32] {
        let sameTable = table.isSeeded(with: self.table)
        var ids: [Int32] = []
        ids.reserveCapacity(count + edit.updates.count)
        forEach(applying: edit) { path, i, _ in
            if let i, sameTable && stringIDs[i] >= 0 { ids.append(stringIDs[i]) } else { ids.append(Int32(table.id(path))) }
        }
        return ids
    }

    /// Writes the files as `encode(into:_:)` does, with the path numbers `ids(in:applying:)`
    /// gave for the same `edit`.
    func encode(into writer: inout PlanWriter, ids: [Int32], applying edit: Edit = Edit()) {
        writer.count(ids.count)
        var k = 0
        forEach(applying: edit) { _, i, update in
            writer.count(Int(ids[k]))
            k += 1
            if let update {
                writer.stat(update.stat)
                writer.hash(update.content.sha256)
                writer.count(Int(update.content.size))
            } else if let i {
                writer.stat(stats[i])
                let digest = digests[(i * 32)..<(i * 32 + 32)]
                if !otherHashes.isEmpty, let other = otherHashes[paths[i]] { writer.hash(other) } else { writer.digest(digest) }
                writer.count(Int(sizes[i]))
            }
        }
    }

    /// Whether the files as `apply(edit)` would leave them are `other`'s paths, byte for byte.
    func pathsEqual(_ other: [String], applying edit: Edit = Edit()) -> Bool {
        var k = 0, equal = true
        forEach(applying: edit) { path, _, _ in
            equal = equal && k < other.count && other[k].hasSameUTF8(as: path)
            k += 1
        }
        return equal && k == other.count
    }

    /// Updates to encode the files with, as `apply` would leave them, without applying them
    /// to a copy: a whole plan written by a change-driven build holds the stored files with a
    /// handful of updates, and copying 300 000 entries to apply them took 40 ms and 30 MB.
    struct Edit {
        /// The last word on each path (nil removes it), in bytewise order.
        fileprivate var updates: [(path: String, state: StoredPlan.FileState?)]

        init(_ updates: [String: StoredPlan.FileState?] = [:]) {
            self.updates = updates.map { ($0.key, $0.value) }.sorted { LakePath.bytewiseLess($0.path, $1.path) }
        }
    }

    /// Calls `body` for each file as `apply(edit)` would leave them, in order, with the index
    /// of the path among the stored ones (nil for a path added) and its update (nil for a file
    /// kept as stored).
    private func forEach(applying edit: Edit, _ body: (_ path: String, _ index: Int?, _ update: StoredPlan.FileState?) -> Void) {
        let updates = edit.updates
        var u = 0
        for i in paths.indices {
            while u < updates.count && LakePath.bytewiseLess(updates[u].path, paths[i]) {
                if let state = updates[u].state { body(updates[u].path, nil, state) }
                u += 1
            }
            if u < updates.count && updates[u].path.hasSameUTF8(as: paths[i]) {
                if let state = updates[u].state { body(paths[i], i, state) }
                u += 1
            } else {
                body(paths[i], i, nil)
            }
        }
        for (path, state) in updates[u...] { if let state { body(path, nil, state) } }
    }

    /// Reads what `encode` wrote; nil when malformed or out of order.
    init?(decoding reader: inout PlanReader, _ strings: [String]) {
        guard let n = reader.count(), n <= reader.remaining else { return nil }
        reserve(n)
        table = strings
        for _ in 0..<n {
            guard let id = reader.count(), id < strings.count, let stat = reader.stat() else { return nil }
            let path = strings[id]
            if let last = paths.last, !LakePath.bytewiseLess(last, path) { return nil }
            guard let other = reader.hash(appendingTo: &digests), let size = reader.count() else { return nil }
            if !other.isEmpty { otherHashes[path] = other }
            paths.append(path)
            stringIDs.append(Int32(id))
            stats.append(stat)
            sizes.append(Int64(size))
        }
    }
}
