// Matching lake paths against patterns, and filling patterns in from a binding.
//
// `{name}` matches a non-empty run within one segment, non-greedy, left to right, the whole
// pattern anchored; `*` matches any run (possibly empty) within one segment. A wildcard that
// appears twice must capture the same text both times. Date windows are expanded into
// concrete dates before a path is matched against them (`instantiate(_:)`), so during a
// match they behave like a date wildcard.

import Foundation

/// The values of a rule's wildcards for one target, sorted by name so that equal bindings
/// compare and hash equal whatever order they were captured in.
public struct Binding: Hashable, Sendable, Comparable {
    public private(set) var pairs: [(name: String, value: String)]

    public init() { pairs = [] }

    public init(_ values: [String: String]) {
        pairs = values.map { (name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }

    /// A binding from pairs already sorted by name with distinct names (as `pairs` lists them);
    /// nil when they are not.
    init?(sortedPairs: [(name: String, value: String)]) {
        for i in sortedPairs.indices.dropFirst() where !(sortedPairs[i - 1].name < sortedPairs[i].name) { return nil }
        pairs = sortedPairs
    }

    public subscript(name: String) -> String? {
        for p in pairs where p.name == name { return p.value }
        return nil
    }

    /// Adds `name = value`; returns false when `name` is already bound to something else.
    public mutating func bind(_ name: String, _ value: String) -> Bool {
        if let existing = self[name] { return existing == value }
        let i = pairs.firstIndex { $0.name > name } ?? pairs.count
        pairs.insert((name: name, value: value), at: i)
        return true
    }

    /// The same binding restricted to `names`.
    public func restricted(to names: [String]) -> Binding {
        var b = Binding()
        for p in pairs where names.contains(p.name) { b.pairs.append(p) }
        return b
    }

    public static func == (a: Binding, b: Binding) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into h: inout Hasher) {
        for p in pairs {
            h.combine(p.name)
            h.combine(p.value)
        }
    }

    public static func < (a: Binding, b: Binding) -> Bool {
        for (x, y) in zip(a.pairs, b.pairs) {
            if x.name != y.name { return x.name < y.name }
            if x.value != y.value { return x.value.utf8.lexicographicallyPrecedes(y.value.utf8) }
        }
        return a.pairs.count < b.pairs.count
    }

    /// `date=2025-11-20 store=0003`, for messages.
    public var description: String { pairs.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
}

/// A pattern made ready for matching many paths: wildcard types resolved from the rule's
/// declarations, compiled to byte pieces, and regular expressions compiled once with their
/// verdicts cached (a lake has few distinct store ids or dates but many files). Matching
/// works on the path's bytes and creates strings only for the captures of a match.
/// Not thread-safe: one matcher per thread.
public final class PatternMatcher {
    public let pattern: PathPattern
    /// Literal text every matching path starts with; candidates are looked up by it.
    public let literalPrefix: String

    private enum Kind {
        case any
        case date
        case regex(source: String, compiled: NSRegularExpression?)
    }

    private enum Piece {
        case literal([UInt8])
        case wildcard(slot: Int, kind: Kind)
        case star
    }

    private let segments: [[Piece]]
    private let names: [String]
    private var verdicts: [String: [String: Bool]] = [:]
    private var captures: [Range<Int>?] = []

    public init(_ pattern: PathPattern, types: [String: PathPattern.WildcardType]) {
        self.pattern = pattern
        self.literalPrefix = pattern.literalPrefix

        var names: [String] = []
        var regexes: [String: NSRegularExpression] = [:]
        self.segments = pattern.segments.map { segment in
            segment.parts.map { part -> Piece in
                switch part {
                case .literal(let t): return .literal(Array(t.utf8))
                case .star: return .star
                case .wildcard(let name, _), .dateWindow(let name, _, _):
                    let slot = names.firstIndex(of: name) ?? { names.append(name); return names.count - 1 }()
                    let declared: PathPattern.WildcardType
                    if case .dateWindow = part { declared = .date } else { declared = types[name] ?? .any }
                    switch declared {
                    case .any: return .wildcard(slot: slot, kind: .any)
                    case .date: return .wildcard(slot: slot, kind: .date)
                    case .regex(let source):
                        if regexes[source] == nil, let re = try? NSRegularExpression(pattern: WildcardRegex.anchored(source)) {
                            regexes[source] = re
                        }
                        return .wildcard(slot: slot, kind: .regex(source: source, compiled: regexes[source]))
                    }
                }
            }
        }
        self.names = names
    }

    /// The wildcard values of `path`, or nil when it does not match.
    public func match(_ path: String) -> Binding? {
        let bytes = Array(path.utf8)
        guard matchBytes(bytes) else { return nil }
        var values: [String: String] = [:]
        for (slot, name) in names.enumerated() {
            if let r = captures[slot] { values[name] = String(decoding: bytes[r], as: UTF8.self) }
        }
        return Binding(values)
    }

    public func matches(_ path: String) -> Bool { matchBytes(Array(path.utf8)) }

    private func matchBytes(_ bytes: [UInt8]) -> Bool {
        captures = Array(repeating: nil, count: names.count)
        var start = 0
        for (i, pieces) in segments.enumerated() {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
            let isLast = i == segments.count - 1
            if isLast != (end == bytes.count) { return false }
            guard matchSegment(bytes, start, end, pieces[...]) else { return false }
            start = end + 1
        }
        return true
    }

    /// Matches `bytes[from..<to]` against `pieces`, recording captures on success.
    private func matchSegment(_ bytes: [UInt8], _ from: Int, _ to: Int, _ pieces: ArraySlice<Piece>) -> Bool {
        guard let piece = pieces.first else { return from == to }
        let rest = pieces.dropFirst()
        switch piece {
        case .literal(let l):
            guard to - from >= l.count else { return false }
            for k in 0..<l.count where bytes[from + k] != l[k] { return false }
            return matchSegment(bytes, from + l.count, to, rest)
        case .star:
            for end in from...to where matchSegment(bytes, end, to, rest) { return true }
            return false
        case .wildcard(let slot, let kind):
            if let bound = captures[slot] {
                let n = bound.count
                guard to - from >= n else { return false }
                for k in 0..<n where bytes[from + k] != bytes[bound.lowerBound + k] { return false }
                return matchSegment(bytes, from + n, to, rest)
            }
            var end = from + 1
            while end <= to {
                if accepts(kind, bytes, from, end) {
                    captures[slot] = from..<end
                    if matchSegment(bytes, end, to, rest) { return true }
                    captures[slot] = nil
                }
                end += 1
            }
            return false
        }
    }

    private func accepts(_ kind: Kind, _ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        switch kind {
        case .any: return true
        case .date:
            return to - from == 10 && CalendarDate(String(decoding: bytes[from..<to], as: UTF8.self)) != nil
        case .regex(let source, let compiled):
            let value = String(decoding: bytes[from..<to], as: UTF8.self)
            if let cached = verdicts[source]?[value] { return cached }
            var ok = false
            if let re = compiled {
                let ns = value as NSString
                ok = re.firstMatch(in: value, range: NSRange(location: 0, length: ns.length)) != nil
            }
            verdicts[source, default: [:]][value] = ok
            return ok
        }
    }
}

extension PathPattern {
    /// The pattern with every bound wildcard replaced by its value and every date window
    /// expanded: one pattern per date of the window, in date order. Parts that stay open
    /// (`*`, unbound wildcards) are kept.
    public func instantiate(_ binding: Binding) -> [PathPattern] {
        var results = [PathPattern(text: text, segments: [])]
        for segment in segments {
            var variants: [[Part]] = [[]]
            for part in segment.parts {
                switch part {
                case .literal:
                    for i in variants.indices { variants[i].append(part) }
                case .star:
                    for i in variants.indices { variants[i].append(part) }
                case .wildcard(let name, _):
                    let p: Part = binding[name].map { .literal($0) } ?? part
                    for i in variants.indices { variants[i].append(p) }
                case .dateWindow(let name, let from, let to):
                    guard let value = binding[name], let date = CalendarDate(value), from <= to else {
                        for i in variants.indices { variants[i].append(part) }
                        continue
                    }
                    var expanded: [[Part]] = []
                    for v in variants {
                        for offset in from...to { expanded.append(v + [.literal(date.adding(days: offset).text)]) }
                    }
                    variants = expanded
                }
            }
            var next: [PathPattern] = []
            for r in results {
                for v in variants {
                    next.append(PathPattern(text: r.text, segments: r.segments + [Segment(parts: PathPattern.mergingLiterals(v))]))
                }
            }
            results = next
        }
        return results
    }

    /// The concrete path when every part is literal, else nil.
    public var concretePath: String? {
        var out: [String] = []
        for segment in segments {
            var s = ""
            for part in segment.parts {
                guard case .literal(let t) = part else { return nil }
                s += t
            }
            out.append(s)
        }
        return out.joined(separator: "/")
    }

    /// True when the pattern names no wildcard, `*` or window: a fixed file such as
    /// `reference/stores.csv`.
    public var isLiteral: Bool { concretePath != nil }

    static func mergingLiterals(_ parts: [Part]) -> [Part] {
        var merged: [Part] = []
        for p in parts {
            if case .literal(let t) = p, case .literal(let prev)? = merged.last {
                merged[merged.count - 1] = .literal(prev + t)
            } else {
                merged.append(p)
            }
        }
        return merged
    }
}
