// "Did you mean …?" for mistyped options and commands. The distance is optimal string
// alignment (Levenshtein plus swapping two adjacent characters, each costing 1), because the
// commonest typo in a command name is two letters swapped (`biuld`, `--jbos`). A candidate is
// suggested only when it is close relative to its length, so short unrelated words are not
// "corrected" into each other; a unique prefix match (`--retry` for `--retry-failed`) counts
// as close too.

/// Picks the declared name a mistyped word most likely meant. Public: the rules parser offers
/// its "did you mean" for directives and actions with the same measure.
public enum SpellingSuggestion {
    /// The candidate closest to `word`, or nil when none is close enough. Ties go to the
    /// candidate listed first, so the answer does not depend on anything but the inputs.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = self.distance(word, candidate)
            guard distance <= allowedDistance(for: candidate) else { continue }
            if best == nil || distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.name }
        let extensions = candidates.filter { word.count >= 2 && $0.hasPrefix(word) }
        return extensions.count == 1 ? extensions[0] : nil
    }

    /// The largest distance at which `candidate` is still suggested: a third of its length,
    /// at least 1 and at most 2.
    public static func allowedDistance(for candidate: String) -> Int {
        min(2, max(1, candidate.count / 3))
    }

    /// The optimal string alignment distance between `a` and `b`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // rows[i][j] is the distance between the first i characters of a and the first j of b.
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                var cost = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1,
                               rows[i - 1][j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cost = min(cost, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = cost
            }
        }
        return rows[a.count][b.count]
    }
}
