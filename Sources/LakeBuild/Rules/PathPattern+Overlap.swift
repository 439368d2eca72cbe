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
        guard segments.count == other.segments.count else { return false }
        let ownTypes = declaredTypes, otherTypes = other.declaredTypes
        for (a, b) in zip(segments, other.segments) {
            let left = SegmentShape(a, types: ownTypes), right = SegmentShape(b, types: otherTypes)
            if !left.mayShareText(with: right) { return false }
        }
        return true
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
