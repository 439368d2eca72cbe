// The plan a build leaves for the next one. A build that ran to its end stores the whole
// target graph, every raw, reference and output file with the fingerprint and content hash it
// saw, and each target's outcome; the next build walks the sources, stats the outputs named
// here, and starts from the differences (see `ChangeDrivenDiscovery` and `Build`). With no
// difference the build is done: one SELECT, one walk, one stat per output, no plan.
//
// Encoding: every distinct string (paths, wildcard names and values) once, in a table; the
// rest refers to strings by number (varints), hashes are 32 raw bytes, fingerprints five
// 8-byte fields. The files come before the targets, so the no-op check decodes only them.
// Every build that writes clears the stored plan first, so a crash never leaves a stale one.

import Catalog
import LakeFormats

/// What one build saw and decided, in the form the next build starts from.
struct StoredPlan {
    /// A file as the build left it: fingerprint and content.
    struct FileState: Equatable {
        var stat: FileStat
        var sha256: String
        var size: Int64
    }

    /// A target's outcome as its dependents see it.
    struct Outcome: Equatable {
        /// The outputs exist as recorded (built or up to date).
        var produced: Bool
        /// Rejected raw files behind a target that produced nothing (see `BuildSession.Result`).
        var rejectedSources: [String]
        /// The target must be looked at by the next build (it failed).
        var dirty: Bool
    }

    /// Raw and reference files.
    var sources: [String: FileState]
    /// Outputs and rejection files that exist.
    var outputs: [String: FileState]
    var unmatched: [UnmatchedFile]
    var standing: [StandingRejection]
    var escapingLinks: [String]
    var targetCount: Int
    /// Targets the next build must visit whatever changed (they failed).
    var dirtyCount: Int
    /// The targets, decoded on demand (`graph(rules:)`): a build with no change never needs them.
    private var targetBytes: ArraySlice<UInt8>
    private var strings: [String]

    /// The digest of everything besides files that decides a build: the rules as parsed, each
    /// rule's action version, the files rules use, and the engine's own format version.
    static func configuration(rules: RuleSet, versionOf: (ActionInvocation) -> Int?, usedFiles: [String: InputVersion] = [:]) -> String {
        var text = "lakemake-plan-1\n"
        for rule in rules.rules {
            text += "rule \(rule.name)\n"
            for line in rule.inputs { text += "in \(line.pattern.text)\n" }
            for line in rule.outputs { text += "out \(line.pattern.text)\n" }
            switch rule.action {
            case .builtin(let name, let parameters, _):
                text += "run \(name) v\(versionOf(rule.action).map(String.init) ?? "?")"
                for p in parameters { text += " \(p.key)=\(TargetKey.escape(p.value))" }
                text += "\n"
            case .shell(let command, _):
                text += "sh \(TargetKey.escape(command))\n"
            }
        }
        for (path, v) in usedFiles.sorted(by: { $0.key < $1.key }) { text += "uses \(path) \(v.sha256)\n" }
        return SHA256.hex(SHA256.hash(Array(text.utf8)))
    }

    /// The stored graph with `rules` (the same rules, as the configuration digest ensures),
    /// and each target's outcome, parallel to the graph's targets. Nil when malformed.
    func graph(rules: RuleSet) -> (graph: TargetGraph, outcomes: [Outcome])? {
        var r = PlanReader(bytes: targetBytes)
        let ordered = rules.topologicalOrder()
        var graph = TargetGraph(rules: ordered, targets: [], producer: [:], unmatched: unmatched, sources: [])
        var outcomes: [Outcome] = []
        guard let sourceCount = r.count() else { return nil }
        graph.sources.reserveCapacity(sourceCount)
        for _ in 0..<sourceCount {
            guard let s = r.string(strings) else { return nil }
            graph.sources.append(s)
        }
        graph.targets.reserveCapacity(targetCount)
        outcomes.reserveCapacity(targetCount)
        graph.producer.reserveCapacity(targetCount * 2)
        for i in 0..<targetCount {
            guard let rule = r.count(), rule < ordered.count, let pairs = r.count() else { return nil }
            var values: [String: String] = [:]
            for _ in 0..<pairs {
                guard let n = r.string(strings), let v = r.string(strings) else { return nil }
                values[n] = v
            }
            guard let inputs = r.lists(strings), let missing = r.list(strings), let outputs = r.list(strings), !outputs.isEmpty,
                  let dependencies = r.counts(), let flags = r.count(), let rejected = r.list(strings) else { return nil }
            for o in outputs { graph.producer[o] = i }
            graph.targets.append(PlannedTarget(ruleIndex: rule, binding: Binding(values), inputs: inputs, missingInputs: missing,
                                               outputs: outputs, dependencies: dependencies))
            outcomes.append(Outcome(produced: flags & 1 != 0, rejectedSources: rejected, dirty: flags & 2 != 0))
        }
        guard r.atEnd else { return nil }
        return (graph, outcomes)
    }

    // MARK: - Encoding

    /// The format's first bytes; anything else (a no-op snapshot of an older version) is not
    /// decoded, and the next build plans in full once.
    static let magic = Array("LMP1".utf8)

    /// Encodes a plan. `outcomes` is parallel to `graph.targets`.
    static func encode(graph: TargetGraph, outcomes: [Outcome], sources: [String: FileState], outputs: [String: FileState],
                       standing: [StandingRejection], escapingLinks: [String]) -> [UInt8] {
        var table = StringTable()
        var files = PlanWriter()
        // In the dictionaries' order: the decoder builds dictionaries again, and the stored
        // plan is the catalog's own (no output depends on its bytes).
        for list in [sources, outputs] {
            files.count(list.count)
            for (path, f) in list {
                files.count(table.id(path))
                files.stat(f.stat)
                files.hash(f.sha256)
                files.count(Int(f.size))
            }
        }
        files.count(graph.unmatched.count)
        for u in graph.unmatched {
            files.count(table.id(u.path))
            files.count(table.id(u.problem ?? ""))
            files.list(u.expectedPatterns, &table)
        }
        files.count(standing.count)
        for s in standing { files.count(table.id(RejectionDocument.catalogText([s.rejection], rule: s.rule))) }
        files.list(escapingLinks, &table)
        files.count(graph.targets.count)
        files.count(outcomes.filter(\.dirty).count)

        var targets = PlanWriter()
        targets.list(graph.sources, &table)
        for (t, o) in zip(graph.targets, outcomes) {
            targets.count(t.ruleIndex)
            targets.count(t.binding.pairs.count)
            for p in t.binding.pairs {
                targets.count(table.id(p.name))
                targets.count(table.id(p.value))
            }
            targets.count(t.inputs.count)
            for line in t.inputs { targets.list(line, &table) }
            targets.list(t.missingInputs, &table)
            targets.list(t.outputs, &table)
            targets.count(t.dependencies.count)
            for d in t.dependencies { targets.count(d) }
            targets.count((o.produced ? 1 : 0) | (o.dirty ? 2 : 0))
            targets.list(o.rejectedSources, &table)
        }

        var out = PlanWriter()
        out.bytes = magic
        out.count(table.strings.count)
        for s in table.strings {
            out.count(s.utf8.count)
            out.bytes.append(contentsOf: s.utf8)
        }
        out.bytes += files.bytes
        out.bytes += targets.bytes
        return out.bytes
    }

    /// Decodes the files and summary of a stored plan (the targets stay encoded until asked
    /// for); nil for anything malformed or of another format.
    init?(decoding bytes: [UInt8]) {
        guard bytes.starts(with: Self.magic) else { return nil }
        var r = PlanReader(bytes: bytes[...].dropFirst(Self.magic.count))
        guard let n = r.count() else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(n)
        for _ in 0..<n {
            guard let s = r.rawString() else { return nil }
            strings.append(s)
        }
        var lists: [[String: FileState]] = []
        for _ in 0..<2 {
            guard let count = r.count() else { return nil }
            var list: [String: FileState] = [:]
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = r.string(strings), let stat = r.stat(), let sha = r.hash(), let size = r.count() else { return nil }
                list[path] = FileState(stat: stat, sha256: sha, size: Int64(size))
            }
            lists.append(list)
        }
        sources = lists[0]
        outputs = lists[1]
        guard let nu = r.count() else { return nil }
        unmatched = []
        for _ in 0..<nu {
            guard let path = r.string(strings), let problem = r.string(strings), let expected = r.list(strings) else { return nil }
            unmatched.append(UnmatchedFile(path: path, expectedPatterns: expected, problem: problem.isEmpty ? nil : problem))
        }
        guard let ns = r.count() else { return nil }
        standing = []
        for _ in 0..<ns {
            guard let text = r.string(strings), let (rejection, rule) = RejectionDocument.parse(catalogText: text).first else { return nil }
            standing.append(StandingRejection(rule: rule, rejection: rejection))
        }
        guard let links = r.list(strings), let count = r.count(), let dirty = r.count() else { return nil }
        escapingLinks = links
        targetCount = count
        dirtyCount = dirty
        targetBytes = r.rest
        self.strings = strings
    }
}

/// Interns strings for encoding: each distinct string gets the next number.
private struct StringTable {
    var strings: [String] = []
    var ids: [String: Int] = [:]

    mutating func id(_ s: String) -> Int {
        if let i = ids[s] { return i }
        ids[s] = strings.count
        strings.append(s)
        return strings.count - 1
    }
}

/// Unsigned LEB128 varints, fixed 8-byte little-endian fields and raw hash bytes.
private struct PlanWriter {
    var bytes: [UInt8] = []

    mutating func count(_ v: Int) {
        var u = UInt64(bitPattern: Int64(v))
        while u >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: u) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func fixed(_ v: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    mutating func stat(_ s: FileStat) {
        fixed(s.device)
        fixed(s.inode)
        fixed(UInt64(bitPattern: s.size))
        fixed(UInt64(bitPattern: s.mtimeNs))
        fixed(UInt64(bitPattern: s.ctimeNs))
    }

    /// A lowercase hex SHA-256 as its 32 bytes; anything else (an empty hash) as 32 zero bytes
    /// preceded by a marker, so it decodes back to what it was.
    mutating func hash(_ hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64, let raw = Self.bytes(ofHex: utf8) else {
            bytes.append(0)
            count(utf8.count)
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(1)
        bytes.append(contentsOf: raw)
    }

    mutating func list(_ strings: [String], _ table: inout StringTable) {
        count(strings.count)
        for s in strings { count(table.id(s)) }
    }

    private static func bytes(ofHex hex: [UInt8]) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var i = 0
        while i < hex.count {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// Reads what `PlanWriter` wrote; every read is bounds-checked and gives nil past the end.
private struct PlanReader {
    var bytes: ArraySlice<UInt8>

    var atEnd: Bool { bytes.isEmpty }
    var rest: ArraySlice<UInt8> { bytes }

    mutating func count() -> Int? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while let b = bytes.first {
            bytes = bytes.dropFirst()
            guard shift < 64 else { return nil }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 {
                guard v <= UInt64(Int32.max) * 4096 else { return nil }
                return Int(v)
            }
            shift += 7
        }
        return nil
    }

    mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 0, n <= bytes.count else { return nil }
        defer { bytes = bytes.dropFirst(n) }
        return bytes.prefix(n)
    }

    mutating func fixed() -> UInt64? {
        guard let b = take(8) else { return nil }
        var u: UInt64 = 0
        for (k, byte) in b.enumerated() { u |= UInt64(byte) << UInt64(8 * k) }
        return u
    }

    mutating func stat() -> FileStat? {
        guard let d = fixed(), let i = fixed(), let s = fixed(), let m = fixed(), let c = fixed() else { return nil }
        return FileStat(device: d, inode: i, size: Int64(bitPattern: s), mtimeNs: Int64(bitPattern: m), ctimeNs: Int64(bitPattern: c))
    }

    mutating func hash() -> String? {
        guard let marker = take(1)?.first else { return nil }
        if marker == 1 {
            guard let raw = take(32) else { return nil }
            return SHA256.hex(Array(raw))
        }
        guard let n = count(), let text = take(n) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    mutating func rawString() -> String? {
        guard let n = count(), let text = take(n) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    mutating func string(_ table: [String]) -> String? {
        guard let i = count(), i < table.count else { return nil }
        return table[i]
    }

    mutating func list(_ table: [String]) -> [String]? {
        guard let n = count(), n <= bytes.count else { return nil }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let s = string(table) else { return nil }
            out.append(s)
        }
        return out
    }

    mutating func lists(_ table: [String]) -> [[String]]? {
        guard let n = count(), n <= bytes.count else { return nil }
        var out: [[String]] = []
        for _ in 0..<n {
            guard let l = list(table) else { return nil }
            out.append(l)
        }
        return out
    }

    mutating func counts() -> [Int]? {
        guard let n = count(), n <= bytes.count else { return nil }
        var out: [Int] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let v = count() else { return nil }
            out.append(v)
        }
        return out
    }
}
