// The order the engine plans rules in: every rule after the rules that may feed it, and
// otherwise in source order (Kahn's algorithm always taking the earliest ready rule), so the
// same rules always give the same plan.

extension RuleSet {
    /// Rules producers-first, ties broken by source order. A parsed `RuleSet` has no cycles;
    /// should one be present anyway, the rules on it follow the others in source order.
    public func topologicalOrder() -> [Rule] {
        let graph = RuleGraph(self)
        var waiting = Array(repeating: 0, count: rules.count)
        for (i, list) in graph.consumers.enumerated() {
            for j in list where j != i { waiting[j] += 1 }
        }
        var placed = Array(repeating: false, count: rules.count)
        var order: [Rule] = []
        while let next = rules.indices.first(where: { !placed[$0] && waiting[$0] == 0 }) {
            placed[next] = true
            order.append(rules[next])
            for j in graph.consumers[next] where j != next { waiting[j] -= 1 }
        }
        for i in rules.indices where !placed[i] { order.append(rules[i]) }
        return order
    }
}
