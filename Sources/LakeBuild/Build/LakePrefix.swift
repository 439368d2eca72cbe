// What `build PREFIX`, `--force PREFIX` and `clean PREFIX` select: whole path segments, so
// `…/date=2025-11-2` never reaches `…/date=2025-11-20`. A prefix ending in `/` selects what
// lies below that folder; one without names that file or that folder exactly.

/// Whole-segment prefix matching of lake-relative paths.
public enum LakePrefix {
    /// Whether `path` is selected by `prefix`: the empty prefix selects everything,
    /// `processed/a/` everything below that folder, `processed/a` the file `processed/a` or
    /// everything below the folder `processed/a/`.
    public static func matches(_ path: String, prefix: String) -> Bool {
        // Bytewise, as lake paths are compared everywhere else.
        guard path.utf8.starts(with: prefix.utf8) else { return false }
        if prefix.isEmpty || prefix.utf8.last == UInt8(ascii: "/") { return true }
        let rest = path.utf8.dropFirst(prefix.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }

    /// Whether one of `paths` (a target's outputs) is selected by one of `prefixes`.
    public static func selects(_ prefixes: [String], anyOf paths: [String]) -> Bool {
        paths.contains { path in prefixes.contains { matches(path, prefix: $0) } }
    }
}
