/// Paths sorted bytewise, searchable by prefix in O(log n).
public struct SortedPaths: Sendable {
    public let paths: [String]
    private let bytes: [[UInt8]]

    public init<S: Sequence>(_ paths: S) where S.Element == String {
        let sorted = paths.map { (Array($0.utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        self.paths = sorted.map(\.1)
        self.bytes = sorted.map(\.0)
    }

    /// Paths already in bytewise order (a list this type sorted before), taken as they are.
    public init(presorted paths: [String]) {
        self.paths = paths
        self.bytes = paths.map { Array($0.utf8) }
    }

    /// Every path starting with `prefix`, in order.
    public func slice(withPrefix prefix: String) -> ArraySlice<String> {
        let p = Array(prefix.utf8)
        var lo = 0, hi = bytes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if bytes[mid].lexicographicallyPrecedes(p) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < bytes.count && bytes[end].starts(with: p) { end += 1 }
        return paths[lo..<end]
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
