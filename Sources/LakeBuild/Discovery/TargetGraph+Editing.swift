// A plan edited in place of being derived again: targets removed, replaced and added, the
// rest kept as they are. Change-driven discovery edits the previous plan this way, and a
// stored plan applies the changes later builds appended to it the same way, so both give
// exactly the graph full discovery would (targets rule by rule, each rule's in binding order).

extension TargetGraph {
    /// The edit's result: the graph, and for each of its targets the index it had before
    /// (nil for an added one) and whether it is new or replaced.
    struct Edited {
        var graph: TargetGraph
        var origin: [Int?]
        /// Indices of added and replaced targets, ascending.
        var fresh: [Int]
    }

    /// This graph with the targets at `removing` gone, those in `replacing` swapped for their
    /// new plan (same binding), and `adding` (per rule index) placed in binding order among
    /// their rule's targets. Producers are derived again; dependencies are derived for fresh
    /// targets and renumbered for the others. Sources and unmatched files are left as they are.
    /// Nil when this graph does not list its targets rule by rule (only discovery's order can
    /// be edited this way).
    func editing(removing: Set<Int>, replacing: [Int: PlannedTarget], adding: [[PlannedTarget]]) -> Edited? {
        var newIndex = Array(repeating: -1, count: targets.count)
        var fresh: [Int] = []
        var origin: [Int?] = []
        var edited: [PlannedTarget] = []
        edited.reserveCapacity(targets.count + adding.reduce(0) { $0 + $1.count })
        origin.reserveCapacity(edited.capacity)
        var next = 0
        for r in rules.indices {
            var additions = (r < adding.count ? adding[r] : []).sorted { $0.binding < $1.binding }[...]
            while next < targets.count && targets[next].ruleIndex == r {
                let o = next
                next += 1
                while let a = additions.first, a.binding < targets[o].binding {
                    fresh.append(edited.count)
                    origin.append(nil)
                    edited.append(a)
                    additions = additions.dropFirst()
                }
                if removing.contains(o) { continue }
                newIndex[o] = edited.count
                origin.append(o)
                if let t = replacing[o] {
                    fresh.append(edited.count)
                    edited.append(t)
                } else {
                    edited.append(targets[o])
                }
            }
            for a in additions {
                fresh.append(edited.count)
                origin.append(nil)
                edited.append(a)
            }
        }
        guard next == targets.count else { return nil }
        var producer: [String: Int] = [:]
        // (A graph decoded with changes to apply has no producers yet: at least one a target.)
        producer.reserveCapacity(max(self.producer.count, edited.count))
        for (i, t) in edited.enumerated() { for o in t.outputs { producer[o] = i } }
        func derived(_ t: PlannedTarget) -> [Int] {
            var deps = Set<Int>()
            for line in t.inputs { for p in line { if let d = producer[p] { deps.insert(d) } } }
            return deps.sorted()
        }
        var f = 0
        for i in edited.indices {
            if f < fresh.count && fresh[f] == i {
                f += 1
                edited[i].dependencies = derived(edited[i])
                continue
            }
            // Kept targets keep their order, so renumbered dependencies stay ascending; they are
            // written only where an index moved (most targets' arrays stay shared, uncopied).
            // A consumer of a target that went away is always replanned; were one not, a wrong
            // index would run it before its producer, so its dependencies are derived instead.
            var k = 0
            let count = edited[i].dependencies.count
            while k < count {
                let old = edited[i].dependencies[k], moved = newIndex[old]
                if moved < 0 {
                    edited[i].dependencies = derived(edited[i])
                    break
                }
                if moved != old { edited[i].dependencies[k] = moved }
                k += 1
            }
        }
        var graph = self
        graph.targets = edited
        graph.producer = producer
        return Edited(graph: graph, origin: origin, fresh: fresh)
    }
}
