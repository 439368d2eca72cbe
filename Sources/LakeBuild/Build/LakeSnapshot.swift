// The no-op fast path. A full build that ends with nothing failed has reached a fixed point:
// building again with the same rules, the same action versions, the same raw and reference
// files and the same outputs would run nothing. So it stores what it saw (every source and
// output path with its fingerprint, plus what its summary listed) in the catalog; the next
// build walks the sources, stats the outputs named there, and if every fingerprint matches
// it is done, with one SELECT and no discovery. Any difference, or no snapshot, takes the
// full path, which decides target by target as usual. Every build that writes clears the
// snapshot first, so a crash can never leave a stale one behind.

import Catalog
import LakeFormats

/// What a completed build saw, in the form the next build compares against.
struct LakeSnapshot: Equatable {
    struct Entry: Equatable {
        var path: String
        var stat: FileStat
    }

    /// Raw and reference files.
    var sources: [Entry]
    /// Outputs and rejection files.
    var outputs: [Entry]
    var targetCount: Int
    var unmatched: [UnmatchedFile]
    /// The standing rejections with their errors, so the no-op summary lists what the full one did.
    var standing: [StandingRejection]
    var escapingLinks: [String]

    /// The digest of everything besides files that decides a build: the rules as parsed, each
    /// rule's action version, and the engine's own format version.
    static func configuration(rules: RuleSet, versionOf: (ActionInvocation) -> Int?, usedFiles: [String: InputVersion] = [:]) -> String {
        // Version 2: `\d` in wildcard regexes became ASCII, so a lake unchanged since version 1 may
        // still plan differently and must take the full path once.
        var text = "lakemake-snapshot-3\n"
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
        // A script a rule uses is part of its targets' keys: an edit to one is no no-op.
        for (path, v) in usedFiles.sorted(by: { $0.key < $1.key }) { text += "uses \(path) \(v.sha256)\n" }
        return SHA256.hex(SHA256.hash(Array(text.utf8)))
    }

    /// True when every file is where and as the snapshot says: same sources (no more, no
    /// fewer) and same outputs (`outputStats` in the order of `outputs`).
    func matches(sources listing: LakeListing, outputStats: [FileStat?]) -> Bool {
        guard listing.files.count == sources.count, listing.escapingLinks == escapingLinks,
              listing.unusableNames == unmatched.filter({ $0.problem != nil }),
              outputStats.count == outputs.count else { return false }
        for (e, s) in zip(outputs, outputStats) where s != e.stat { return false }
        for e in sources where listing.files[e.path] != e.stat { return false }
        return true
    }

    // MARK: - Encoding

    /// The format's first bytes. LMS2 stores each standing rejection as its catalog document
    /// (LMS1 had path and rule only), LMS3 each unmatched file's problem; a snapshot in an older format is not decoded, so the
    /// next build takes the full path once and stores a new one.
    static let magic = "LMS3"

    func encoded() -> [UInt8] {
        var w = SnapshotWriter()
        w.bytes.append(contentsOf: Array(Self.magic.utf8))
        w.int(targetCount)
        for list in [sources, outputs] {
            w.int(list.count)
            for e in list {
                w.string(e.path)
                w.int64(Int64(bitPattern: e.stat.device))
                w.int64(Int64(bitPattern: e.stat.inode))
                w.int64(e.stat.size)
                w.int64(e.stat.mtimeNs)
                w.int64(e.stat.ctimeNs)
            }
        }
        w.int(unmatched.count)
        for u in unmatched {
            w.string(u.path)
            w.string(u.problem ?? "")
            w.int(u.expectedPatterns.count)
            for p in u.expectedPatterns { w.string(p) }
        }
        w.int(standing.count)
        for s in standing { w.string(RejectionDocument.catalogText([s.rejection], rule: s.rule)) }
        w.int(escapingLinks.count)
        for l in escapingLinks { w.string(l) }
        return w.bytes
    }

    /// Decodes a snapshot; nil for anything malformed (the full path is then taken).
    init?(decoding bytes: [UInt8]) {
        var r = SnapshotReader(bytes: bytes)
        guard r.take(4) == Array(Self.magic.utf8), let count = r.int() else { return nil }
        targetCount = count
        var lists: [[Entry]] = []
        for _ in 0..<2 {
            guard let n = r.int() else { return nil }
            var list: [Entry] = []
            list.reserveCapacity(n)
            for _ in 0..<n {
                guard let path = r.string(), let dev = r.int64(), let ino = r.int64(), let size = r.int64(),
                      let mtime = r.int64(), let ctime = r.int64() else { return nil }
                list.append(Entry(path: path, stat: FileStat(device: UInt64(bitPattern: dev), inode: UInt64(bitPattern: ino),
                                                             size: size, mtimeNs: mtime, ctimeNs: ctime)))
            }
            lists.append(list)
        }
        sources = lists[0]
        outputs = lists[1]
        guard let nu = r.int() else { return nil }
        unmatched = []
        for _ in 0..<nu {
            guard let path = r.string(), let problem = r.string(), let np = r.int() else { return nil }
            var patterns: [String] = []
            for _ in 0..<np {
                guard let p = r.string() else { return nil }
                patterns.append(p)
            }
            unmatched.append(UnmatchedFile(path: path, expectedPatterns: patterns, problem: problem.isEmpty ? nil : problem))
        }
        guard let ns = r.int() else { return nil }
        standing = []
        for _ in 0..<ns {
            guard let text = r.string(), let (rejection, rule) = RejectionDocument.parse(catalogText: text).first else { return nil }
            standing.append(StandingRejection(rule: rule, rejection: rejection))
        }
        guard let nl = r.int() else { return nil }
        escapingLinks = []
        for _ in 0..<nl {
            guard let l = r.string() else { return nil }
            escapingLinks.append(l)
        }
        guard r.atEnd else { return nil }
    }

    init(sources: [Entry], outputs: [Entry], targetCount: Int, unmatched: [UnmatchedFile],
         standing: [StandingRejection], escapingLinks: [String]) {
        self.sources = sources
        self.outputs = outputs
        self.targetCount = targetCount
        self.unmatched = unmatched
        self.standing = standing
        self.escapingLinks = escapingLinks
    }
}

/// Little-endian fields and length-prefixed strings.
private struct SnapshotWriter {
    var bytes: [UInt8] = []

    mutating func int64(_ v: Int64) {
        let u = UInt64(bitPattern: v)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: u >> UInt64(shift))) }
    }

    mutating func int(_ v: Int) { int64(Int64(v)) }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
}

/// Reads what `SnapshotWriter` wrote; every read is bounds-checked and returns nil past the end.
private struct SnapshotReader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, n <= bytes.count - offset else { return nil }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    mutating func int64() -> Int64? {
        guard bytes.count - offset >= 8 else { return nil }
        var u: UInt64 = 0
        for k in 0..<8 { u |= UInt64(bytes[offset + k]) << UInt64(8 * k) }
        offset += 8
        return Int64(bitPattern: u)
    }

    mutating func int() -> Int? {
        guard let v = int64(), v >= 0, v <= Int64(bytes.count) * 8 + 1 else { return nil }
        return Int(v)
    }

    mutating func string() -> String? {
        guard let n = int(), n <= bytes.count - offset else { return nil }
        defer { offset += n }
        return String(decoding: bytes[offset..<offset + n], as: UTF8.self)
    }
}
