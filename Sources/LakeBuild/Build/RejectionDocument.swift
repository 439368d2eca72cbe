// `rejected/<path under raw/>.error.json`: written by the engine from an action's typed
// rejection, so every pipeline's rejections look alike:
//
//   {"file": "raw/sales/store_0003_2025-11-20.json", "rule": "sales_parquet",
//    "errors": [{"line": 4, "column": 17, "path": "$[0].quantity", "message": "…"}],
//    "error_count": 1}
//
// The catalog keeps the same documents (one compact JSON object per line) in the target's
// `error` column, so a standing rejection can be listed and its file restored without
// re-running the action.

import LakeFormats

enum RejectionDocument {
    static let suffix = ".error.json"

    /// Where the rejection file of a raw path lives. A raw name too long to take the suffix
    /// within one segment is shortened and given a hash of the full name (the document itself
    /// names the raw file in full).
    static func filePath(for rawPath: String) -> String {
        let inner = LakeLayout.isRaw(rawPath) ? String(rawPath.dropFirst(LakeLayout.raw.count + 1)) : rawPath
        let (folder, name) = LakeDirectory.splitLast(inner)
        var fileName = name + suffix
        if fileName.utf8.count > LakeLayout.maximumSegmentBytes {
            let digest = "-" + SHA256.hex(SHA256.hash(Array(name.utf8))).prefix(16)
            var kept = Substring(name)
            while kept.utf8.count + digest.utf8.count + suffix.utf8.count > LakeLayout.maximumSegmentBytes { kept.removeLast() }
            fileName = kept + digest + suffix
        }
        return LakeLayout.rejected + "/" + (folder.isEmpty ? "" : folder + "/") + fileName
    }

    static func fileBytes(_ r: Rejection, rule: String?, expected: [String] = []) -> [UInt8] {
        var w = JSONWriter(style: .pretty)
        write(r, rule: rule, expected: expected, to: &w)
        return w.bytes
    }

    /// The catalog form: one compact document per line.
    static func catalogText(_ rejections: [Rejection], rule: String) -> String {
        rejections.map { r in
            var w = JSONWriter(style: .compact)
            write(r, rule: rule, expected: [], to: &w)
            return w.text
        }.joined(separator: "\n")
    }

    /// The rejections stored by `catalogText`, with their rule; undecodable lines are skipped.
    static func parse(catalogText text: String) -> [(rejection: Rejection, rule: String)] {
        text.split(separator: "\n").compactMap { line in
            guard let v = try? JSONValue.parse(Array(line.utf8)), case .string(let file)? = v["file"] else { return nil }
            var details: [RejectionDetail] = []
            if case .array(let errors)? = v["errors"] {
                for e in errors {
                    guard case .string(let message)? = e["message"] else { continue }
                    var d = RejectionDetail(message: message)
                    if case .number(let n)? = e["line"] { d.line = n.int64().map(Int.init) }
                    if case .number(let n)? = e["column"] { d.column = n.int64().map(Int.init) }
                    if case .string(let p)? = e["path"] { d.path = p }
                    details.append(d)
                }
            }
            var total = details.count
            if case .number(let n)? = v["error_count"], let c = n.int64() { total = Int(c) }
            let rule: String
            if case .string(let r)? = v["rule"] { rule = r } else { rule = "" }
            return (Rejection(path: file, errors: details, totalErrors: total), rule)
        }
    }

    private static func write(_ r: Rejection, rule: String?, expected: [String], to w: inout JSONWriter) {
        w.beginObject()
        w.key("file")
        w.string(r.path)
        w.key("rule")
        if let rule { w.string(rule) } else { w.null() }
        w.key("errors")
        w.beginArray()
        for e in r.errors {
            w.beginObject()
            if let line = e.line {
                w.key("line")
                w.int(line)
            }
            if let column = e.column {
                w.key("column")
                w.int(column)
            }
            if let path = e.path {
                w.key("path")
                w.string(path)
            }
            w.key("message")
            w.string(e.message)
            w.endObject()
        }
        w.endArray()
        w.key("error_count")
        w.int(r.totalErrors)
        if !expected.isEmpty {
            w.key("expected_patterns")
            w.beginArray()
            for p in expected { w.string(p) }
            w.endArray()
        }
        w.endObject()
    }
}
