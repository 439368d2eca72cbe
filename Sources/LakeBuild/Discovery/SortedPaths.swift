/// Paths sorted bytewise, searchable by prefix in O(log n). Comparisons read the strings'
/// UTF-8 in place: nothing is allocated per path.
public struct SortedPaths: Sendable {
    public let paths: [String]

    public init<S: Sequence>(_ paths: S) where S.Element == String {
        self.paths = paths.sorted(by: LakePath.bytewiseLess)
    }

    /// Paths already in bytewise order (a list this type sorted before), taken as they are.
    public init(presorted paths: [String]) {
        self.paths = paths
    }

    /// Every path starting with `prefix`, in order.
    public func slice(withPrefix prefix: String) -> ArraySlice<String> {
        var lo = 0, hi = paths.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if LakePath.bytewiseLess(paths[mid], prefix) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < paths.count && LakePath.hasBytePrefix(paths[end], prefix) { end += 1 }
        return paths[lo..<end]
    }

    /// Two bytewise-sorted lists as one.
    static func merge(_ a: [String], _ b: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if LakePath.bytewiseLess(b[j], a[i]) { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    public func contains(_ path: String) -> Bool {
        let s = slice(withPrefix: path)
        return s.first == path
    }
}

/// An `out` pattern compiled for filling in: literal text and wildcard names, in order.
struct PathTemplate {
    private enum Piece {
        case text(String)
        case value(String)
    }

    private let pieces: [Piece]

    init(_ pattern: PathPattern) {
        var pieces: [Piece] = []
        for (i, segment) in pattern.segments.enumerated() {
            if i > 0 { pieces.append(.text("/")) }
            for part in segment.parts {
                switch part {
                case .literal(let t): pieces.append(.text(t))
                case .wildcard(let name, _), .dateWindow(let name, _, _): pieces.append(.value(name))
                case .star: pieces.append(.value("*"))
                }
            }
        }
        self.pieces = pieces
    }

    /// The path for `binding`, or nil if a wildcard is unbound.
    func fill(_ binding: Binding) -> String? {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .value(let name):
                guard let v = binding[name] else { return nil }
                out += v
            }
        }
        return out
    }
}
