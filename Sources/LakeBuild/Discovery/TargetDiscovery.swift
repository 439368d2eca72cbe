// Targets are discovered forward from the data (spec §4). Rules are visited producers-first;
// the first `in` line of each enumerates bindings from the raw and reference files plus the
// outputs already planned; the other lines are filled in from the binding. Candidates are
// found by binary search on each pattern's literal prefix in sorted path lists, so discovery
// over 100 000 files is a few sorted scans, not a pattern match per file per rule.

public enum TargetDiscovery {
    /// Plans every target from the rules and the walk of the lake. Bindings that cannot be planned (a wildcard value that is no plain path segment, two
    /// bindings writing one output) are refused with their raw files, never the whole plan.
    public static func plan(rules ruleSet: RuleSet, listing: LakeListing) -> TargetGraph {
        let rules = ruleSet.topologicalOrder()
        let sources = SortedPaths(listing.files.keys.filter(SourceHashes.isSource))
        var indexes: [PathIndex] = [sources]
        var graph = TargetGraph(rules: rules, targets: [], producer: [:], unmatched: [], sources: sources.paths)
        var accepted = Set<String>()

        for (ruleIndex, rule) in rules.enumerated() {
            guard let first = rule.inputs.first else { continue }
            let context = RuleContext(rule: rule, index: ruleIndex)
            let bindings = enumerate(first, types: context.types, in: indexes)
            // This rule's targets, kept apart until every binding is seen: two bindings that
            // write one path are both refused, and neither is planned.
            var planned: [PlannedTarget] = []
            var plannedProducer: [String: Int] = [:]
            var collided: [Int: String] = [:]
            bindingLoop: for (binding, firstMembers) in bindings {
                if firstMembers.first.map(LakeLayout.isRaw) ?? false { accepted.formUnion(firstMembers) }
                let target: PlannedTarget
                switch context.plan(binding, firstMembers: firstMembers, in: indexes) {
                case .skipped: continue
                case .refused(let refusal):
                    graph.refused.append(refusal)
                    continue
                case .planned(let t): target = t
                }
                let outputs = target.outputs
                for path in outputs {
                    if let other = graph.producer[path] {
                        let otherRule = rules[graph.targets[other].ruleIndex].name
                        graph.refused.append(RefusedBinding(rule: rule.name, paths: firstMembers,
                                                            message: "it gives the output \(path), which rule \(otherRule) writes"))
                        continue bindingLoop
                    }
                    if let other = plannedProducer[path] {
                        let mine = firstMembers.joined(separator: ", "), theirs = planned[other].inputs[0].joined(separator: ", ")
                        graph.refused.append(RefusedBinding(
                            rule: rule.name, paths: firstMembers,
                            message: "it gives the output \(path), as \(theirs) does; neither is built until one is renamed"))
                        if collided[other] == nil {
                            graph.refused.append(RefusedBinding(
                                rule: rule.name, paths: planned[other].inputs[0],
                                message: "it gives the output \(path), as \(mine) does; neither is built until one is renamed"))
                        }
                        collided[other] = path
                        continue bindingLoop
                    }
                }
                for path in outputs { plannedProducer[path] = planned.count }
                planned.append(target)
            }
            var ruleOutputs: [String] = []
            for (i, var target) in planned.enumerated() where collided[i] == nil {
                var deps = Set<Int>()
                for line in target.inputs { for p in line { if let d = graph.producer[p] { deps.insert(d) } } }
                target.dependencies = deps.sorted()
                for path in target.outputs { graph.producer[path] = graph.targets.count }
                graph.targets.append(target)
                ruleOutputs.append(contentsOf: target.outputs)
            }
            indexes.append(SortedPaths(ruleOutputs))
        }
        graph.unmatched = (listing.unusableNames + unmatched(rules: rules, sources: sources, accepted: accepted))
            .sorted { LakePath.bytewiseLess($0.path, $1.path) }
        return graph
    }

    /// Bindings of a rule's first `in` line, sorted, each with its members (one path for a
    /// plain line; every match, sorted, for an aggregate line).
    static func enumerate(_ line: InputLine, types: [String: PathPattern.WildcardType], in indexes: [PathIndex]) -> [(Binding, [String])] {
        let matcher = PatternMatcher(line.pattern, types: types)
        if !line.isAggregate {
            // One binding per matching path: no grouping needed.
            var found: [(Binding, [String])] = []
            for path in candidates(matcher, in: indexes) {
                if let b = matcher.match(path) { found.append((b, [path])) }
            }
            return found.sorted { $0.0 < $1.0 }
        }
        var groups: [Binding: [String]] = [:]
        for path in candidates(matcher, in: indexes) {
            guard let b = matcher.match(path) else { continue }
            groups[b, default: []].append(path)
        }
        return groups.keys.sorted().map { b in (b, groups[b, default: []].sorted(by: LakePath.bytewiseLess)) }
    }

    static func candidates(_ matcher: PatternMatcher, in indexes: [PathIndex]) -> [String] {
        indexes.flatMap { $0.withPrefix(matcher.literalPrefix) }
    }

    /// Raw files that no `in` line of any rule accepts.
    /// - Parameter accepted: raw files already known to match a first `in` line.
    static func unmatched(rules: [Rule], sources: SortedPaths, accepted: Set<String>) -> [UnmatchedFile] {
        let matchers = rules.flatMap { rule in
            rule.inputs.map { PatternMatcher(PathPattern.matchingAnyWindowDate($0.pattern), types: rule.wildcardTypes) }
        }
        var result: [UnmatchedFile] = []
        for path in sources.slice(withPrefix: LakeLayout.raw + "/") where !accepted.contains(path) {
            let accepted = matchers.contains { path.hasPrefix($0.literalPrefix) && $0.matches(path) }
            if accepted { continue }
            let folder = LakePath.directory(of: path)
            let expected = matchers.map(\.pattern.text).filter { LakePath.directory(of: $0) == folder || $0.hasPrefix(folder + "/") }
            result.append(UnmatchedFile(path: path, expectedPatterns: expected.isEmpty ? matchers.map(\.pattern.text).filter(LakeLayout.isRaw) : expected))
        }
        return result
    }
}

extension PathPattern {
    /// The pattern with windows treated as plain date wildcards (any date), to ask whether a
    /// file could ever be a member.
    static func matchingAnyWindowDate(_ p: PathPattern) -> PathPattern {
        var copy = p
        for s in copy.segments.indices {
            copy.segments[s].parts = copy.segments[s].parts.map { part in
                if case .dateWindow(let name, _, _) = part { return .wildcard(name: "window:" + name, type: .date) }
                return part
            }
        }
        return copy
    }
}

/// What planning one binding of a rule needs, prepared once per rule.
struct RuleContext {
    let rule: Rule
    let index: Int
    let types: [String: PathPattern.WildcardType]
    let outputTemplates: [PathTemplate]

    init(rule: Rule, index: Int) {
        self.rule = rule
        self.index = index
        self.types = rule.wildcardTypes
        self.outputTemplates = rule.outputs.map { PathTemplate($0.pattern) }
    }

    /// What one binding of the rule gives.
    enum Planned {
        case planned(PlannedTarget)
        /// A plain `in` line other than the first has no file: the binding gives no target.
        case skipped
        case refused(RefusedBinding)
    }

    /// Fills in the binding's other `in` lines from `indexes` and its outputs. The target's
    /// dependencies are left empty (they depend on the producers of the whole plan).
    func plan(_ binding: Binding, firstMembers: [String], in indexes: [PathIndex]) -> Planned {
        var inputs: [[String]] = [firstMembers]
        var missing: [String] = []
        for line in rule.inputs.dropFirst() {
            var members: [String] = []
            for pattern in line.pattern.instantiate(binding) {
                if let path = pattern.concretePath {
                    if indexes.contains(where: { $0.contains(path) }) {
                        members.append(path)
                    } else if line.pattern.isLiteral {
                        missing.append(path)
                    }
                } else {
                    let matcher = PatternMatcher(pattern, types: types)
                    members.append(contentsOf: TargetDiscovery.candidates(matcher, in: indexes).filter(matcher.matches))
                }
            }
            if members.isEmpty && !line.isAggregate && !line.pattern.isLiteral { return .skipped }
            inputs.append(line.isAggregate ? members.sorted(by: LakePath.bytewiseLess) : members)
        }
        var outputs: [String] = []
        for template in outputTemplates {
            guard let path = template.fill(binding) else { return .skipped }
            outputs.append(path)
        }
        if let problem = RefusedBinding.problem(in: binding, outputs: outputs) {
            return .refused(RefusedBinding(rule: rule.name, paths: firstMembers, message: problem))
        }
        return .planned(PlannedTarget(ruleIndex: index, binding: binding, inputs: inputs, missingInputs: missing,
                                      outputs: outputs, dependencies: []))
    }
}
