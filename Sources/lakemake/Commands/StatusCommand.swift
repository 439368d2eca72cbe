// `lakemake status`: what changed since the last build and what a build would do about it,
// plus the trouble that stands (rejections, failures) and files nobody planned. Read-only: it
// takes no lock and writes nothing.

import Arguments
import Catalog
import Foundation
import LakeBuild
import LakeFormats

enum StatusCommand: LakemakeCommand {
    /// The options of `lakemake status`.
    enum Options {
        static let json: Option<Bool> = .flag("json", help: "Print the status as one JSON object.")
        static let quiet: Option<Bool> = .flag(
            "quiet", short: "q", help: "Print nothing; exit 1 when a build would do anything (a target is stale) or a rejection or failure stands, like make -q.")
    }

    static let spec = CommandSpec(
        name: "status",
        abstract: "Show changed raw files, stale targets, standing rejections and failures, and unknown files.",
        discussion: "Compares the lake with the catalog without changing anything and without waiting for a running build. Exits 1 while any rejection or failure stands. A lake never built is shown as it is (every target new) and exits 0.",
        options: [Options.json.spec, Options.quiet.spec],
        examples: [
            .init("lakemake status", "what changed and what a build would do"),
            .init("lakemake status -q || lakemake build", "build only when something is stale"),
        ])

    /// Everything `status` reports, gathered once and rendered as text or JSON.
    struct Status {
        var sources: [SourceChange]
        var unmatched: [UnmatchedFile]
        var stale: [(output: String, rule: String, reason: StaleReason)]
        /// The engine's list, as a build would print it (see `RejectionFiles`).
        var rejections: [StandingRejection]
        var failed: [TargetRecord]
        var unknown: [String]

        var neverBuilt = false

        /// Exit status: 1 while any rejection or failure stands.
        var exitStatus: Int32 { rejections.isEmpty && failed.isEmpty ? 0 : 1 }

        /// Exit status of `status -q`: also 1 while any target is stale.
        var quietExitStatus: Int32 { stale.isEmpty ? exitStatus : 1 }

        /// The status from one survey (one walk, one catalog read) and the dry run planned
        /// from that same survey (`LakeSurvey.dryRun`): for a lake never built, shown against
        /// an empty catalog.
        init(_ survey: LakeSurvey, dryRun report: BuildReport) {
            stale = []
            for t in report.targets {
                if case .wouldBuild(let reason) = t.outcome { stale.append((t.primaryOutput, t.rule, reason)) }
            }
            sources = survey.sourceChanges()
            unmatched = report.unmatched
            rejections = report.standingRejections
            failed = survey.failedTargets
            unknown = survey.unknownOutputFiles()
            neverBuilt = survey.neverBuilt
        }

        private init(sources: [SourceChange], unmatched: [UnmatchedFile], stale: [(output: String, rule: String, reason: StaleReason)],
                     rejections: [StandingRejection], failed: [TargetRecord], unknown: [String]) {
            (self.sources, self.unmatched, self.stale) = (sources, unmatched, stale)
            (self.rejections, self.failed, self.unknown) = (rejections, failed, unknown)
        }

        /// The status of a lake built before, from the dry run `build -n` makes: from the
        /// stored plan when there is one, so only what changed is planned (the same plan as a
        /// full one, which randomized tests check). Changed inputs are the source folders
        /// against the catalog's rows for them (none when the dry run found the lake as the
        /// plan left it); unknown files are the names in the output folders no target
        /// records; failures are read from the catalog. On 100 000 uploads: about 2.5 s,
        /// where planning every target takes 10 s. Nil for a lake never built.
        static func fromDryRun(_ inv: Invocation) throws -> Status? {
            guard inv.hasCatalog else { return nil }
            let catalog = try inv.readCatalog()
            let fileSystem = inv.fileSystem
            let report = try LakeSurvey.dryRun(inv, catalog: catalog)
            var stale: [(output: String, rule: String, reason: StaleReason)] = []
            for t in report.targets {
                if case .wouldBuild(let reason) = t.outcome { stale.append((t.primaryOutput, t.rule, reason)) }
            }
            // The dry run from the stored plan listed the changed sources (a second walk and
            // a read of every source row cost a second on 100 000 uploads); one planned in
            // full did not.
            let sources = report.matchedStoredPlan ? []
                : try report.sourceChanges ?? LakeSurvey.sourceChanges(fileSystem: fileSystem, catalog: catalog)
            let outputs: [String]
            do { outputs = try fileSystem.filePaths(under: LakeLayout.outputFolders) } catch { throw BuildError.fileSystem(error) }
            let recorded = try catalog.recordedOutputPaths()
            let unknown = outputs.filter { !recorded.contains(ByteExactString($0)) }.sorted(by: LakePath.bytewiseLess)
            return Status(sources: sources, unmatched: report.unmatched, stale: stale, rejections: report.standingRejections,
                          failed: LakeSurvey.byPrimaryOutput(try catalog.failedTargets()), unknown: unknown)
        }
    }

    static func run(_ inv: Invocation) throws -> Int32 {
        let quiet = inv.parsed[Options.quiet]
        let status: Status
        if let fromDryRun = try Status.fromDryRun(inv) {
            status = fromDryRun
        } else {
            let survey = try LakeSurvey(inv, quiet: quiet)
            status = Status(survey, dryRun: try survey.dryRun(inv))
        }
        if quiet { return status.quietExitStatus }
        inv.output.print(inv.parsed[Options.json] ? json(status) : text(status))
        return status.exitStatus
    }

    static func text(_ s: Status) -> String {
        var lines: [String] = []
        if !s.sources.isEmpty {
            lines.append("changed inputs (\(s.sources.count)):")
            for c in s.sources { lines.append("  \(c.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(c.path)") }
        }
        if !s.unmatched.isEmpty {
            lines.append("unmatched raw files (\(s.unmatched.count)):")
            for u in s.unmatched {
                lines.append("  \(u.path): \(u.explanation)")
            }
        }
        if !s.stale.isEmpty {
            lines.append("stale targets (\(s.stale.count)):")
            for t in s.stale { lines.append("  \(t.output) — \(t.reason.summary)") }
        }
        if !s.rejections.isEmpty {
            lines.append("standing rejections (\(s.rejections.count)):")
            for r in s.rejections { lines.append("  " + StandingRejectionText.line(r)) }
        }
        if !s.failed.isEmpty {
            lines.append("failed targets (\(s.failed.count)):")
            for t in s.failed {
                lines.append("  \(t.primaryOutput) (rule \(t.rule), build \(t.buildID)): \(oneLine(t.error))")
            }
        }
        if !s.unknown.isEmpty {
            lines.append("unknown files in output folders (\(s.unknown.count)), never deleted by lakemake:")
            for p in s.unknown { lines.append("  \(p)") }
        }
        if lines.isEmpty { lines.append("everything is up to date") }
        return lines.joined(separator: "\n")
    }

    /// An error message on one line, shortened for the text listing (`--json` keeps all of it).
    static func oneLine(_ error: String?) -> String {
        let flat = (error ?? "no error recorded").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return flat.count > 200 ? String(flat.prefix(199)) + "…" : flat
    }

    static func json(_ s: Status) -> String {
        JSONText.make { w in
            w.beginObject()
            w.key("never_built"); w.bool(s.neverBuilt)
            w.key("changed_inputs"); w.beginArray()
            for c in s.sources {
                w.beginObject()
                w.field("path", c.path); w.field("change", c.kind.rawValue)
                w.field("old_sha256", c.old?.sha256); w.field("old_size", c.old?.size)
                w.field("new_sha256", c.new?.sha256); w.field("new_size", c.new?.size)
                w.endObject()
            }
            w.endArray()
            w.key("unmatched"); w.beginArray()
            for u in s.unmatched {
                w.beginObject(); w.field("path", u.path); w.stringArray("expected", u.expectedPatterns); w.endObject()
            }
            w.endArray()
            w.key("stale"); w.beginArray()
            for t in s.stale {
                w.beginObject()
                w.field("output", t.output); w.field("rule", t.rule)
                w.field("reason", t.reason.code); w.field("detail", t.reason.summary)
                w.endObject()
            }
            w.endArray()
            w.key("standing_rejections"); w.beginArray()
            for r in s.rejections { StandingRejectionText.write(r, to: &w) }
            w.endArray()
            w.key("failed"); w.beginArray()
            for t in s.failed {
                w.beginObject()
                w.field("output", t.primaryOutput); w.field("rule", t.rule)
                w.field("build", t.buildID); w.field("error", t.error)
                w.endObject()
            }
            w.endArray()
            w.stringArray("unknown_files", s.unknown)
            w.endObject()
        }
    }
}
