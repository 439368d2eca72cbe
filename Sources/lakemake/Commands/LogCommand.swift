// `lakemake log`: the most recent builds from the catalog, newest first.

import Arguments
import Catalog
import Foundation

enum LogCommand: LakemakeCommand {
    /// The options of `lakemake log`.
    enum Options {
        static let count: Option<Int> = .integer(
            "count", short: "n", valueName: "N", defaultValue: 10, in: 1...1_000_000, help: "Show the N most recent builds.")
        static let json: Option<Bool> = .flag("json", help: "Print the builds as a JSON array.")
    }

    static let spec = CommandSpec(
        name: "log",
        abstract: "List recent builds: when, how long, and what they did.",
        discussion: "Build times live only in the catalog, never in outputs. A lake never built has no builds yet (exit 0).",
        options: [Options.count.spec, Options.json.spec],
        examples: [.init("lakemake log -n 3")])

    static func run(_ inv: Invocation) throws -> Int32 {
        let builds = try inv.readCatalogOrEmpty().builds(limit: inv.parsed[Options.count])
        if !inv.hasCatalog { inv.noteNeverBuilt() }
        if inv.parsed[Options.json] {
            inv.output.print(JSONText.make { w in
                w.beginArray()
                for b in builds {
                    w.beginObject()
                    w.field("id", b.id)
                    w.field("started_at", b.startedAt)
                    w.field("finished_at", b.finishedAt)
                    w.key("duration_ms"); if let d = durationMs(b) { w.int(d) } else { w.null() }
                    w.field("command_line", b.commandLine)
                    w.field("built", b.counts.built); w.field("unchanged", b.counts.unchanged)
                    w.field("rejected", b.counts.rejected); w.field("failed", b.counts.failed)
                    w.field("removed", b.counts.removed)
                    w.key("exit_status"); if let s = b.exitStatus { w.int(s) } else { w.null() }
                    w.endObject()
                }
                w.endArray()
            })
            return 0
        }
        if builds.isEmpty { inv.output.print("no builds yet") }
        for b in builds { inv.output.print(line(b)) }
        return 0
    }

    static func line(_ b: BuildRecord) -> String {
        let c = b.counts
        let duration = durationMs(b).map { String(format: "%.2f s", Double($0) / 1000) } ?? "unfinished"
        let status = b.exitStatus.map { "exit \($0)" } ?? "running or interrupted"
        return "build \(b.id)  \(b.startedAt)  \(duration)  \(c.built) built, \(c.unchanged) unchanged, \(c.rejected) rejected, \(c.failed) failed, \(c.removed) removed  \(status)"
    }

    /// Milliseconds between start and finish, or nil when the build never finished.
    static func durationMs(_ b: BuildRecord) -> Int64? {
        guard let end = b.finishedAt, let from = parse(b.startedAt), let to = parse(end) else { return nil }
        return Int64((to.timeIntervalSince(from) * 1000).rounded())
    }

    private static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
