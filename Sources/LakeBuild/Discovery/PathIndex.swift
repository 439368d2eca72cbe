// The paths discovery looks bindings up in: raw and reference files, and the outputs of the
// rules planned before. Full discovery reads sorted lists; change-driven discovery reads the
// previous build's lists with what changed laid over them, so nothing is re-sorted.

/// A set of lake paths that can be asked for membership and for every path under a prefix.
protocol PathIndex {
    /// Every path starting with `prefix`, in bytewise order.
    func withPrefix(_ prefix: String) -> [String]
    func contains(_ path: String) -> Bool
}

extension SortedPaths: PathIndex {
    func withPrefix(_ prefix: String) -> [String] { Array(slice(withPrefix: prefix)) }
}

/// A previous list with paths added and removed: what the list is now, without rebuilding it.
/// The base is made only when first asked for (most of a lake's lists are never consulted by
/// a small change).
final class OverlaidPaths: PathIndex {
    private let makeBase: () -> SortedPaths
    private var base: SortedPaths?
    private let added: SortedPaths
    private let removed: Set<String>

    init(base: @escaping () -> SortedPaths, added: [String], removed: Set<String>) {
        self.makeBase = base
        self.added = SortedPaths(added)
        self.removed = removed
    }

    private var baseList: SortedPaths {
        if let base { return base }
        let made = makeBase()
        base = made
        return made
    }

    func withPrefix(_ prefix: String) -> [String] {
        let fromBase = baseList.slice(withPrefix: prefix).filter { !removed.contains($0) }
        let fromAdded = added.slice(withPrefix: prefix)
        if fromAdded.isEmpty { return fromBase }
        return (fromBase + fromAdded).sorted(by: LakePath.bytewiseLess)
    }

    func contains(_ path: String) -> Bool {
        added.contains(path) || (!removed.contains(path) && baseList.contains(path))
    }
}
