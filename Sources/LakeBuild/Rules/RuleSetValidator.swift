// The checks that need every rule at once, run after all files are parsed: no two rules may
// write the same path, and no rule may depend on its own outputs through any chain of rules.
// Both are decided with `PathPattern.mayOverlap`, which errs on the side of reporting.

/// Whole-rule-set checks that follow parsing.
enum RuleSetValidator {
    static func validate(_ ruleSet: RuleSet) throws(RulesError) {
        try checkDuplicateOutputs(ruleSet)
        let graph = RuleGraph(ruleSet)
        if let cycle = graph.firstCycle(), let first = cycle.first {
            throw .cycle(rules: cycle.map { graph.rules[$0].name }, at: graph.rules[first].location)
        }
    }

    /// The first clash in source order: the later output is reported, pointing at the earlier.
    private static func checkDuplicateOutputs(_ ruleSet: RuleSet) throws(RulesError) {
        let rules = ruleSet.rules
        let outs = rules.map { rule in rule.outputs.map { ($0, $0.pattern.resolvingTypes(rule.wildcardTypes)) } }
        for j in rules.indices {
            for (k, (line, pattern)) in outs[j].enumerated() {
                for (earlier, _) in outs[j][..<k] where earlier.pattern.text == line.pattern.text {
                    throw .duplicateOutput(rule: rules[j].name, at: line.location, otherRule: rules[j].name, otherAt: earlier.location)
                }
                for i in 0..<j {
                    for (other, otherPattern) in outs[i] where pattern.mayOverlap(otherPattern) {
                        throw .duplicateOutput(rule: rules[j].name, at: line.location, otherRule: rules[i].name, otherAt: other.location)
                    }
                }
            }
        }
    }
}
