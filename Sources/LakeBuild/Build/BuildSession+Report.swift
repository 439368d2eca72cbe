// The end of a build: once every target has its result, the report is assembled from them
// (with the rejections that stand and the raw files refused), the rejection files are brought
// in step, outputs no binding produces any more are deleted (by a full build that ran to its
// end), the journal writes what waited for the end and closes the build row, and the build's
// counts go into its statistics.
//
// Kept apart from the running of targets: what the report says, and what a finished build
// cleans up, change for reasons of their own.

import Catalog
import LakeFormats

extension BuildSession {
    /// Finishes the build once `run` has returned: the report, the rejection files, orphans
    /// removed and the journal closed.
    /// - Parameter stats: gets the build's catalog writes, bytes written and target counts.
    /// - Throws: the first catalog write that failed in this build.
    func finish(stats: inout BuildStats) throws(BuildError) -> BuildReport {
        // Changed sources no target read are hashed now, to be recorded; a stopped build
        // leaves them to the next one, which finds their fingerprints changed still.
        if options.stop?.signal == nil { sources.hashRest() }
        let reports = allResults().enumerated().map { i, r in
            r?.report ?? TargetReport(rule: graph.rules[graph.targets[i].ruleIndex].name, outputs: graph.targets[i].outputs,
                                      outcome: .skipped(cause: "not reached"), durationMs: 0)
        }
        var report = BuildReport(buildID: nil, targets: reports, removed: [], unmatched: graph.unmatched,
                                 standingRejections: [], escapingLinks: listing.escapingLinks, stats: stats, dryRun: options.dryRun)
        let pending = journal.rejections
        report.newMemberRejections = pending.count - report.targets.reduce(0) { n, t in
            if case .rejected(_, let rs) = t.outcome { return n + rs.count }
            return n
        }
        // A raw file refused for its name counts as rejected in this run until its rejection file exists.
        report.newMemberRejections += graph.refused.flatMap(\.paths).filter {
            LakeLayout.isRaw($0) && state.files[RejectionDocument.filePath(for: $0)] == nil
        }.count
        let rejectionFiles = RejectionFiles(session: self, pending: pending)
        report.standingRejections = rejectionFiles.standing()
        guard !options.dryRun else {
            // What the build would delete, without deleting it.
            if options.prefixes.isEmpty {
                let existing = orphans().flatMap { $0.outputs.map(\.path) }.filter { listing.files[$0] != nil }
                report.removed = existing.sorted(by: LakePath.bytewiseLess)
            }
            return report
        }

        // Orphans are deleted by a full build that ran to its end (a stopped one leaves them
        // to the next build, which finds them the same way).
        if options.prefixes.isEmpty && options.stop?.signal == nil { report.removed = removeOrphans() }
        rejectionFiles.write()

        var gone = journal.allRemovedPaths
        for (path, _) in state.files where listing.files[path] == nil { gone.insert(path) }
        report.buildID = journal.finish(sources: sources, gone: gone.filter { state.files[$0] != nil }, report: report)
        if let first = journal.firstFailure { throw .catalog(first) }
        (stats.writes, stats.bytesWritten) = journal.written
        for r in reports {
            switch r.outcome {
            case .built(_, let changed): stats.targetsBuilt += 1; if !changed { stats.targetsUnchanged += 1 }; stats.targetsStale += 1
            case .rejected, .failed, .wouldBuild: stats.targetsStale += 1
            default: break
            }
        }
        stats.targetsConsidered = reports.count
        return report
    }

    /// Deletes outputs that lakemake recorded and no binding produces any more.
    /// - Returns: the outputs deleted, sorted.
    private func removeOrphans() -> [String] {
        orphans().flatMap(staging.removeOrphan).sorted(by: LakePath.bytewiseLess)
    }

    /// The recorded targets no binding produces any more, which the decision removes.
    private func orphans() -> [TargetRecord] {
        state.targets.filter { trace in
            guard graph.producer[trace.primaryOutput] == nil else { return false }
            var facts = TargetFacts()
            facts.planned = false
            facts.trace = trace
            return TargetDecision.decide(facts) == .removed
        }
    }
}
