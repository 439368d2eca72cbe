// Keeps `rejected/` in step with the catalog: a file for every raw file that is rejected now
// (in this build or standing from an earlier one) or that no rule accepts, and none for a raw
// file that has since been accepted or deleted. Only files lakemake wrote are ever removed.
//
// The same map is the build's list of standing rejections, so `build`, the no-op build (which
// replays the list the last full build stored) and `status` (a dry run) can never disagree.
// A rejection stands in one of two forms, both kept in the target's catalog `error` column:
// the whole target was rejected (a store upload), or the target was built from the other
// members of an aggregate and the rejected ones left out (a snapshot of an hour).

import Catalog
import LakeFormats

struct RejectionFiles {
    let session: BuildSession
    /// Raw path → the rule that rejected it and why; computed once.
    let current: [String: StandingRejection]
    /// Standing rejections a change-driven build did not look at again: they stand as the
    /// stored plan says, and their files are left as they are.
    let inherited: [StandingRejection]

    /// - Parameter pending: rejections returned by actions in this build.
    init(session: BuildSession, pending: [(rule: String, rejection: Rejection)]) {
        self.session = session
        var current: [String: StandingRejection] = [:]
        // Standing rejections of targets that did not run in this build live in their traces,
        // whether the target stands rejected or was built without the rejected members.
        for trace in session.state.targets where trace.error != nil && trace.state != .failed {
            guard let i = session.graph.producer[trace.primaryOutput], let r = session.result(i) else { continue }
            let recorded = RejectionDocument.parse(catalogText: trace.error ?? "")
            switch r.report.outcome {
            case .upToDate, .stillRejected, .notRequested, .notStarted:
                for (x, rule) in recorded { current[x.path] = StandingRejection(rule: rule, rejection: x) }
            case .wouldBuild:
                // A dry run does not run the action, so a rejection stands until its file
                // changes or goes away; another reason to rebuild the target does not lift it.
                for (x, rule) in recorded where Self.isUnchanged(x.path, session: session) {
                    current[x.path] = StandingRejection(rule: rule, rejection: x)
                }
            default:
                // The target ran (its new rejections are in `pending`), failed, or was skipped
                // and forgotten: its recorded rejections no longer stand.
                continue
            }
        }
        for p in pending { current[p.rejection.path] = StandingRejection(rule: p.rule, rejection: p.rejection) }
        for refused in session.graph.refused {
            for path in refused.paths where LakeLayout.isRaw(path) {
                let rejection = Rejection(path: path, errors: [RejectionDetail(message: refused.message)])
                current[path] = StandingRejection(rule: refused.rule, rejection: rejection)
            }
        }
        self.current = current
        // The raw files this build looked at again: changed ones, and every one a visited
        // target recorded or found rejected. The stored plan's word on the others stands.
        var claimed = session.changedSources
        for trace in session.state.targets where trace.error != nil {
            for (x, _) in RejectionDocument.parse(catalogText: trace.error ?? "") { claimed.insert(x.path) }
        }
        self.inherited = session.inheritedStanding.filter { !claimed.contains($0.path) && current[$0.path] == nil }
    }

    /// True when `path` is present with the content last recorded for it.
    private static func isUnchanged(_ path: String, session: BuildSession) -> Bool {
        guard let now = session.sources.version(of: path), let recorded = session.sources.recordedContent(of: path) else { return false }
        return now.content.hasSameBytes(as: recorded)
    }

    /// Raw files rejected now, with the rule that rejected them and why, sorted by path.
    func standing() -> [StandingRejection] {
        (Array(current.values) + inherited).sorted { LakePath.bytewiseLess($0.path, $1.path) }
    }

    /// Writes new or changed rejection files and removes the ones no longer wanted.
    func write() {
        var wanted: [String: [UInt8]] = [:]
        for (path, entry) in current where LakeLayout.isRaw(path) {
            wanted[RejectionDocument.filePath(for: path)] = RejectionDocument.fileBytes(entry.rejection, rule: entry.rule)
        }
        for u in session.graph.unmatched {
            let detail = RejectionDetail(message: "no rule accepts this file")
            wanted[RejectionDocument.filePath(for: u.path)] = RejectionDocument.fileBytes(
                Rejection(path: u.path, errors: [detail]), rule: nil, expected: u.expectedPatterns)
        }
        for link in session.listing.escapingLinks where LakeLayout.isRaw(link) {
            let detail = RejectionDetail(message: "symbolic link pointing outside the lake; it is not read")
            wanted[RejectionDocument.filePath(for: link)] = RejectionDocument.fileBytes(Rejection(path: link, errors: [detail]), rule: nil)
        }
        let fs = session.fileSystem
        var changed: [(bytes: [UInt8], path: String, sha256: String)] = []
        for (file, doc) in wanted.sorted(by: { LakePath.bytewiseLess($0.key, $1.key) }) {
            let sha = SHA256.hex(SHA256.hash(doc))
            if let existing = session.state.files[file], let stat = session.listing.files[file],
               existing.matches(stat), existing.sha256 == sha { continue }
            changed.append((doc, file, sha))
        }
        // Published together: their syncs are grouped, as a batch of outputs' are.
        let published = Publisher(fileSystem: fs).publish(changed.map { (bytes: $0.bytes, path: $0.path) })
        for (file, result) in zip(changed, published) {
            if case .success(let stat?) = result {
                session.journal.noteDerived(FileRecord(path: file.path, kind: .derived, stat: stat, sha256: file.sha256,
                                               firstSeenBuild: 0, lastSeenBuild: 0))
            }
        }
        for (path, record) in session.state.files
        where record.kind == .derived && LakeLayout.isRejectionFile(path) && wanted[path] == nil {
            if session.listing.files[path] != nil { try? fs.remove(path) }
            session.journal.noteRemoved(path)
        }
    }
}
