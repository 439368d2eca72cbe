// The wildcards of one rule as its lines are read: which names the first `in` line declared,
// with which type and where, and the checks every later line must pass against them.

/// The declared wildcards of the rule being assembled.
struct WildcardScope {
    /// Which line of the rule a pattern comes from; it decides what the pattern may do.
    enum Role {
        case firstInput, laterInput, output
    }

    let rule: String
    private var declared: [String: (type: PathPattern.WildcardType, location: SourceLocation)] = [:]

    init(rule: String) { self.rule = rule }

    /// `parsed` with every wildcard's type resolved: the declaring occurrence carries the
    /// type, every other occurrence nil.
    mutating func resolve(_ parsed: ParsedPattern, directive: DirectiveLine, role: Role) throws(RulesError) -> ParsedPattern {
        var result = parsed
        for s in result.segments.indices {
            for p in result.segments[s].indices {
                let located = result.segments[s][p]
                let at = directive.location(at: located.start)
                switch located.part {
                case .literal:
                    break
                case .star:
                    if role == .output { throw .starInOutput(rule: rule, at: at) }
                case .dateWindow(let name, _, _):
                    if role == .output { throw .windowInOutput(rule: rule, at: at) }
                    try checkWindow(over: name, text: directive.line.text, start: located.start, at: at)
                case .wildcard(let name, let written):
                    result.segments[s][p].part = .wildcard(name: name, type: try occurrence(of: name, written: written, role: role, at: at))
                }
            }
        }
        return result
    }

    /// The type to store for one occurrence of `{name}` (nil unless it declares the wildcard).
    private mutating func occurrence(of name: String, written: PathPattern.WildcardType?, role: Role,
                                     at: SourceLocation) throws(RulesError) -> PathPattern.WildcardType? {
        if let existing = declared[name] {
            if let written, written != existing.type {
                throw .conflictingWildcardType(name, rule: rule, at: at, declared: existing.location)
            }
            return nil
        }
        switch role {
        case .firstInput:
            let type = written ?? .any
            declared[name] = (type, at)
            return type
        case .laterInput:
            throw .undeclaredWildcard(name, rule: rule, at: at)
        case .output:
            throw .unboundOutputWildcard(name, rule: rule, at: at)
        }
    }

    /// A window needs a wildcard declared before it as `{name:date}`.
    private func checkWindow(over name: String, text: String, start: String.Index, at: SourceLocation) throws(RulesError) {
        let windowText = windowSource(in: text, from: start)
        guard let existing = declared[name] else {
            throw .badWindow(windowText, problem: .undeclared(name), rule: rule, at: at)
        }
        guard existing.type == .date else {
            throw .badWindow(windowText, problem: .notADate(name), rule: rule, at: at)
        }
    }

    /// The `{…}` text of a window starting at `start` (windows contain no nested braces).
    private func windowSource(in text: String, from start: String.Index) -> String {
        let tail = text[start...]
        guard let close = tail.firstIndex(of: "}") else { return String(tail) }
        return String(tail[...close])
    }
}
