// QuickSight manifests are the same for every dataset of every pipeline: the latest `keep`
// NDJSON partitions of one dataset folder, as URIs under an optional `base`. One action and one
// rule (`rules/quicksight.rules`) serve sales and flights alike.

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

    /// `run quicksight.manifest [keep=30] [base=URI]` over `in reports/quicksight/{dataset}/date=*.ndjson`.
    public static let action = Action(name: "quicksight.manifest", version: 1) { ctx throws(ActionError) in
        let keepText = ctx.parameter("keep") ?? "30"
        guard let keep = Int(keepText), keep > 0 else {
            throw .failed("parameter keep=\(keepText) must be a positive number of partitions")
        }
        return .outputs([bytes(paths: ctx.inputs.first ?? [], keep: keep, base: ctx.parameter("base"))], rejections: [])
    }
}
