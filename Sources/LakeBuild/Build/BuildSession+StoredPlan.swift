// What the stored plan takes from a finished build (`Build.storePlan`): each target's outcome
// as the next build sees it, and each output and rejection file as this build leaves it, so
// the next build can tell what changed without walking the lake or reading the catalog.
//
// Kept apart from the running of targets: it reads their results and the journal's facts, and
// changes when the stored plan does.

import Catalog
import LakeFormats

extension BuildSession {
    /// Target `i`'s outcome as the next build sees it; nil when the target was not decided
    /// (not started, or a dry run's), so this build leaves no plan. A target a prefix build
    /// did not request is stored dirty: the next build decides it.
    func storedOutcome(_ i: Int) -> StoredPlan.Outcome? {
        guard let r = result(i) else { return nil }
        switch r.report.outcome {
        case .notStarted, .wouldBuild: return nil
        // Outside a prefix build's prefixes: looked at again by the next build.
        case .notRequested: return StoredPlan.Outcome(produced: false, rejectedSources: r.rejectedSources, dirty: true)
        case .failed: return StoredPlan.Outcome(produced: false, rejectedSources: r.rejectedSources, dirty: true)
        case .skipped: return StoredPlan.Outcome(produced: false, rejectedSources: r.rejectedSources, dirty: false, skipped: true)
        default: return StoredPlan.Outcome(produced: r.outputs != nil, rejectedSources: r.rejectedSources, dirty: false)
        }
    }

    /// An output or rejection file as this build leaves it (written now, or found as
    /// recorded); nil when it does not exist or its content is not known.
    /// - Parameter removed: `allRemovedPaths()`, taken once.
    func leftFileState(_ path: String, removed: Set<String>) -> StoredPlan.FileState? {
        if let r = journal.derivedRecord(path) {
            return StoredPlan.FileState(stat: FileStat(device: r.device, inode: r.inode, size: r.size, mtimeNs: r.mtimeNs, ctimeNs: r.ctimeNs),
                                        content: r.content)
        }
        guard !removed.contains(path), let stat = listing.files[path] else { return nil }
        if let i = graph.producer[path], let v = result(i)?.outputs?.first(where: { $0.path == path }) {
            return StoredPlan.FileState(stat: stat, content: v.content)
        }
        if let r = state.files[path], r.matches(stat) { return StoredPlan.FileState(stat: stat, content: r.content) }
        return nil
    }

    /// Rejection files this build wrote, or found recorded and did not remove.
    func leftRejectionFiles(removed: Set<String>) -> [String] {
        var paths = Set(journal.derivedRejectionFiles)
        for (path, record) in state.files where record.kind == .derived && LakeLayout.isRejectionFile(path) { paths.insert(path) }
        return paths.filter { leftFileState($0, removed: removed) != nil }
    }

    /// Every path this build removed.
    func allRemovedPaths() -> Set<String> { journal.allRemovedPaths }

    /// True when a catalog write failed (the build then leaves no plan).
    var hadCatalogFailure: Bool { journal.firstFailure != nil }
}
