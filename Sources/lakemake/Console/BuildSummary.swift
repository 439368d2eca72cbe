// How a build report reads: one line per target that did something, then unmatched and
// rejected raw files, then a summary line. `--json` gives the same facts as one object.

import LakeBuild
import LakeFormats

enum BuildSummary {
    /// Prints the report: as one JSON object with `json`, else as lines (only the summary
    /// line with `quiet`).
    static func print(_ report: BuildReport, to out: Output, json asJSON: Bool, quiet: Bool) {
        if asJSON {
            out.print(json(report))
            return
        }
        if !quiet {
            for t in report.targets {
                if let line = line(for: t, paint: out.styled) { out.print(line) }
            }
            for path in report.removed { out.print(report.dryRun ? "  would remove \(path)" : "  removed    \(path)") }
            for u in report.unmatched {
                out.print("  unmatched  \(u.path): \(u.explanation)")
            }
            for link in report.escapingLinks { out.print("  ignored    \(link): symbolic link pointing outside the lake") }
        }
        let standing = report.standingRejections
        if !standing.isEmpty && !quiet {
            out.print("standing rejections (\(standing.count)):")
            for s in standing.prefix(20) { out.print("  " + StandingRejectionText.line(s)) }
            if standing.count > 20 { out.print("  … and \(standing.count - 20) more; see 'lakemake status'") }
        }
        out.print(summaryLine(report))
    }

    static func summaryLine(_ report: BuildReport) -> String {
        let c = report.counts
        if report.dryRun {
            let n = report.targets.filter { if case .wouldBuild = $0.outcome { return true }; return false }.count
            let removed = report.removed.count
            var parts: [String] = []
            if n > 0 { parts.append("\(n) target\(n == 1 ? "" : "s") would be rebuilt") }
            if removed > 0 { parts.append("\(removed) output\(removed == 1 ? "" : "s") would be removed") }
            return parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")
        }
        var parts = ["\(c.built) built", "\(c.unchanged) unchanged"]
        if c.rejected > 0 { parts.append("\(c.rejected) rejected") }
        if c.failed > 0 { parts.append("\(c.failed) failed") }
        if c.skipped > 0 { parts.append("\(c.skipped) skipped") }
        if c.removed > 0 { parts.append("\(c.removed) removed") }
        parts.append("\(report.upToDateCount) up to date")
        let id = report.buildID.map { "build \($0): " } ?? ""
        return id + parts.joined(separator: ", ")
    }

    /// The line for one target, or nil when it was up to date. `paint` colours the outcome
    /// word (an SGR code: green built, red failed, yellow rejected) where colour is allowed.
    static func line(for t: TargetReport, paint: (String, String) -> String = { text, _ in text }) -> String? {
        let path = t.primaryOutput + (t.outputs.count > 1 ? " (+\(t.outputs.count - 1))" : "")
        switch t.outcome {
        case .upToDate, .stillRejected, .notRequested, .notStarted: return nil
        case .built(let reason, let changed):
            return "  \(changed ? paint("built", "32") + "     " : "unchanged ") \(path) — \(reason.summary)"
        case .wouldBuild(let reason): return "  would build \(path) — \(reason.summary)"
        case .rejected(_, let rejections):
            let first = rejections.first.map { r in
                let e = r.errors.first
                return "\(r.path)" + (e.map { ":\($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-"): \($0.message)" } ?? "")
            } ?? ""
            return "  \(paint("rejected", "33"))   \(path) — \(first)"
        case .failed(_, let error): return "  \(paint("failed", "31"))     \(path) — \(error)"
        case .skipped(let cause): return "  skipped    \(path) — \(cause)"
        }
    }

    static func json(_ report: BuildReport) -> String {
        var w = JSONWriter(style: .pretty)
        w.beginObject()
        w.key("dry_run"); w.bool(report.dryRun)
        w.key("build_id"); if let id = report.buildID { w.int(id) } else { w.null() }
        w.key("exit_status"); w.int(Int(report.exitStatus))
        let c = report.counts
        w.key("counts"); w.beginObject()
        for (k, v) in [("built", c.built), ("unchanged", c.unchanged), ("rejected", c.rejected), ("failed", c.failed),
                       ("skipped", c.skipped), ("removed", c.removed)] { w.key(k); w.int(v) }
        w.key("up_to_date"); w.int(report.upToDateCount)
        w.endObject()
        w.key("targets"); w.beginArray()
        for t in report.targets {
            let (kind, reason, error): (String, StaleReason?, String?)
            switch t.outcome {
            case .upToDate, .stillRejected, .notRequested, .notStarted: continue
            case .built(let r, let changed): (kind, reason, error) = (changed ? "built" : "unchanged", r, nil)
            case .wouldBuild(let r): (kind, reason, error) = ("would_build", r, nil)
            case .rejected(let r, let rs): (kind, reason, error) = ("rejected", r, rs.map(\.path).joined(separator: ", "))
            case .failed(let r, let e): (kind, reason, error) = ("failed", r, e)
            case .skipped(let cause): (kind, reason, error) = ("skipped", nil, cause)
            }
            w.beginObject()
            w.key("output"); w.string(t.primaryOutput)
            w.key("outputs"); w.beginArray(); for o in t.outputs { w.string(o) }; w.endArray()
            w.key("rule"); w.string(t.rule)
            w.key("outcome"); w.string(kind)
            w.key("reason"); if let reason { w.string(reason.code) } else { w.null() }
            w.key("detail"); if let reason { w.string(reason.summary) } else { w.null() }
            w.key("error"); if let error { w.string(error) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("removed"); w.beginArray(); for r in report.removed { w.string(r) }; w.endArray()
        w.key("unmatched"); w.beginArray(); for u in report.unmatched { w.string(u.path) }; w.endArray()
        w.key("standing_rejections"); w.beginArray()
        for s in report.standingRejections { StandingRejectionText.write(s, to: &w) }
        w.endArray()
        w.endObject()
        return String(w.text.dropLast(w.text.hasSuffix("\n") ? 1 : 0))
    }

    static func printStats(_ s: BuildStats, to out: Output) {
        func ms(_ v: Double) -> String { String(format: "%.1f ms", v) }
        out.error("phases: walk \(ms(s.walkMs)), catalog load \(ms(s.catalogLoadMs)), discovery \(ms(s.discoveryMs)), hash \(ms(s.hashMs)), run \(ms(s.runMs)), commit \(ms(s.commitMs))")
        out.error("counters: statted \(s.statted), hashed \(s.hashed), targets considered \(s.targetsConsidered), stale \(s.targetsStale), built \(s.targetsBuilt), unchanged \(s.targetsUnchanged), sqlStatements \(s.sqlStatements), writes \(s.writes), bytes written \(s.bytesWritten)")
    }
}
