// A standing rejection as the CLI prints it. `build` (full or no-op) and `status` list the
// engine's one list of standing rejections with these two functions, so they read alike:
//
//   raw/sales/store_0003_2025-11-20.json (rule sales_parquet): 4:17 $[0].quantity: … (+2 more errors)
//
// and, with `--json`, the object of the file's `rejected/….error.json` document.

import LakeBuild
import LakeFormats

enum StandingRejectionText {
    /// The file, the rule and the first error on one line (shortened to about 200 characters).
    static func line(_ s: StandingRejection) -> String {
        var detail = s.rejection.errors.first.map(describe) ?? "no error recorded"
        let more = s.rejection.totalErrors - 1
        if more > 0 { detail += " (+\(more) more error\(more == 1 ? "" : "s"))" }
        return "\(s.path) (rule \(s.rule.isEmpty ? "?" : s.rule)): \(StatusCommand.oneLine(detail))"
    }

    /// `LINE:COLUMN JSONPATH: message`, with whichever of the position parts are known.
    static func describe(_ e: RejectionDetail) -> String {
        var position: [String] = []
        if let line = e.line { position.append("\(line):\(e.column.map(String.init) ?? "-")") }
        if let path = e.path { position.append(path) }
        return position.isEmpty ? e.message : position.joined(separator: " ") + ": " + e.message
    }

    /// `{"file", "rule", "errors": [{"line", "column", "path", "message"}], "error_count"}`.
    static func write(_ s: StandingRejection, to w: inout JSONWriter) {
        w.beginObject()
        w.field("file", s.path)
        w.field("rule", s.rule)
        w.key("errors")
        w.beginArray()
        for e in s.rejection.errors {
            w.beginObject()
            w.field("line", e.line.map(Int64.init))
            w.field("column", e.column.map(Int64.init))
            w.field("path", e.path)
            w.field("message", e.message)
            w.endObject()
        }
        w.endArray()
        w.field("error_count", s.rejection.totalErrors)
        w.endObject()
    }
}
