/// Paths sorted bytewise, searchable by prefix in O(log n).
public struct SortedPaths: Sendable {
    public let paths: [String]
    private let bytes: [[UInt8]]

    public init<S: Sequence>(_ paths: S) where S.Element == String {
        let sorted = paths.map { (Array($0.utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        self.paths = sorted.map(\.1)
        self.bytes = sorted.map(\.0)
    }

    /// Every path starting with `prefix`, in order.
    public func withPrefix(_ prefix: String) -> ArraySlice<String> {
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
        let s = withPrefix(path)
        return s.first == path
    }
}
