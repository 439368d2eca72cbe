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
            if x.value != y.value { return Array(x.value.utf8).lexicographicallyPrecedes(Array(y.value.utf8)) }
        }
        return a.pairs.count < b.pairs.count
    }

    /// `date=2025-11-20 store=0003`, for messages.
    public var description: String { pairs.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
}

/// A pattern made ready for matching many paths: wildcard types resolved from the rule's
/// declarations and regular expressions compiled once, with their verdicts cached (a lake
/// has few distinct store ids or dates but many files).
public final class PatternMatcher {
    public let pattern: PathPattern
    private let types: [String: PathPattern.WildcardType]
    private var regexes: [String: NSRegularExpression] = [:]
    private var verdicts: [String: [String: Bool]] = [:]
    /// Literal text every matching path starts with; candidates are looked up by it.
    public let literalPrefix: String

    public init(_ pattern: PathPattern, types: [String: PathPattern.WildcardType]) {
        self.pattern = pattern
        self.types = types
        var prefix = ""
        outer: for (i, segment) in pattern.segments.enumerated() {
            for part in segment.parts {
                guard case .literal(let text) = part else { break outer }
                prefix += text
            }
            if i < pattern.segments.count - 1 { prefix += "/" }
        }
        self.literalPrefix = prefix
        for (_, type) in types {
            if case .regex(let source) = type, regexes[source] == nil {
                regexes[source] = try? NSRegularExpression(pattern: "^(?:\(source))$")
            }
        }
    }

    /// The wildcard values of `path`, or nil when it does not match.
    public func match(_ path: String) -> Binding? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == pattern.segments.count else { return nil }
        var binding = Binding()
        for (segment, parts) in zip(segments, pattern.segments) {
            guard matchSegment(Array(segment.utf8)[...], parts.parts[...], &binding) else { return nil }
        }
        return binding
    }

    public func matches(_ path: String) -> Bool { match(path) != nil }

    private func matchSegment(_ text: ArraySlice<UInt8>, _ parts: ArraySlice<PathPattern.Part>, _ binding: inout Binding) -> Bool {
        guard let part = parts.first else { return text.isEmpty }
        let rest = parts.dropFirst()
        switch part {
        case .literal(let literal):
            let l = Array(literal.utf8)
            guard text.starts(with: l) else { return false }
            return matchSegment(text.dropFirst(l.count), rest, &binding)
        case .star:
            var end = text.startIndex
            while true {
                var attempt = binding
                if matchSegment(text[end...], rest, &attempt) {
                    binding = attempt
                    return true
                }
                if end == text.endIndex { return false }
                end += 1
            }
        case .wildcard(let name, _), .dateWindow(let name, _, _):
            if let bound = binding[name] {
                let b = Array(bound.utf8)
                guard text.starts(with: b) else { return false }
                return matchSegment(text.dropFirst(b.count), rest, &binding)
            }
            var end = text.startIndex + 1
            while end <= text.endIndex {
                let value = String(decoding: text[text.startIndex..<end], as: UTF8.self)
                if accepts(name, value) {
                    var attempt = binding
                    _ = attempt.bind(name, value)
                    if matchSegment(text[end...], rest, &attempt) {
                        binding = attempt
                        return true
                    }
                }
                end += 1
            }
            return false
        }
    }

    private func accepts(_ name: String, _ value: String) -> Bool {
        switch types[name] ?? .any {
        case .any: return true
        case .date: return CalendarDate(value) != nil
        case .regex(let source):
            if let cached = verdicts[source]?[value] { return cached }
            let ok: Bool
            if let re = regexes[source] {
                let ns = value as NSString
                ok = re.firstMatch(in: value, range: NSRange(location: 0, length: ns.length)) != nil
            } else {
                ok = false
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
