// "Did you mean" for misspelt directives and actions: the closest name by edit distance,
// offered only when it is a plausible typo.

enum NameSuggestion {
    /// The candidate nearest to `name` (at most two edits, and fewer edits than the candidate
    /// has characters); ties go to the name that sorts first.
    static func closest(to name: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates.sorted() {
            let d = editDistance(name, candidate)
            guard d <= 2, d < candidate.count else { continue }
            if best == nil || d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[y.count]
    }
}
