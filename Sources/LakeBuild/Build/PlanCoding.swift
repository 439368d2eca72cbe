// The encoding shared by the whole stored plan and its changes: unsigned LEB128 varints for
// counts and string numbers, strings front-coded in one table, a stat as varints (times as
// differences), a hash as its 32 raw bytes.
// Both sides sit on the Parquet library's byte cursor (`ByteWriter`, `ByteReader`), the one
// place of the project that touches raw memory, so every read here is bounds-checked there.

import Catalog
import LakeFormats
import Parquet

/// Interns strings for encoding: each distinct string gets the next number. Distinct by their
/// bytes, not by Swift's equality: two spellings of one name (in two Unicode normalisations)
/// are two paths on disk and must stay two strings. The numbers are found through a
/// `PathTable` (open addressing over the numbers): seeding it with a stored plan's 350 000
/// strings took a dictionary of strings 120 ms.
struct StringTable {
    private(set) var strings: [String] = []
    private var index = PathTable(capacity: 0)
    /// The strings the table started with, at the same numbers (see `isSeeded(with:)`).
    private let seed: [String]

    init() { seed = [] }

    /// A table whose first strings are `seed`, with the same numbers (encodings made with
    /// `seed` stay valid); new strings are numbered after them.
    init(seed: [String]) {
        self.seed = seed
        strings = seed
        index = PathTable(capacity: seed.count + seed.count / 8)
        for i in seed.indices { index.insert(Int32(i), strings: strings) }
    }

    /// True when the table started with `table`, byte for byte, so numbers into `table` are
    /// its own.
    func isSeeded(with table: [String]) -> Bool {
        !table.isEmpty && seed.count == table.count && (Self.sameStorage(seed, table) || seed.elementsEqual(table) { $0.hasSameUTF8(as: $1) })
    }

    /// True when `a` and `b` are one array's storage (a copy of it not yet written to), so
    /// equal without comparing 350 000 strings.
    private static func sameStorage(_ a: [String], _ b: [String]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count } }
    }

    mutating func id(_ s: String) -> Int {
        if let i = index.find(s, strings: strings) { return Int(i) }
        strings.append(s)
        if !index.hasRoom(for: strings.count) { index = PathTable(capacity: strings.count * 2, strings: strings) }
        index.insert(Int32(strings.count - 1), strings: strings)
        return strings.count - 1
    }
}

/// Writes a plan or a change.
struct PlanWriter {
    private var writer: ByteWriter

    /// - Parameter capacity: the bytes expected, reserved at once (a plan of tens of megabytes
    ///   grown by doubling holds up to twice its size while it grows).
    init(reservingCapacity capacity: Int = 0) { writer = ByteWriter(reservingCapacity: capacity) }

    /// The bytes written so far.
    var bytes: [UInt8] { writer.bytes }

    /// Appends bytes as they are (a format's magic, another writer's output).
    mutating func raw(_ bytes: [UInt8]) { writer.writeBytes(bytes) }
    mutating func raw(_ bytes: ArraySlice<UInt8>) { writer.writeBytes(bytes) }

    mutating func count(_ v: Int) { writer.writeVarUInt64(UInt64(bitPattern: Int64(v))) }

    /// The modification time of the stat written last: each one is stored as the difference
    /// from it (files of a lake are mostly written near each other in time), the change time
    /// as the difference from its own modification time (mostly none).
    private var previousMtime: Int64 = 0

    mutating func stat(_ s: FileStat) {
        writer.writeVarUInt64(s.device)
        writer.writeVarUInt64(s.inode)
        writer.writeZigZagInt64(s.size)
        writer.writeZigZagInt64(s.mtimeNs &- previousMtime)
        writer.writeZigZagInt64(s.ctimeNs &- s.mtimeNs)
        previousMtime = s.mtimeNs
    }

    /// A lowercase hex SHA-256 as its 32 bytes; anything else (an empty hash) as its text
    /// preceded by a marker, so it decodes back to what it was.
    mutating func hash(_ hex: String) {
        guard let raw = SHA256.digest(ofHex: hex) else {
            writer.writeUInt8(0)
            count(hex.utf8.count)
            writer.writeBytes(hex.utf8)
            return
        }
        writer.writeUInt8(1)
        writer.writeBytes(raw)
    }

    /// A SHA-256 given as its 32 bytes, written as `hash` writes its hex.
    mutating func digest(_ bytes: ArraySlice<UInt8>) {
        writer.writeUInt8(1)
        writer.writeBytes(bytes)
    }

    mutating func list(_ strings: [String], _ table: inout StringTable) {
        count(strings.count)
        for s in strings { count(table.id(s)) }
    }

    /// The strings in order, each as the length of the prefix it shares with the one before
    /// and the rest (front coding: sorted paths share most of their bytes).
    mutating func table(_ table: StringTable) {
        count(table.strings.count)
        var previous: [UInt8] = []
        for s in table.strings {
            let bytes = Array(s.utf8)
            var shared = 0
            let limit = min(previous.count, bytes.count)
            while shared < limit && previous[shared] == bytes[shared] { shared += 1 }
            count(shared)
            count(bytes.count - shared)
            writer.writeBytes(bytes[shared...])
            previous = bytes
        }
    }

    mutating func unmatched(_ files: [UnmatchedFile], _ table: inout StringTable) {
        count(files.count)
        for u in files {
            count(table.id(u.path))
            count(table.id(u.problem ?? ""))
            list(u.expectedPatterns, &table)
        }
    }

    /// A target without its dependencies: rule, binding, inputs line by line, missing
    /// inputs, outputs.
    mutating func target(_ t: PlannedTarget, _ table: inout StringTable) {
        count(t.ruleIndex)
        count(t.binding.pairs.count)
        for p in t.binding.pairs {
            count(table.id(p.name))
            count(table.id(p.value))
        }
        count(t.inputs.count)
        for line in t.inputs { list(line, &table) }
        list(t.missingInputs, &table)
        list(t.outputs, &table)
    }

    mutating func outcome(_ o: StoredPlan.Outcome, _ table: inout StringTable) {
        count((o.produced ? 1 : 0) | (o.dirty ? 2 : 0) | (o.skipped ? 4 : 0))
        list(o.rejectedSources, &table)
    }

    /// A file as a list of changes holds it: path, fingerprint, hash, size.
    mutating func file(_ path: String, _ f: StoredPlan.FileState, _ table: inout StringTable) {
        count(table.id(path))
        stat(f.stat)
        hash(f.content.sha256)
        count(Int(f.content.size))
    }

    /// Standing rejections, each as the catalog's text of it.
    mutating func standing(_ rejections: [StandingRejection], _ table: inout StringTable) {
        count(rejections.count)
        for s in rejections { count(table.id(RejectionDocument.catalogText([s.rejection], rule: s.rule))) }
    }
}

/// Reads what `PlanWriter` wrote: nil for anything past the end or out of range, which the
/// callers turn into "no stored plan" (the next build plans in full).
struct PlanReader {
    private var reader: ByteReader

    /// A reader of `bytes` after their first `skipping` bytes (the format's magic).
    init(bytes: [UInt8], skipping: Int) {
        reader = (try? ByteReader(bytes, range: min(skipping, bytes.count)..<bytes.count)) ?? ByteReader([])
    }

    var atEnd: Bool { reader.isAtEnd }
    /// Where the next read starts in the bytes (a reader made with `skipping:` it resumes there).
    var offset: Int { reader.offset }
    /// Bytes left: no count read from the data can stand for more items than this.
    var remaining: Int { reader.remaining }

    mutating func count() -> Int? {
        guard let v = try? reader.readVarUInt64(), v <= UInt64(Int32.max) * 4096 else { return nil }
        return Int(v)
    }

    /// Skips `n` counts; false when the bytes end first.
    mutating func skipCounts(_ n: Int) -> Bool {
        guard n <= remaining else { return false }
        for _ in 0..<n where (try? reader.readVarUInt64()) == nil { return false }
        return true
    }

    /// See `PlanWriter.previousMtime`.
    private var previousMtime: Int64 = 0

    mutating func stat() -> FileStat? {
        guard let d = try? reader.readVarUInt64(), let i = try? reader.readVarUInt64(), let s = try? reader.readZigZagInt64(),
              let m = try? reader.readZigZagInt64(), let c = try? reader.readZigZagInt64() else { return nil }
        let mtime = previousMtime &+ m
        previousMtime = mtime
        return FileStat(device: d, inode: i, size: s, mtimeNs: mtime, ctimeNs: mtime &+ c)
    }

    mutating func hash() -> String? {
        guard let marker = try? reader.readUInt8() else { return nil }
        if marker == 1 {
            guard let raw = try? reader.readBytes(32) else { return nil }
            return SHA256.hex(raw)
        }
        return rawString()
    }

    /// Reads a hash without making text of it: a SHA-256's 32 bytes are appended to `digests`
    /// and "" is returned; a hash stored as other text appends 32 zero bytes and is returned.
    mutating func hash(appendingTo digests: inout [UInt8]) -> String? {
        guard let marker = try? reader.readUInt8() else { return nil }
        if marker == 1 {
            guard (try? reader.readBytes(32, appendingTo: &digests)) != nil else { return nil }
            return ""
        }
        guard let text = rawString() else { return nil }
        digests.append(contentsOf: repeatElement(0, count: 32))
        return text
    }

    mutating func rawString() -> String? {
        guard let n = count() else { return nil }
        return try? reader.readString(n)
    }

    mutating func string(_ table: [String]) -> String? {
        guard let i = count(), i < table.count else { return nil }
        return table[i]
    }

    /// A count, then that many elements each read by `element`; nil when any is malformed.
    /// (A count above the bytes left is malformed: every element takes at least one byte.)
    mutating func repeated<T>(_ element: (inout PlanReader) -> T?) -> [T]? {
        guard let n = count(), n <= remaining else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let e = element(&self) else { return nil }
            out.append(e)
        }
        return out
    }

    mutating func list(_ table: [String]) -> [String]? { repeated { $0.string(table) } }

    mutating func lists(_ table: [String]) -> [[String]]? { repeated { $0.list(table) } }

    mutating func counts() -> [Int]? { repeated { $0.count() } }

    mutating func table() -> [String]? {
        guard let n = count(), n <= remaining else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(n)
        var bytes: [UInt8] = []
        for _ in 0..<n {
            guard let shared = count(), shared <= bytes.count, let rest = count() else { return nil }
            bytes.removeSubrange(shared...)
            guard (try? reader.readBytes(rest, appendingTo: &bytes)) != nil else { return nil }
            strings.append(String(decoding: bytes, as: UTF8.self))
        }
        return strings
    }

    mutating func unmatched(_ strings: [String]) -> [UnmatchedFile]? {
        repeated { r in
            guard let path = r.string(strings), let problem = r.string(strings), let expected = r.list(strings) else { return nil }
            return UnmatchedFile(path: path, expectedPatterns: expected, problem: problem.isEmpty ? nil : problem)
        }
    }

    mutating func target(_ strings: [String]) -> PlannedTarget? {
        guard let rule = count(), let binding = binding(strings), let inputs = lists(strings), let missing = list(strings),
              let outputs = list(strings), !outputs.isEmpty else { return nil }
        return PlannedTarget(ruleIndex: rule, binding: binding, inputs: inputs, missingInputs: missing,
                             outputs: outputs, dependencies: [])
    }

    /// A target's binding, read after its rule number.
    mutating func binding(_ strings: [String]) -> Binding? {
        guard let pairs = count(), pairs <= remaining else { return nil }
        var values: [(name: String, value: String)] = []
        values.reserveCapacity(pairs)
        for _ in 0..<pairs {
            guard let n = string(strings), let v = string(strings) else { return nil }
            values.append((n, v))
        }
        return Binding(sortedPairs: values)
    }

    mutating func outcome(_ strings: [String]) -> StoredPlan.Outcome? {
        guard let flags = count(), let rejected = list(strings) else { return nil }
        return StoredPlan.Outcome(produced: flags & 1 != 0, rejectedSources: rejected, dirty: flags & 2 != 0, skipped: flags & 4 != 0)
    }

    /// What `PlanWriter.file` wrote.
    mutating func file(_ strings: [String]) -> (String, StoredPlan.FileState)? {
        guard let path = string(strings), let stat = stat(), let sha = hash(), let size = count() else { return nil }
        return (path, StoredPlan.FileState(stat: stat, content: FileContent(sha256: sha, size: Int64(size))))
    }

    /// What `PlanWriter.standing` wrote.
    mutating func standing(_ strings: [String]) -> [StandingRejection]? {
        repeated { r in
            guard let text = r.string(strings), let (rejection, rule) = RejectionDocument.parse(catalogText: text).first else { return nil }
            return StandingRejection(rule: rule, rejection: rejection)
        }
    }
}
