// The plan a build leaves for the next one. A build that ran to its end stores the whole
// target graph, every raw, reference and output file with the fingerprint and content hash it
// saw, and each target's outcome; the next build walks the sources, stats the outputs named
// here, and starts from the differences (see `ChangeDrivenDiscovery` and `Build`). With no
// difference the build is done: one SELECT, one walk, one stat per output, no plan.
//
// Encoding: every distinct string (paths, wildcard names and values) once, in a table; the
// rest refers to strings by number (varints), hashes are 32 raw bytes, fingerprints five
// 8-byte fields. The files come before the targets, so the no-op check decodes only them.
// A build that changed little stores only its changes (`StoredPlanChange`), which the next
// build applies to the whole plan in order; see `Catalog+StoredPlan.swift` for why a killed
// build can never leave a stale plan.

import Catalog
import LakeFormats

/// What one build saw and decided, in the form the next build starts from.
struct StoredPlan {
    /// A file as the build left it: fingerprint and content.
    struct FileState: Equatable {
        var stat: FileStat
        var content: FileContent
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
    var sources: StoredFiles
    /// Outputs and rejection files that exist.
    var outputs: StoredFiles
    var unmatched: [UnmatchedFile]
    var standing: [StandingRejection]
    var escapingLinks: [String]
    var targetCount: Int
    /// Targets the next build must visit whatever changed (they failed).
    var dirtyCount: Int
    /// The targets, read and decoded on demand (`graph(rules:)`): a build with no change never
    /// needs them, so the catalog keeps them in a column of their own.
    private var loadGraph: () -> [UInt8]
    private var strings: [String]
    private var baseTargetCount: Int
    /// Changes later builds stored, in order.
    private var changes: [StoredPlanChange] = []
    /// Sizes in bytes of the whole plan and of the changes stored after it.
    private(set) var baseSize = 0
    private(set) var changesSize = 0

    /// Decodes a stored plan and applies its changes to the files and summary lists; nil for
    /// anything malformed or of another format.
    /// - Parameter graph: reads the graph part of the whole plan, when it is needed.
    init?(record: StoredPlanRecord, graph: @escaping () -> [UInt8]) {
        self.init(decoding: record.base, graph: graph)
        baseSize = record.base.count
        for bytes in record.changes {
            guard let change = StoredPlanChange(decoding: bytes) else { return nil }
            changesSize += bytes.count
            for (path, f) in change.sourcesSet { sources[path] = f }
            for path in change.sourcesRemoved { sources[path] = nil }
            for (path, f) in change.outputsSet { outputs[path] = f }
            for path in change.outputsRemoved { outputs[path] = nil }
            unmatched = change.unmatched
            standing = change.standing
            escapingLinks = change.escapingLinks
            targetCount = change.targetCount
            dirtyCount = change.dirtyCount
            changes.append(change)
        }
    }

    /// The digest of everything besides files that decides a build: the rules as parsed, each
    /// rule's action version, the files rules use, and the engine's own format version.
    static func configuration(rules: RuleSet, versionOf: (ActionInvocation) -> Int?, usedFiles: [String: FileContent] = [:]) -> String {
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
        let bytes = loadGraph()
        var r = PlanReader(bytes: bytes[...])
        let ordered = rules.topologicalOrder()
        var graph = TargetGraph(rules: ordered, targets: [], producer: [:], unmatched: unmatched, sources: [])
        var outcomes: [Outcome] = []
        guard let sourceCount = r.count() else { return nil }
        graph.sources.reserveCapacity(sourceCount)
        for _ in 0..<sourceCount {
            guard let s = r.string(strings) else { return nil }
            graph.sources.append(s)
        }
        graph.targets.reserveCapacity(baseTargetCount)
        outcomes.reserveCapacity(baseTargetCount)
        graph.producer.reserveCapacity(baseTargetCount * 2)
        for i in 0..<baseTargetCount {
            guard var target = r.target(strings), target.ruleIndex < ordered.count, let dependencies = r.counts(),
                  let outcome = r.outcome(strings) else { return nil }
            target.dependencies = dependencies
            for o in target.outputs { graph.producer[o] = i }
            graph.targets.append(target)
            outcomes.append(outcome)
        }
        guard r.atEnd else { return nil }
        if !changes.isEmpty {
            guard let applied = StoredPlanChange.apply(changes, to: graph, outcomes: outcomes, sources: sources) else { return nil }
            (graph, outcomes) = applied
        }
        guard graph.targets.count == targetCount else { return nil }
        return (graph, outcomes)
    }

    // MARK: - Encoding

    /// The format's first bytes; anything else (a no-op snapshot of an older version) is not
    /// decoded, and the next build plans in full once.
    static let magic = Array("LMP1".utf8)

    /// Encodes a plan: the part every build reads (files and summary lists, with the string
    /// table) and the graph part only a build with changes reads. `outcomes` is parallel to
    /// `graph.targets`.
    static func encode(graph: TargetGraph, outcomes: [Outcome], sources: StoredFiles, outputs: StoredFiles,
                       standing: [StandingRejection], escapingLinks: [String]) -> (base: [UInt8], graph: [UInt8]) {
        var table = StringTable()
        var files = PlanWriter()
        // Sorted by path, as `StoredFiles` keeps them.
        for list in [sources, outputs] {
            files.count(list.count)
            for (path, f) in zip(list.paths, list.states) {
                files.count(table.id(path))
                files.stat(f.stat)
                files.hash(f.content.sha256)
                files.count(Int(f.content.size))
            }
        }
        files.unmatched(graph.unmatched, &table)
        files.count(standing.count)
        for s in standing { files.count(table.id(RejectionDocument.catalogText([s.rejection], rule: s.rule))) }
        files.list(escapingLinks, &table)
        files.count(graph.targets.count)
        files.count(outcomes.filter(\.dirty).count)

        var targets = PlanWriter()
        targets.list(graph.sources, &table)
        for (t, o) in zip(graph.targets, outcomes) {
            targets.target(t, &table)
            targets.count(t.dependencies.count)
            for d in t.dependencies { targets.count(d) }
            targets.outcome(o, &table)
        }

        var out = PlanWriter()
        out.bytes = magic
        out.table(table)
        out.bytes += files.bytes
        return (out.bytes, targets.bytes)
    }

    /// Decodes the files and summary of a whole stored plan (the targets stay encoded until
    /// asked for); nil for anything malformed or of another format.
    private init?(decoding bytes: [UInt8], graph: @escaping () -> [UInt8]) {
        guard bytes.starts(with: Self.magic) else { return nil }
        var r = PlanReader(bytes: bytes[...].dropFirst(Self.magic.count))
        guard let strings = r.table() else { return nil }
        var lists: [StoredFiles] = []
        for _ in 0..<2 {
            guard let count = r.count(), count <= bytes.count else { return nil }
            var paths: [String] = []
            var states: [FileState] = []
            paths.reserveCapacity(count)
            states.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = r.string(strings), let stat = r.stat(), let sha = r.hash(), let size = r.count() else { return nil }
                paths.append(path)
                states.append(FileState(stat: stat, content: FileContent(sha256: sha, size: Int64(size))))
            }
            guard let list = StoredFiles(sortedPaths: paths, states: states) else { return nil }
            lists.append(list)
        }
        sources = lists[0]
        outputs = lists[1]
        guard let u = r.unmatched(strings) else { return nil }
        unmatched = u
        guard let ns = r.count() else { return nil }
        standing = []
        for _ in 0..<ns {
            guard let text = r.string(strings), let (rejection, rule) = RejectionDocument.parse(catalogText: text).first else { return nil }
            standing.append(StandingRejection(rule: rule, rejection: rejection))
        }
        guard let links = r.list(strings), let count = r.count(), let dirty = r.count() else { return nil }
        escapingLinks = links
        targetCount = count
        baseTargetCount = count
        dirtyCount = dirty
        guard r.atEnd else { return nil }
        loadGraph = graph
        self.strings = strings
    }
}

/// Interns strings for encoding: each distinct string gets the next number.
struct StringTable {
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
struct PlanWriter {
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
struct PlanReader {
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
