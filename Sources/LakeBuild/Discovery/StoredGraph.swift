// The target graph a change-driven build starts from: the stored plan's targets kept as they
// were encoded, each decoded only when a build looks at it, and edits (targets removed,
// replanned, added) laid over them by index.
//
// A lake of 100 000 uploads has about 209 000 targets; a build after one new upload looks at
// a few hundred. Decoding every target into lists of `String` (and copying the graph once
// per edit) cost about a third of such a build and most of its memory. Here one pass over the
// encoded targets records where each starts, its rule, its dependencies (as numbers, in one
// array) and its outputs (in a table from path to target); an edit makes new arrays of
// numbers, never copies of targets. As ninja keeps nodes as ids, the plan is ids until a
// target is asked for by name.
//
// `TargetGraph` stays the plan full discovery makes and the build runs; `materialized()`
// turns a stored graph into one (the equivalence tests compare them).

import LakeFormats

/// A plan's targets in order, most of them still encoded.
struct StoredGraph: IndexedTargets {
    var rules: [Rule]
    /// Every raw and reference file of the plan, sorted bytewise.
    var sources: [String]
    var unmatched: [UnmatchedFile]

    private var base: EncodedTargets
    /// Each target in plan order: `s >= 0` is target `s` of `base`, `s < 0` is `decoded[~s]`.
    private var slots: [Int32]
    /// Targets planned since the plan was stored (or all of them, for a graph made from a
    /// `TargetGraph`), with their dependencies as indices of this graph.
    private var decoded: [PlannedTarget]
    /// For each decoded target, its index in this graph.
    private var decodedIndex: [Int32]
    /// Output path → index into `decoded`.
    private var decodedProducer: ByteExactDictionary<Int32>
    /// For each target of `base`: its index in this graph (`>= 0`), `-1` when it is gone, or
    /// `-2 - index` when it was replaced by a decoded target at `index` (its dependents
    /// follow the replacement; its outputs are looked up in `decodedProducer`).
    private var baseIndex: [Int32]

    /// The number of targets.
    var count: Int { slots.count }
    /// A stored plan never has refused bindings (a build that refused one stores no plan).
    var hasRefusedBindings: Bool { false }

    /// A graph of decoded targets only.
    init(_ graph: TargetGraph) {
        rules = graph.rules
        sources = graph.sources
        unmatched = graph.unmatched
        base = EncodedTargets()
        slots = graph.targets.indices.map { ~Int32($0) }
        decoded = graph.targets
        decodedIndex = graph.targets.indices.map(Int32.init)
        decodedProducer = [:]
        decodedProducer.reserveCapacity(graph.producer.count)
        for (i, t) in graph.targets.enumerated() { for o in t.outputs { decodedProducer[o] = Int32(i) } }
        baseIndex = []
    }

    /// The graph part of a stored plan (see `StoredPlan.encode`) and each target's outcome;
    /// nil when malformed. `strings` is the plan's string table.
    static func decode(_ bytes: [UInt8], strings: [String], rules: [Rule], unmatched: [UnmatchedFile],
                       targetCount: Int) -> (StoredGraph, [StoredPlan.Outcome])? {
        var r = PlanReader(bytes: bytes, skipping: 0)
        guard let sources = r.list(strings),
              let (base, outcomes) = EncodedTargets.scan(&r, bytes: bytes, strings: strings, count: targetCount, ruleCount: rules.count),
              r.atEnd else { return nil }
        return (StoredGraph(rules: rules, sources: sources, unmatched: unmatched, base: base), outcomes)
    }

    private init(rules: [Rule], sources: [String], unmatched: [UnmatchedFile], base: EncodedTargets) {
        self.rules = rules
        self.sources = sources
        self.unmatched = unmatched
        self.base = base
        slots = (0..<Int32(base.rule.count)).map { $0 }
        decoded = []
        decodedIndex = []
        decodedProducer = [:]
        baseIndex = slots
    }

    // MARK: - Targets by index

    func ruleIndex(_ i: Int) -> Int {
        let s = slots[i]
        return s >= 0 ? Int(base.rule[Int(s)]) : decoded[Int(~s)].ruleIndex
    }

    func binding(_ i: Int) -> Binding {
        let s = slots[i]
        return s >= 0 ? base.binding(Int(s)) : decoded[Int(~s)].binding
    }

    func outputs(_ i: Int) -> [String] {
        let s = slots[i]
        return s >= 0 ? base.outputs(Int(s)) : decoded[Int(~s)].outputs
    }

    /// The outputs of the targets in `range`, one list, in target order.
    func outputs(in range: Range<Int>) -> [String] {
        var all: [String] = []
        all.reserveCapacity(range.count)
        for i in range {
            let s = slots[i]
            if s >= 0 { base.appendOutputs(Int(s), to: &all) } else { all += decoded[Int(~s)].outputs }
        }
        return all
    }

    func primaryOutput(_ i: Int) -> String {
        let s = slots[i]
        return s >= 0 ? base.primaryOutput(Int(s)) : decoded[Int(~s)].primaryOutput
    }

    /// The string table the stored targets' encodings number their strings by.
    var encodedStrings: [String] { base.strings }

    /// The size in bytes of the stored targets' encoding.
    var encodedSize: Int { base.bytes.count }

    /// Target `i`'s own part (rule, binding, inputs, outputs) as the stored plan encoded it,
    /// strings numbered by `encodedStrings`; nil for a target planned since.
    func encodedOwnPart(_ i: Int) -> ArraySlice<UInt8>? {
        let s = slots[i]
        return s >= 0 ? base.ownBytes(Int(s)) : nil
    }

    /// The whole target, dependencies as indices of this graph.
    func target(_ i: Int) -> PlannedTarget {
        let s = slots[i]
        guard s >= 0 else { return decoded[Int(~s)] }
        var t = base.target(Int(s))
        t.dependencies = dependencies(i, inputs: t.inputs)
        return t
    }

    /// The targets `i` waits for, ascending.
    func dependencies(_ i: Int) -> [Int] {
        let s = slots[i]
        guard s >= 0 else { return decoded[Int(~s)].dependencies }
        return dependencies(i, inputs: nil)
    }

    /// A stored target's dependencies renumbered; derived from its inputs when one of them is
    /// gone (a consumer of a target that went away is replanned in practice, but were it not,
    /// a stale index would run it before its producer).
    private func dependencies(_ i: Int, inputs: [[String]]?) -> [Int] {
        let b = Int(slots[i])
        var result: [Int] = []
        let range = base.dependencyRange(b)
        result.reserveCapacity(range.count)
        for k in range {
            let m = baseIndex[Int(base.dependencies[k])]
            if m == -1 { return derivedDependencies(inputs ?? base.target(b).inputs) }
            result.append(Int(m >= 0 ? m : -2 - m))
        }
        return result
    }

    /// The producers of `inputs` in this graph, ascending.
    private func derivedDependencies(_ inputs: [[String]]) -> [Int] {
        var deps = Set<Int>()
        for line in inputs { for p in line { if let d = producer(p) { deps.insert(d) } } }
        return deps.sorted()
    }

    /// The index of the target producing `path`, if any.
    func producer(_ path: String) -> Int? {
        if let d = decodedProducer[path] { return Int(decodedIndex[Int(d)]) }
        guard let b = base.producer(of: path) else { return nil }
        let m = baseIndex[b]
        return m >= 0 ? Int(m) : nil
    }

    /// The targets of each rule, as ranges of indices (targets come rule by rule); nil when
    /// they do not.
    func ruleRanges() -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        var start = 0
        for r in rules.indices {
            var end = start
            while end < count && ruleIndex(end) == r { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        return start == count ? ranges : nil
    }

    /// `seeds` and every target that depends on one of them, ascending. One forward pass:
    /// targets come producers first, so a target is reached when a dependency was.
    func downstream(of seeds: Set<Int>) -> [Int] {
        guard let first = seeds.min() else { return [] }
        var reached = [Bool](repeating: false, count: count)
        var result: [Int] = []
        for i in first..<count {
            if seeds.contains(i) || dependencies(i).contains(where: { reached[$0] }) {
                reached[i] = true
                result.append(i)
            }
        }
        return result
    }

    /// For each target, whether it has an output under one of `prefixes` or one of those waits
    /// for it: what `TargetGraph.closure(forPrefixes:)` gives for the same plan. One backward
    /// pass, since targets come producers first.
    func closure(forPrefixes prefixes: [String]) -> [Bool] {
        var wanted = [Bool](repeating: false, count: count)
        for i in (0..<count).reversed() {
            if !wanted[i] && LakePrefix.selects(prefixes, anyOf: outputs(i)) {
                wanted[i] = true
            }
            if wanted[i] { for d in dependencies(i) { wanted[d] = true } }
        }
        return wanted
    }

    /// The plan as full discovery lists it (producers included).
    func materialized() -> TargetGraph {
        var graph = TargetGraph(rules: rules, targets: [], producer: [:], unmatched: unmatched, sources: sources)
        graph.targets.reserveCapacity(count)
        for i in 0..<count {
            let t = target(i)
            for o in t.outputs { graph.producer[o] = i }
            graph.targets.append(t)
        }
        return graph
    }

    // MARK: - Editing

    /// What an edit did: for each target, the index it had before (nil for an added one), and
    /// the indices of added and replaced targets, ascending.
    struct Edit {
        var origin: [Int?]
        var fresh: [Int]
    }

    /// Removes the targets at `removing`, swaps those in `replacing` for their new plan (same
    /// binding), and places `adding` (per rule index) in binding order among their rule's
    /// targets (the order full discovery gives), without copying a target. Nil when the targets
    /// are not listed rule by rule. Sources and unmatched files are left as they are.
    mutating func edit(removing: Set<Int>, replacing: [Int: PlannedTarget], adding: [[PlannedTarget]]) -> Edit? {
        guard let ranges = ruleRanges() else { return nil }
        let added = adding.reduce(0) { $0 + $1.count }
        var newSlots: [Int32] = []
        newSlots.reserveCapacity(count - removing.count + added)
        var origin: [Int?] = []
        origin.reserveCapacity(newSlots.capacity)
        var fresh: [Int] = []
        var newDecoded: [PlannedTarget] = []
        func appendDecoded(_ t: PlannedTarget, from o: Int?) {
            fresh.append(newSlots.count)
            origin.append(o)
            newSlots.append(~Int32(newDecoded.count))
            newDecoded.append(t)
        }
        for (r, range) in ranges.enumerated() {
            let additions = (r < adding.count ? adding[r] : []).sorted { $0.binding < $1.binding }
            // Where each addition goes: before the first target whose binding sorts after it
            // (a rule's targets are in binding order, so by binary search).
            let positions = additions.map { a in
                var lo = range.lowerBound, hi = range.upperBound
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if a.binding < binding(mid) { hi = mid } else { lo = mid + 1 }
                }
                return lo
            }
            var a = 0
            for o in range {
                while a < additions.count && positions[a] == o {
                    appendDecoded(additions[a], from: nil)
                    a += 1
                }
                if removing.contains(o) { continue }
                if let t = replacing[o] {
                    appendDecoded(t, from: o)
                } else {
                    let s = slots[o]
                    origin.append(o)
                    if s >= 0 {
                        newSlots.append(s)
                    } else {
                        newSlots.append(~Int32(newDecoded.count))
                        newDecoded.append(decoded[Int(~s)])
                    }
                }
            }
            while a < additions.count {
                appendDecoded(additions[a], from: nil)
                a += 1
            }
        }

        // Each stored target's new index: kept, followed to its replacement, or gone.
        var newIndexOf = [Int32](repeating: -1, count: count)
        for (i, o) in origin.enumerated() { if let o { newIndexOf[o] = Int32(i) } }
        slots = newSlots
        decoded = newDecoded
        decodedIndex = Array(repeating: 0, count: decoded.count)
        for (i, s) in slots.enumerated() where s < 0 { decodedIndex[Int(~s)] = Int32(i) }
        for b in baseIndex.indices {
            let m = baseIndex[b]
            guard m != -1 else { continue }
            let n = newIndexOf[Int(m >= 0 ? m : -2 - m)]
            baseIndex[b] = n < 0 ? -1 : slots[Int(n)] == Int32(b) ? n : -2 - n
        }
        decodedProducer = [:]
        decodedProducer.reserveCapacity(decoded.count)
        for (d, t) in decoded.enumerated() { for o in t.outputs { decodedProducer[o] = Int32(d) } }
        // Fresh targets derive their dependencies; carried ones renumber theirs (kept targets
        // keep their order, so they stay ascending), unless one of them went away.
        var f = 0
        for (i, s) in slots.enumerated() where s < 0 {
            let d = Int(~s)
            if f < fresh.count && fresh[f] == i {
                f += 1
                decoded[d].dependencies = derivedDependencies(decoded[d].inputs)
                continue
            }
            var renumbered = decoded[d].dependencies
            for k in renumbered.indices {
                let n = newIndexOf[renumbered[k]]
                if n < 0 {
                    renumbered = derivedDependencies(decoded[d].inputs)
                    break
                }
                renumbered[k] = Int(n)
            }
            decoded[d].dependencies = renumbered
        }
        return Edit(origin: origin, fresh: fresh)
    }
}

/// The targets of a stored plan as they were encoded, with what a build needs of all of them
/// (rule, dependencies, outputs by path) gathered in one pass, and the rest decoded on demand.
struct EncodedTargets {
    let bytes: [UInt8]
    let strings: [String]
    /// Where each target's encoding starts in `bytes`, and where its own part (rule, binding,
    /// inputs, outputs: what `PlanWriter.target` writes) ends, before its dependencies.
    private let start: [UInt32]
    private let ownEnd: [UInt32]
    let rule: [UInt32]
    /// Outputs of every target as string numbers, one after another; target `i`'s are
    /// `outputStart[i]..<outputStart[i + 1]`.
    private let outputIDs: [Int32]
    private let outputStart: [UInt32]
    /// Dependencies of every target, one after another; target `i`'s are
    /// `dependencyStart[i]..<dependencyStart[i + 1]`.
    let dependencies: [Int32]
    private let dependencyStart: [UInt32]
    /// The string number of each output path → the target producing it.
    private let producerOfString: [Int32]
    private let outputTable: PathTable

    init() {
        bytes = []; strings = []; start = []; ownEnd = []; rule = []; outputIDs = []; outputStart = [0]
        dependencies = []; dependencyStart = [0]; producerOfString = []; outputTable = PathTable(capacity: 0)
    }

    private init(bytes: [UInt8], strings: [String], start: [UInt32], ownEnd: [UInt32], rule: [UInt32], outputIDs: [Int32],
                 outputStart: [UInt32], dependencies: [Int32], dependencyStart: [UInt32], producerOfString: [Int32],
                 outputTable: PathTable) {
        self.bytes = bytes; self.strings = strings; self.start = start; self.ownEnd = ownEnd; self.rule = rule
        self.outputIDs = outputIDs; self.outputStart = outputStart
        self.dependencies = dependencies; self.dependencyStart = dependencyStart
        self.producerOfString = producerOfString; self.outputTable = outputTable
    }

    func dependencyRange(_ b: Int) -> Range<Int> { Int(dependencyStart[b])..<Int(dependencyStart[b + 1]) }

    /// Target `b`'s own part as encoded (string numbers into `strings`).
    func ownBytes(_ b: Int) -> ArraySlice<UInt8> { bytes[Int(start[b])..<Int(ownEnd[b])] }

    /// Reads `count` targets (each: target, dependencies, outcome) from `r`, keeping only
    /// numbers and offsets; the outcomes are returned decoded. Nil when malformed.
    static func scan(_ r: inout PlanReader, bytes: [UInt8], strings: [String], count: Int,
                     ruleCount: Int) -> (EncodedTargets, [StoredPlan.Outcome])? {
        guard count <= r.remaining else { return nil }
        var start: [UInt32] = [], ownEnd: [UInt32] = [], rule: [UInt32] = [], dependencyStart: [UInt32] = [0], outputStart: [UInt32] = [0]
        start.reserveCapacity(count); ownEnd.reserveCapacity(count); rule.reserveCapacity(count)
        dependencyStart.reserveCapacity(count + 1); outputStart.reserveCapacity(count + 1)
        var dependencies: [Int32] = []
        dependencies.reserveCapacity(count * 2)
        var producerOfString = [Int32](repeating: -1, count: strings.count)
        var outputs: [Int32] = []
        outputs.reserveCapacity(count + count / 8)
        var outcomes: [StoredPlan.Outcome] = []
        outcomes.reserveCapacity(count)
        for i in 0..<count {
            guard r.offset <= Int(UInt32.max) else { return nil }
            start.append(UInt32(r.offset))
            guard let ruleIndex = r.count(), ruleIndex < ruleCount, let pairs = r.count(), r.skipCounts(pairs * 2),
                  let lines = r.count(), lines <= r.remaining else { return nil }
            for _ in 0..<lines {
                guard let n = r.count(), r.skipCounts(n) else { return nil }
            }
            guard let missing = r.count(), r.skipCounts(missing), let n = r.count(), n > 0, n <= r.remaining else { return nil }
            for _ in 0..<n {
                guard let id = r.count(), id < strings.count else { return nil }
                // A path two targets claim is malformed (discovery refuses such plans).
                guard producerOfString[id] < 0 else { return nil }
                producerOfString[id] = Int32(i)
                outputs.append(Int32(id))
            }
            outputStart.append(UInt32(outputs.count))
            ownEnd.append(UInt32(r.offset))
            rule.append(UInt32(ruleIndex))
            guard let deps = r.count(), deps <= r.remaining else { return nil }
            for _ in 0..<deps {
                guard let d = r.count(), d < i else { return nil }
                dependencies.append(Int32(d))
            }
            dependencyStart.append(UInt32(dependencies.count))
            guard let outcome = r.outcome(strings) else { return nil }
            outcomes.append(outcome)
        }
        let table = PathTable(capacity: outputs.count, ids: outputs, strings: strings)
        return (EncodedTargets(bytes: bytes, strings: strings, start: start, ownEnd: ownEnd, rule: rule, outputIDs: outputs,
                               outputStart: outputStart, dependencies: dependencies, dependencyStart: dependencyStart,
                               producerOfString: producerOfString, outputTable: table), outcomes)
    }

    /// The target producing `path`, if one of these does.
    func producer(of path: String) -> Int? {
        guard let id = outputTable.find(path, strings: strings) else { return nil }
        return Int(producerOfString[Int(id)])
    }

    private func reader(_ b: Int) -> PlanReader { PlanReader(bytes: bytes, skipping: Int(start[b])) }

    /// Target `b` without dependencies (the scan checked its encoding, so decoding succeeds).
    func target(_ b: Int) -> PlannedTarget {
        var r = reader(b)
        return r.target(strings) ?? PlannedTarget(ruleIndex: Int(rule[b]), binding: Binding(), inputs: [], missingInputs: [],
                                                  outputs: outputs(b), dependencies: [])
    }

    func binding(_ b: Int) -> Binding {
        var r = reader(b)
        _ = r.count()
        return r.binding(strings) ?? Binding()
    }

    func outputs(_ b: Int) -> [String] {
        (Int(outputStart[b])..<Int(outputStart[b + 1])).map { strings[Int(outputIDs[$0])] }
    }

    func appendOutputs(_ b: Int, to all: inout [String]) {
        for k in Int(outputStart[b])..<Int(outputStart[b + 1]) { all.append(strings[Int(outputIDs[k])]) }
    }

    func primaryOutput(_ b: Int) -> String { strings[Int(outputIDs[Int(outputStart[b])])] }
}
