// `lakemake explain PATH`: why PATH would be rebuilt now (the engine's own `StaleReason`,
// from a dry run that visits PATH's target) and what changed between its last two recorded
// versions (from history).

import Arguments
import Catalog
import LakeBuild

enum ExplainCommand: LakemakeCommand {
    /// The option and argument of `lakemake explain`.
    enum Options {
        static let json: Option<Bool> = .flag("json", help: "Print the explanation as one JSON object.")
        static let path: Argument<String> = .required("PATH", help: "An output path, lake-relative or inside the lake.")
    }

    static let spec = CommandSpec(
        name: "explain",
        abstract: "Say why PATH would be (or was last) rebuilt.",
        discussion: "Shows the reason a build would rebuild PATH now (which input changed, with old and new hash and size; which member appeared or vanished; which parameter or action version changed), then the last two recorded versions and what differed between them. On a lake never built every target is new.",
        options: [Options.json.spec],
        arguments: [Options.path.spec],
        examples: [.init("lakemake explain reports/sales/daily/date=2025-11-20/report.txt")])

    /// What `explain` found for one path.
    struct Explanation {
        var path: String
        var primaryOutput: String
        var rule: String
        /// Nil when up to date.
        var reason: StaleReason?
        /// Newest first, at most two.
        var history: [HistoryRecord]
        var differences: [TraceDifference]
    }

    static func run(_ inv: Invocation) throws -> Int32 {
        let given = inv.parsed[Options.path]
        let path = try inv.lakePath(given)
        let report: BuildReport, recorded: TargetRecord?, catalog: Catalog
        if inv.hasCatalog {
            // The dry run `build -n` makes, from the stored plan, visiting PATH's target (and
            // what lies downstream of it) whatever changed: one target decided from its trace,
            // where planning the whole lake took 11 s on 100 000 uploads. With no usable
            // stored plan the dry run plans in full, and decides PATH's target with the rest.
            catalog = try inv.readCatalog()
            report = try LakeSurvey.dryRun(inv, catalog: catalog) { $0.alsoVisit = [path] }
            recorded = try catalog.target(producing: path)
        } else {
            let survey = try LakeSurvey(inv)
            report = try survey.dryRun(inv)
            recorded = survey.state.target(producing: path)
            catalog = survey.catalog
        }
        let planned = report.targets.first { $0.outputs.contains(path) }
        guard let primary = planned?.primaryOutput ?? recorded?.primaryOutput,
              let rule = planned?.rule ?? recorded?.rule else {
            throw CommandError.unknownPath(given)
        }
        var reason: StaleReason?
        if let planned, case .wouldBuild(let r) = planned.outcome { reason = r }
        let history = try catalog.history(of: primary, limit: 2)
        let differences = history.count == 2 ? TraceDifference.between(history[1], history[0]) : []
        let e = Explanation(path: path, primaryOutput: primary, rule: rule, reason: reason, history: history,
                            differences: differences)
        inv.output.print(inv.parsed[Options.json] ? json(e, planned: planned != nil) : text(e, planned: planned != nil))
        return 0
    }

    static func text(_ e: Explanation, planned: Bool) -> String {
        var lines = ["\(e.path) (rule \(e.rule)" + (e.primaryOutput == e.path ? ")" : ", written with \(e.primaryOutput))")]
        if let reason = e.reason {
            lines.append("would be rebuilt now:")
            lines += reason.details.map { "  " + $0 }
        } else if planned {
            lines.append("up to date")
        } else {
            lines.append("no rule plans it any more; the next full build removes it")
        }
        for (i, h) in e.history.enumerated() {
            let label = i == 0 ? "last recorded:" : "previous:     "
            lines.append("\(label) build \(h.buildID), \(h.event.rawValue), key \(h.key.prefix(12))")
        }
        if !e.differences.isEmpty {
            lines.append("between those versions:")
            lines += e.differences.map { "  " + $0.text }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ e: Explanation, planned: Bool) -> String {
        JSONText.make { w in
            w.beginObject()
            w.field("path", e.path)
            w.field("target", e.primaryOutput)
            w.field("rule", e.rule)
            w.key("planned"); w.bool(planned)
            w.key("stale"); w.bool(e.reason != nil)
            w.field("reason", e.reason?.code)
            w.stringArray("details", e.reason?.details ?? [])
            w.key("history"); w.beginArray()
            for h in e.history {
                w.beginObject()
                w.field("build", h.buildID); w.field("event", h.event.rawValue); w.field("key", h.key)
                w.field("action", h.action); w.field("action_version", h.actionVersion); w.field("parameters", h.parameters)
                w.key("inputs"); w.beginArray()
                for i in h.inputs {
                    w.beginObject(); w.field("path", i.path); w.field("sha256", i.content.sha256); w.field("size", i.content.size); w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.key("differences"); w.beginArray()
            for d in e.differences {
                w.beginObject(); w.field("kind", d.code); w.field("text", d.text); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }
}
