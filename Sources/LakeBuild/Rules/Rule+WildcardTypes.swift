// The types a rule's wildcards were declared with, for comparing its patterns with other rules'.

extension Rule {
    /// The type each wildcard was declared with (in the first `in` line).
    public var wildcardTypes: [String: PathPattern.WildcardType] {
        var types: [String: PathPattern.WildcardType] = [:]
        for line in inputs {
            for segment in line.pattern.segments {
                for part in segment.parts {
                    if case .wildcard(let name, let type?) = part, types[name] == nil { types[name] = type }
                }
            }
        }
        return types
    }
}
