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
        // Every output line with its rule, compiled once and indexed by literal prefix.
        var lines: [(rule: Int, line: OutputLine, shape: PatternShape)] = []
        for (j, rule) in rules.enumerated() {
            for line in rule.outputs { lines.append((j, line, PatternShape(line.pattern.resolvingTypes(rule.wildcardTypes)))) }
        }
        let index = PatternPrefixIndex(lines.map(\.shape.literalPrefix))
        for (n, (j, line, shape)) in lines.enumerated() {
            let candidates = index.candidates(for: shape.literalPrefix)
            // Earlier lines of the same rule with the same text, then earlier rules' overlapping lines.
            for m in candidates where m < n && lines[m].rule == j && lines[m].line.pattern.text == line.pattern.text {
                throw .duplicateOutput(rule: rules[j].name, at: line.location, otherRule: rules[j].name, otherAt: lines[m].line.location)
            }
            for m in candidates where lines[m].rule < j && shape.mayOverlap(lines[m].shape) {
                throw .duplicateOutput(rule: rules[j].name, at: line.location, otherRule: rules[lines[m].rule].name, otherAt: lines[m].line.location)
            }
        }
    }
}
