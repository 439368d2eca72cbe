// The files of a stored plan, sorted by path: looked up by binary search, edited in place, and
// compared with a walk or stat'ed in order, with no dictionary of a whole lake's paths built
// on the no-op path.

/// Paths in bytewise order, each with the fingerprint and content a build left it with.
struct StoredFiles {
    private(set) var paths: [String] = []
    private(set) var states: [StoredPlan.FileState] = []

    init() {}

    /// From paths and states in any order.
    init<S: Sequence>(_ entries: S) where S.Element == (String, StoredPlan.FileState) {
        let sorted = entries.sorted { LakePath.bytewiseLess($0.0, $1.0) }
        paths = sorted.map(\.0)
        states = sorted.map(\.1)
    }

    /// From paths already sorted bytewise (as `encode` wrote them); nil when they are not.
    init?(sortedPaths: [String], states: [StoredPlan.FileState]) {
        guard sortedPaths.count == states.count else { return nil }
        for i in sortedPaths.indices.dropFirst() where !LakePath.bytewiseLess(sortedPaths[i - 1], sortedPaths[i]) { return nil }
        paths = sortedPaths
        self.states = states
    }

    var count: Int { paths.count }

    /// The index where `path` is, or would be inserted.
    private func position(_ path: String) -> Int {
        var lo = 0, hi = paths.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if LakePath.bytewiseLess(paths[mid], path) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    subscript(path: String) -> StoredPlan.FileState? {
        get {
            let i = position(path)
            return i < paths.count && paths[i] == path ? states[i] : nil
        }
        set {
            let i = position(path)
            let present = i < paths.count && paths[i] == path
            switch (present, newValue) {
            case (true, let state?): states[i] = state
            case (true, nil):
                paths.remove(at: i)
                states.remove(at: i)
            case (false, let state?):
                paths.insert(path, at: i)
                states.insert(state, at: i)
            case (false, nil): break
            }
        }
    }

    /// The entries whose path starts with `prefix`, in order.
    func entries(withPrefix prefix: String) -> [(String, StoredPlan.FileState)] {
        var out: [(String, StoredPlan.FileState)] = []
        var i = position(prefix)
        while i < paths.count && LakePath.hasBytePrefix(paths[i], prefix) {
            out.append((paths[i], states[i]))
            i += 1
        }
        return out
    }
}
