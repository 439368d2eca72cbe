// QuickSight manifests are the same for every dataset of every pipeline: the latest `keep`
// NDJSON partitions of one dataset folder, less the empty ones (QuickSight refuses a manifest
// entry with no rows), as URIs under an optional base. One action and one rule
// (`rules/quicksight.rules`) serve sales and flights alike.
//
// The base URI is where the lake is published (`s3://bucket/lake`), a fact about the lake, not
// about a rule: it comes from one setting (`quicksight.base` in `lake/lake.conf`, or
// `--quicksight-base`), which `withBase(_:in:)` hands to every manifest rule as its `base`
// parameter, so changing it rebuilds exactly the manifests. A `base=` written in a rules file
// is refused, so there is never a second place that says otherwise.

import LakeBuild
import LakeFormats

/// `{"fileLocations":[{"URIs":[…]}],"globalUploadSettings":{"format":"JSON"}}`.
public enum QuickSightManifest {
    /// - Parameters:
    ///   - paths: lake-relative partition paths (`reports/quicksight/<dataset>/date=D.ndjson`).
    ///   - keep: how many of the latest (bytewise last) partitions to list.
    ///   - base: prefix for the URIs (`s3://bucket/lake`); without it the URIs are lake paths.
    public static func bytes(paths: [String], keep: Int, base: String?) -> [UInt8] {
        let latest = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.suffix(max(0, keep))
        let prefix = base.flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/" } ?? ""
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("fileLocations")
        w.beginArray()
        w.beginObject()
        w.key("URIs")
        w.beginArray()
        for p in latest { w.string(prefix + p) }
        w.endArray()
        w.endObject()
        w.endArray()
        w.key("globalUploadSettings")
        w.beginObject()
        w.key("format")
        w.string("JSON")
        w.endObject()
        w.endObject()
        return w.bytes
    }

    /// `run quicksight.manifest [keep=30]` over `in reports/quicksight/{dataset}/date=*.ndjson`;
    /// `base` is added from the lake's setting. Of the latest `keep` partitions, empty files are
    /// left out (the window stays `keep` dates).
    public static let action = Action(name: "quicksight.manifest", version: 2) { ctx throws(ActionError) in
        let keepText = ctx.parameter("keep") ?? "30"
        guard let keep = Int(keepText), keep > 0 else {
            throw .failed("parameter keep=\(keepText) must be a positive number of partitions")
        }
        let latest = (ctx.inputs.first ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.suffix(keep)
        var listed: [String] = []
        for path in latest where !(try ctx.read(path)).isEmpty { listed.append(path) }
        return .outputs([bytes(paths: listed, keep: keep, base: ctx.parameter("base"))], rejections: [])
    }

    /// A rules file that sets `base=` itself.
    public struct BaseInRules: Error, Sendable, Equatable {
        public let rule: String
        public let location: SourceLocation
    }

    /// `rules` with `base` (when non-empty) as a parameter of every `quicksight.manifest` rule.
    /// - Throws: `BaseInRules` when a rules file already gives such a rule a `base`.
    public static func withBase(_ base: String?, in rules: RuleSet) throws(BaseInRules) -> RuleSet {
        var result = rules
        for i in result.rules.indices {
            guard case .builtin(let name, var parameters, let location) = result.rules[i].action, name == action.name else { continue }
            if parameters.contains(where: { $0.key == "base" }) {
                throw BaseInRules(rule: result.rules[i].name, location: location)
            }
            guard let base, !base.isEmpty else { continue }
            parameters.append(Parameter(key: "base", value: base))
            parameters.sort { $0.key < $1.key }
            result.rules[i].action = .builtin(name: name, parameters: parameters, location: location)
        }
        return result
    }
}
