// Wildcard values come from file names, and file names are whatever landed in raw/. A value
// is checked when its binding is made (spec §8): it becomes part of output paths, so it must
// be one plain path segment. A raw file whose name gives a bad value is rejected, naming the
// rule and the value; every other binding is still built.

/// A binding discovery refused, and the files whose names produced it.
public struct RefusedBinding: Sendable, Equatable {
    public var rule: String
    /// The first `in` line's members that gave the binding.
    public var paths: [String]
    /// Why, naming the wildcard and its value.
    public var message: String

    /// The problem with a binding, or nil when every value is a plain path segment and every
    /// output segment fits the file system's limit.
    static func problem(in binding: Binding, outputs: [String]) -> String? {
        for (name, value) in binding.pairs {
            if let reason = problem(ofValue: value) {
                return "the file name gives {\(name)} the value \(LakeWalker.escaped(Array(value.utf8)).quotedForMessage), \(reason)"
            }
        }
        for path in outputs {
            for segment in path.split(separator: "/") where segment.utf8.count > LakeLayout.maximumSegmentBytes {
                return "it gives an output name of \(segment.utf8.count) bytes, over the \(LakeLayout.maximumSegmentBytes) a file system stores: \(path)"
            }
        }
        return nil
    }

    /// Why a wildcard value cannot stand in a path, or nil.
    static func problem(ofValue value: String) -> String? {
        if value.isEmpty { return "which is empty" }
        if value == "." || value == ".." { return "which would name a folder instead of a file" }
        if value.utf8.contains(UInt8(ascii: "/")) { return "which contains '/'" }
        if value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "which contains a control character" }
        return nil
    }
}

private extension String {
    var quotedForMessage: String { "'" + self + "'" }
}
