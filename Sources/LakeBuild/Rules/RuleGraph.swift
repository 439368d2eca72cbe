// Which rules may feed which: rule A feeds rule B when one of A's `out` patterns may name a
// path one of B's `in` patterns matches (any `in` line, aggregates and windows included).
// Patterns are compared with each rule's wildcard types filled in, so `{date}` in an output
// still counts as a date. Edges are kept as sorted index lists, so every walk over the graph
// is in source order and its results are deterministic.

/// The producer → consumer relation between the rules of a `RuleSet`.
public struct RuleGraph: Sendable {
    public let rules: [Rule]
    /// `consumers[i]`: indices (ascending) of the rules that may read an output of `rules[i]`,
    /// `i` itself included when a rule may read its own output.
    public let consumers: [[Int]]

    public init(_ ruleSet: RuleSet) {
        rules = ruleSet.rules
        let outs = rules.map { rule in rule.outputs.map { PatternShape($0.pattern.resolvingTypes(rule.wildcardTypes)) } }
        // Every input line of every rule, indexed by literal prefix: each output is compared
        // only with the lines its prefix could reach.
        var lines: [(rule: Int, shape: PatternShape)] = []
        for (j, rule) in rules.enumerated() {
            for line in rule.inputs { lines.append((j, PatternShape(line.pattern.resolvingTypes(rule.wildcardTypes)))) }
        }
        let index = PatternPrefixIndex(lines.map(\.shape.literalPrefix))
        consumers = outs.map { produced in
            var readers = Set<Int>()
            for out in produced {
                for k in index.candidates(for: out.literalPrefix) where !readers.contains(lines[k].rule) && out.mayOverlap(lines[k].shape) {
                    readers.insert(lines[k].rule)
                }
            }
            return readers.sorted()
        }
    }

    /// `producers[j]`: indices (ascending) of the rules whose outputs `rules[j]` may read.
    public var producers: [[Int]] {
        var result = Array(repeating: [Int](), count: rules.count)
        for (i, list) in consumers.enumerated() {
            for j in list { result[j].append(i) }
        }
        return result
    }

    /// The first cycle found walking rules and edges in source order, as rule indices starting
    /// at the earliest rule of the cycle; nil when the graph has none.
    func firstCycle() -> [Int]? {
        enum Mark { case unvisited, active, done }
        var marks = Array(repeating: Mark.unvisited, count: rules.count)
        var stack: [Int] = []
        func visit(_ i: Int) -> [Int]? {
            marks[i] = .active
            stack.append(i)
            for j in consumers[i] {
                switch marks[j] {
                case .active:
                    guard let start = stack.lastIndex(of: j) else { continue }
                    return Array(stack[start...])
                case .unvisited:
                    if let cycle = visit(j) { return cycle }
                case .done:
                    continue
                }
            }
            stack.removeLast()
            marks[i] = .done
            return nil
        }
        for i in rules.indices where marks[i] == .unvisited {
            if let cycle = visit(i) {
                guard let first = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
                return Array(cycle[first...] + cycle[..<first])
            }
        }
        return nil
    }
}
