// A path pattern of an `in` or `out` line, as parsed: segments separated by `/`, each a
// sequence of literal text, `{name}` / `{name:REGEX}` / `{name:date}` wildcards, `*`, and
// date windows `{date-7d..date-1d}`.

/// A lake-relative path pattern. Matching and instantiation live in `PathPattern+Matching.swift`.
public struct PathPattern: Sendable, Hashable {
    /// The pattern exactly as written.
    public var text: String
    /// One entry per `/`-separated segment.
    public var segments: [Segment]

    public init(text: String, segments: [Segment]) {
        self.text = text
        self.segments = segments
    }

    public struct Segment: Sendable, Hashable {
        public var parts: [Part]
        public init(parts: [Part]) { self.parts = parts }
    }

    public enum Part: Sendable, Hashable {
        /// Text that must appear as written.
        case literal(String)
        /// `{name}`, `{name:REGEX}` or `{name:date}`. `type` is nil when this occurrence
        /// refers to a wildcard declared earlier in the same rule (a plain `{name}`).
        case wildcard(name: String, type: WildcardType?)
        /// `*`: any text within the segment (aggregate member).
        case star
        /// `{date-7d..date-1d}`: every date from `name + fromDays` to `name + toDays`
        /// (offsets signed, `from <= to`) over the rule's date wildcard `name`.
        case dateWindow(name: String, fromDays: Int, toDays: Int)
    }

    /// What a wildcard may match, fixed where it is first declared in the rule.
    public enum WildcardType: Sendable, Hashable {
        /// Any non-empty text within one segment (non-greedy).
        case any
        /// A regular expression the whole captured text must match.
        case regex(String)
        /// A real calendar date `YYYY-MM-DD`.
        case date
    }

    public var hasStar: Bool { segments.contains { $0.parts.contains(.star) } }
    public var hasDateWindow: Bool {
        segments.contains { $0.parts.contains { if case .dateWindow = $0 { return true } else { return false } } }
    }
    /// Names of the wildcards this pattern mentions (windows count for their date wildcard),
    /// in order of first appearance.
    public var wildcardNames: [String] {
        var seen: [String] = []
        for s in segments {
            for p in s.parts {
                switch p {
                case .wildcard(let n, _), .dateWindow(let n, _, _):
                    if !seen.contains(n) { seen.append(n) }
                default: break
                }
            }
        }
        return seen
    }
}
