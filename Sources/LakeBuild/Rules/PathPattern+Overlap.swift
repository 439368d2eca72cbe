// Could two patterns name the same path? The answer must be sound: `false` only when no path
// matches both, because it decides which rules feed which (a missed edge would plan a
// consumer before its producer) and which out patterns clash. It may say `true` too often.
//
// Nothing crosses `/`, so both patterns need the same number of segments and each pair of
// segments must share a string. A segment is over-approximated as a sequence of tokens: a
// literal character, a digit, any one character, or any run of characters. `{x}` is one
// character then any run (it is never empty); `{x:date}` and a window are `dddd-dd-dd`; a
// regex or a wildcard of unknown type is any run (a regex may match the empty text); `*` is
// any run. Two token sequences share a string exactly when a walk over both (a classic
// glob-against-glob check) reaches both ends. Equal names are not forced to equal values,
// which only makes the answer more often `true`.

extension PathPattern {
    /// Whether some path may match both `self` and `other`. Wildcards of type nil that are
    /// typed earlier in the same pattern take that type; otherwise they may match anything
    /// (fill them in first with `resolvingTypes` for a sharper answer).
    public func mayOverlap(_ other: PathPattern) -> Bool {
        PatternShape(self).mayOverlap(PatternShape(other))
    }

    /// Literal text every matching path starts with (up to the first wildcard or `*`).
    public var literalPrefix: String {
        var prefix = ""
        for (i, segment) in segments.enumerated() {
            for part in segment.parts {
                guard case .literal(let text) = part else { return prefix }
                prefix += text
            }
            if i < segments.count - 1 { prefix += "/" }
        }
        return prefix
    }

    /// The pattern with each untyped wildcard given its type from `types` (the rule's declarations).
    public func resolvingTypes(_ types: [String: WildcardType]) -> PathPattern {
        var copy = self
        for s in copy.segments.indices {
            for p in copy.segments[s].parts.indices {
                if case .wildcard(let name, nil) = copy.segments[s].parts[p], let type = types[name] {
                    copy.segments[s].parts[p] = .wildcard(name: name, type: type)
                }
            }
        }
        return copy
    }

    /// The types this pattern itself declares, by wildcard name (first declaration wins).
    var declaredTypes: [String: WildcardType] {
        var types: [String: WildcardType] = [:]
        for segment in segments {
            for part in segment.parts {
                if case .wildcard(let name, let type?) = part, types[name] == nil { types[name] = type }
            }
        }
        return types
    }
}

/// A pattern compiled once for overlap questions: its segments' shapes and its literal prefix.
/// Comparing many patterns pairwise builds each shape once, not once per pair.
struct PatternShape {
    let segments: [SegmentShape]
    let literalPrefix: String

    init(_ pattern: PathPattern) {
        let types = pattern.declaredTypes
        segments = pattern.segments.map { SegmentShape($0, types: types) }
        literalPrefix = pattern.literalPrefix
    }

    /// Whether some path may match both (see `PathPattern.mayOverlap`).
    func mayOverlap(_ other: PatternShape) -> Bool {
        guard segments.count == other.segments.count else { return false }
        guard literalPrefix.hasPrefix(other.literalPrefix) || other.literalPrefix.hasPrefix(literalPrefix) else { return false }
        for (a, b) in zip(segments, other.segments) where !a.mayShareText(with: b) { return false }
        return true
    }
}

/// The patterns of a rule set by literal prefix. Two patterns can overlap only when one prefix
/// starts the other, so the candidates for a pattern are the ones whose prefix extends it (a
/// range of the sorted list) and the ones whose prefix is a prefix of it (one lookup per
/// length): with distinct prefixes, comparing every pattern with every other is near-linear.
struct PatternPrefixIndex {
    private let sorted: [(prefix: [UInt8], item: Int)]
    private let exact: [[UInt8]: [Int]]

    /// - Parameter prefixes: the literal prefix of item 0, 1, …
    init(_ prefixes: [String]) {
        let entries = prefixes.enumerated().map { (prefix: Array($0.element.utf8), item: $0.offset) }
        sorted = entries.sorted { $0.prefix.lexicographicallyPrecedes($1.prefix) || ($0.prefix == $1.prefix && $0.item < $1.item) }
        var exact: [[UInt8]: [Int]] = [:]
        for e in entries { exact[e.prefix, default: []].append(e.item) }
        self.exact = exact
    }

    /// The items whose prefix starts with `prefix` or starts `prefix`, ascending.
    func candidates(for prefix: String) -> [Int] {
        let p = Array(prefix.utf8)
        var found = Set<Int>()
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].prefix.lexicographicallyPrecedes(p) { low = mid + 1 } else { high = mid }
        }
        var k = low
        while k < sorted.count, sorted[k].prefix.starts(with: p) {
            found.insert(sorted[k].item)
            k += 1
        }
        for length in 0..<p.count { found.formUnion(exact[Array(p[..<length])] ?? []) }
        return found.sorted()
    }
}

/// One segment of a pattern as a sequence of single-character classes and "any run" tokens.
struct SegmentShape {
    enum Token: Equatable {
        case character(Character)
        case digit
        case anyCharacter
        case anyRun
    }

    let tokens: [Token]

    init(tokens: [Token]) { self.tokens = tokens }

    init(_ segment: PathPattern.Segment, types: [String: PathPattern.WildcardType]) {
        var tokens: [Token] = []
        let date: [Token] = [.digit, .digit, .digit, .digit, .character("-"), .digit, .digit, .character("-"), .digit, .digit]
        for part in segment.parts {
            switch part {
            case .literal(let text):
                tokens += text.map { .character($0) }
            case .star:
                tokens.append(.anyRun)
            case .dateWindow:
                tokens += date
            case .wildcard(let name, let written):
                switch written ?? types[name] {
                case .any?: tokens += [.anyCharacter, .anyRun]
                case .date?: tokens += date
                case .regex?, nil: tokens.append(.anyRun)
                }
            }
        }
        self.tokens = tokens
    }

    /// Whether some text matches both shapes.
    func mayShareText(with other: SegmentShape) -> Bool {
        let a = tokens, b = other.tokens
        let width = b.count + 1
        // 0: not yet known, 1: reachable end, 2: dead end.
        var memo = [UInt8](repeating: 0, count: (a.count + 1) * width)
        func walk(_ i: Int, _ j: Int) -> Bool {
            let key = i * width + j
            if memo[key] != 0 { return memo[key] == 1 }
            var found = false
            if i == a.count && j == b.count {
                found = true
            } else if i < a.count, a[i] == .anyRun, walk(i + 1, j) {
                found = true
            } else if j < b.count, b[j] == .anyRun, walk(i, j + 1) {
                found = true
            } else if i < a.count, j < b.count {
                switch (a[i], b[j]) {
                case (.anyRun, .anyRun): found = false
                case (.anyRun, _): found = walk(i, j + 1)
                case (_, .anyRun): found = walk(i + 1, j)
                case (let x, let y): found = SegmentShape.classesMeet(x, y) && walk(i + 1, j + 1)
                }
            }
            memo[key] = found ? 1 : 2
            return found
        }
        return walk(0, 0)
    }

    /// Whether two single-character tokens accept a common character.
    static func classesMeet(_ x: Token, _ y: Token) -> Bool {
        switch (x, y) {
        case (.character(let c), .character(let d)): return c == d
        case (.character(let c), .digit), (.digit, .character(let c)): return c.isASCII && c.isNumber
        default: return true
        }
    }
}
