// Discovery from what changed (issue: a new upload in a 100 000-file lake must not re-derive
// the whole lake). The previous build's plan is taken as it was, and only the bindings a
// changed path can reach are planned again:
//
//   - rules are visited producers-first, as in full discovery;
//   - a path added or removed (a raw or reference file, or an output of a target that appeared
//     or went away upstream) is matched against every `in` line of the rule; a match gives
//     the values of that line's wildcards (for a window line, the dates whose window holds
//     it), and the first line, filled in with those values, gives the bindings it reaches;
//   - each such binding is planned exactly as full discovery plans it (`RuleContext.plan`),
//     and compared with the previous plan's target of the same binding: new, gone, changed
//     inputs, or the same.
//
// Everything else keeps its previous plan. Full discovery stays the reference: the
// equivalence test builds random lakes through random changes and asserts that both give
// the same plan after every step. Cases not followed locally (refused bindings, outputs two
// bindings would share, a window on a first line, a file renamed to the other Unicode
// spelling of its name) return nil, and the caller plans in full.

public enum ChangeDrivenDiscovery {
    /// The new plan and what differs from the previous one.
    struct Replanned {
        var graph: StoredGraph
        /// Indices in `graph` of targets that are new or whose inputs changed, ascending.
        var changed: [Int]
        /// Targets of the previous plan that no binding gives any more.
        var removed: [PlannedTarget]
        /// For each target of `graph`, its index in the previous plan; nil for a new one.
        var origin: [Int?]
        /// Indices in `graph` of the targets that read one of the `modified` files, ascending.
        var reading: [Int] = []
    }

    /// Plans the lake after `added` and `removed` raw or reference paths, from `previous`
    /// (the plan of the same rules over the lake before the change). `listing` is the lake
    /// now. Returns nil when the change cannot be followed locally.
    /// - Parameter modified: raw or reference files whose content may have changed; the
    ///   targets reading them are found the same way (`Replanned.reading`).
    static func replan(previous: TargetGraph, rules ruleSet: RuleSet, listing: LakeListing,
                       added: [String], removed: [String], modified: [String] = []) -> Replanned? {
        guard previous.refused.isEmpty else { return nil }
        return replan(previous: StoredGraph(previous), rules: ruleSet, listing: listing, added: added, removed: removed, modified: modified)
    }

    /// The same, from a stored plan's graph (its targets decoded only where the change reaches).
    static func replan(previous: StoredGraph, rules ruleSet: RuleSet, listing: LakeListing,
                       added: [String], removed: [String], modified: [String] = []) -> Replanned? {
        let rules = ruleSet.topologicalOrder()
        guard rules.map(\.name) == previous.rules.map(\.name) else { return nil }
        guard var replanner = Replanner(previous: previous, rules: rules, added: added, removed: removed),
              replanner.run(), var replanned = replanner.assemble(listing: listing) else { return nil }
        guard let reading = replanner.readers(of: modified, in: replanned.graph) else { return nil }
        replanned.reading = reading
        return replanned
    }
}

/// The state of one replan, rule by rule.
private struct Replanner {
    let previous: StoredGraph
    let rules: [Rule]
    let addedSources: [String]
    let removedSources: Set<String>
    /// Each rule's targets in `previous` (they are contiguous, rules in order).
    let ruleRanges: [Range<Int>]

    var indexes: [PathIndex]
    /// Paths added or removed so far (sources, then outputs of targets that came or went).
    var delta: [String]
    var addedTargets: [[PlannedTarget]]
    /// Previous index → the target's new plan (inputs changed).
    var changedTargets: [Int: PlannedTarget] = [:]
    var removedTargets = Set<Int>()
    var addedOutputs = Set<String>()
    var removedOutputs = Set<String>()

    init?(previous: StoredGraph, rules: [Rule], added: [String], removed: [String]) {
        // Targets must come rule by rule, in rule order, as full discovery lists them.
        guard let ranges = previous.ruleRanges() else { return nil }
        // A path both added and removed as Swift compares text is one name in two Unicode
        // spellings: bindings, sets and comparisons here are Swift text, which would take the
        // old spelling's target for the new one's and leave its outputs behind.
        let removedText = Set(removed)
        guard !added.contains(where: removedText.contains) else { return nil }
        self.previous = previous
        self.rules = rules
        self.addedSources = added.sorted(by: LakePath.bytewiseLess)
        self.removedSources = removedText
        self.ruleRanges = ranges
        let sources = previous.sources
        self.indexes = [OverlaidPaths(base: { SortedPaths(presorted: sources) }, added: added, removed: removedText)]
        self.delta = added + removed
        self.addedTargets = Array(repeating: [], count: rules.count)
    }

    /// Replans every rule; false when a case is met that only full discovery handles.
    mutating func run() -> Bool {
        for (r, rule) in rules.enumerated() {
            guard let first = rule.inputs.first else { continue }
            if first.pattern.hasDateWindow { return false }
            let context = RuleContext(rule: rule, index: r)
            guard let seeds = seeds(of: context) else { return false }
            var addedHere: [PlannedTarget] = []
            var outputsHere = Set<String>()
            for binding in seeds.sorted() {
                let old = previousTarget(rule: r, binding: binding, context: context)
                var now: PlannedTarget?
                if let members = firstMembers(binding, context: context) {
                    switch context.plan(binding, firstMembers: members, in: indexes) {
                    case .skipped: now = nil
                    case .refused: return false
                    case .planned(let t): now = t
                    }
                }
                if let t = now {
                    for path in t.outputs {
                        guard outputsHere.insert(path).inserted, !addedOutputs.contains(path) else { return false }
                        if let other = previous.producer(path), other != old, !removedOutputs.contains(path) { return false }
                    }
                }
                switch (old, now) {
                case (nil, nil):
                    continue
                case (nil, let t?):
                    addedHere.append(t)
                case (let o?, nil):
                    removedTargets.insert(o)
                    let outputs = previous.outputs(o)
                    removedOutputs.formUnion(outputs)
                    delta.append(contentsOf: outputs)
                case (let o?, let t?):
                    let before = previous.target(o)
                    if before.inputs != t.inputs || before.missingInputs != t.missingInputs || before.outputs != t.outputs {
                        changedTargets[o] = t
                    }
                }
            }
            for t in addedHere {
                addedOutputs.formUnion(t.outputs)
                delta.append(contentsOf: t.outputs)
            }
            addedTargets[r] = addedHere
            let range = ruleRanges[r], previous = self.previous
            let removedHere = Set(range.filter { removedTargets.contains($0) }.flatMap { previous.outputs($0) })
            indexes.append(OverlaidPaths(base: { SortedPaths(previous.outputs(in: range)) },
                                         added: addedHere.flatMap(\.outputs), removed: removedHere))
        }
        return true
    }

    /// The bindings of a rule that a changed path can reach; nil when a line has windows over
    /// two date wildcards (not followed locally).
    private func seeds(of context: RuleContext, paths: [String]? = nil) -> Set<Binding>? {
        let first = context.rule.inputs[0]
        var seeds = Set<Binding>()
        for (lineIndex, line) in context.rule.inputs.enumerated() {
            let matcher = PatternMatcher(PathPattern.matchingAnyWindowDate(line.pattern), types: context.types)
            for path in paths ?? delta where path.hasPrefix(matcher.literalPrefix) {
                guard let captured = matcher.match(path) else { continue }
                guard let partials = Self.consumerBindings(captured, line: line) else { return nil }
                for partial in partials {
                    // The first line filled in with these values: every binding it has now.
                    for pattern in first.pattern.instantiate(partial) {
                        let line = InputLine(pattern: pattern, location: first.location)
                        for (binding, _) in TargetDiscovery.enumerate(line, types: context.types, in: indexes) {
                            if let merged = Self.merging(binding, partial) { seeds.insert(merged) }
                        }
                    }
                    // A binding whose every first-line member went away is found by its old value.
                    if lineIndex == 0 { seeds.insert(partial) }
                }
            }
        }
        return seeds
    }

    /// The partial bindings of a rule whose line reads a path that gave `captured`: its plain
    /// wildcards as they are, and for a window `{d-Nd..d-Md}` over a file of date `x`, every
    /// `d` whose window holds `x`.
    static func consumerBindings(_ captured: Binding, line: InputLine) -> [Binding]? {
        var plain = Binding()
        var windowDate: (name: String, value: String)?
        for (name, value) in captured.pairs {
            if name.hasPrefix("window:") {
                guard windowDate == nil else { return nil }
                windowDate = (String(name.dropFirst("window:".count)), value)
            } else {
                _ = plain.bind(name, value)
            }
        }
        guard let (name, value) = windowDate else { return [plain] }
        guard let date = CalendarDate(value) else { return [] }
        // Offsets k with date - k inside every window of this name on the line.
        var low = Int.min, high = Int.max
        for segment in line.pattern.segments {
            for case .dateWindow(let n, let from, let to) in segment.parts where n == name {
                low = max(low, from)
                high = min(high, to)
            }
        }
        guard low <= high else { return [] }
        var result: [Binding] = []
        for k in low...high {
            var b = plain
            if b.bind(name, date.adding(days: -k).text) { result.append(b) }
        }
        return result
    }

    /// `a` with `b`'s values added; nil when they disagree.
    static func merging(_ a: Binding, _ b: Binding) -> Binding? {
        var merged = a
        for (name, value) in b.pairs where !merged.bind(name, value) { return nil }
        return merged
    }

    /// The previous plan's target of this rule and binding, found by its first output.
    private func previousTarget(rule: Int, binding: Binding, context: RuleContext) -> Int? {
        guard let primary = context.outputTemplates.first?.fill(binding), let i = previous.producer(primary),
              previous.ruleIndex(i) == rule, previous.binding(i) == binding else { return nil }
        return i
    }

    /// The first line's members for `binding` in the lake as it is now, or nil if it has none.
    private func firstMembers(_ binding: Binding, context: RuleContext) -> [String]? {
        let first = context.rule.inputs[0]
        for pattern in first.pattern.instantiate(binding) {
            let line = InputLine(pattern: pattern, location: first.location)
            for (b, members) in TargetDiscovery.enumerate(line, types: context.types, in: indexes) where b.pairs.isEmpty || Self.merging(b, binding) == binding {
                return members
            }
        }
        return nil
    }

    /// The targets of `graph` (the new plan) that read one of `paths`: the bindings a path can
    /// reach, kept when their target lists it among its inputs. Nil when a rule's seeds are
    /// not followed locally.
    func readers(of paths: [String], in graph: StoredGraph) -> [Int]? {
        guard !paths.isEmpty else { return [] }
        let wanted = Set(paths)
        var found = Set<Int>()
        for (r, rule) in rules.enumerated() where !rule.inputs.isEmpty {
            let context = RuleContext(rule: rule, index: r)
            guard let seeds = seeds(of: context, paths: paths) else { return nil }
            for binding in seeds {
                guard let primary = context.outputTemplates.first?.fill(binding), let i = graph.producer(primary),
                      graph.ruleIndex(i) == r else { continue }
                if graph.target(i).inputs.contains(where: { $0.contains(where: wanted.contains) }) { found.insert(i) }
            }
        }
        return found.sorted()
    }

    /// The new plan: the previous targets that stay (changed ones replaced), the new ones in
    /// binding order within their rule, producers and dependencies renumbered.
    func assemble(listing: LakeListing) -> ChangeDrivenDiscovery.Replanned? {
        // Only contents changed: the plan is the previous one, untouched.
        if removedTargets.isEmpty && changedTargets.isEmpty && addedTargets.allSatisfy(\.isEmpty)
            && addedSources.isEmpty && removedSources.isEmpty && listing.unusableNames == previous.unmatched.filter({ $0.problem != nil }) {
            return .init(graph: previous, changed: [], removed: [], origin: Array(0..<previous.count))
        }
        var graph = previous
        guard let edit = graph.edit(removing: removedTargets, replacing: changedTargets, adding: addedTargets) else { return nil }
        if !addedSources.isEmpty || !removedSources.isEmpty {
            let kept = removedSources.isEmpty ? previous.sources : previous.sources.filter { !removedSources.contains($0) }
            graph.sources = SortedPaths.merge(kept, addedSources)
        }
        var unmatched = previous.unmatched.filter { $0.problem == nil && !removedSources.contains($0.path) }
        unmatched += listing.unusableNames
        unmatched += TargetDiscovery.unmatched(rules: rules, sources: SortedPaths(addedSources.filter(LakeLayout.isRaw)), accepted: [])
        graph.unmatched = unmatched.sorted { LakePath.bytewiseLess($0.path, $1.path) }
        let removed = removedTargets.sorted().map { previous.target($0) }
        return .init(graph: graph, changed: edit.fresh, removed: removed, origin: edit.origin)
    }
}
