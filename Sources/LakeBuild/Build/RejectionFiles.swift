// Keeps `rejected/` in step with the catalog: a file for every raw file that is rejected now
// (in this build or standing from an earlier one) or that no rule accepts, and none for a raw
// file that has since been accepted or deleted. Only files lakemake wrote are ever removed.

import Catalog

struct RejectionFiles {
    let session: BuildSession

    /// Raw files rejected now, with the rule that rejected them, sorted by path.
    func standing() -> [(path: String, rule: String)] {
        var found: [String: String] = [:]
        for (i, t) in session.graph.targets.enumerated() {
            guard let r = session.result(i) else { continue }
            switch r.report.outcome {
            case .rejected(_, let rejections):
                for x in rejections { found[x.path] = r.report.rule }
            case .built, .upToDate, .stillRejected:
                // Partial rejections live in the trace (recorded this build or earlier).
                let trace = session.state.target(producing: t.primaryOutput)
                if case .built = r.report.outcome { continue }
                if let text = trace?.error {
                    for (x, rule) in RejectionDocument.parse(catalogText: text) { found[x.path] = rule }
                }
            default:
                continue
            }
        }
        return found.keys.sorted(by: LakePath.bytewiseLess).map { (path: $0, rule: found[$0] ?? "") }
    }

    /// Writes new rejection files, restores missing standing ones, and removes the ones whose
    /// raw file is accepted or gone.
    func write(pending: [(path: String, document: [UInt8])]) {
        let fs = session.fileSystem
        var keep: [String: [UInt8]?] = [:]
        for (path, doc) in pending where session.listing.files[path] != nil || path.hasPrefix("raw/") {
            keep[RejectionDocument.filePath(for: path)] = doc
        }
        for (i, t) in session.graph.targets.enumerated() {
            guard let r = session.result(i) else { continue }
            switch r.report.outcome {
            case .stillRejected, .upToDate:
                guard let text = session.state.target(producing: t.primaryOutput)?.error else { continue }
                for (x, rule) in RejectionDocument.parse(catalogText: text) {
                    let file = RejectionDocument.filePath(for: x.path)
                    if keep[file] == nil {
                        keep[file] = session.listing.files[file] == nil ? RejectionDocument.fileBytes(x, rule: rule) : .some(nil)
                    }
                }
            case .notRequested:
                // Outside the prefixes: leave its rejection files as they are.
                for p in t.inputs.joined() where keep[RejectionDocument.filePath(for: p)] == nil {
                    keep[RejectionDocument.filePath(for: p)] = .some(nil)
                }
            default:
                continue
            }
        }
        for u in session.graph.unmatched {
            let detail = RejectionDetail(message: "no rule accepts this file")
            keep[RejectionDocument.filePath(for: u.path)] = RejectionDocument.fileBytes(
                Rejection(path: u.path, errors: [detail]), rule: nil, expected: u.expectedPatterns)
        }
        for (file, doc) in keep.sorted(by: { LakePath.bytewiseLess($0.key, $1.key) }) {
            guard let doc else { continue }
            if let existing = session.state.files[file], let stat = session.listing.files[file], existing.matches(stat),
               existing.sha256 == SHA256Text.of(doc) { continue }
            let temp = fs.temporaryPath(for: file)
            do {
                try fs.writeTemporary(doc, to: temp)
                try fs.publish(temp, to: file)
                if let stat = fs.stat(file) {
                    session.noteDerived(FileRecord(path: file, kind: .derived, stat: stat, sha256: SHA256Text.of(doc),
                                                   firstSeenBuild: 0, lastSeenBuild: 0))
                }
            } catch {
                try? fs.remove(temp)
            }
        }
        // Remove rejection files lakemake wrote whose raw file is accepted or gone.
        for (path, record) in session.state.files where record.kind == .derived && path.hasPrefix("rejected/") && keep[path] == nil {
            if session.listing.files[path] != nil {
                try? fs.remove(path)
            }
            session.noteRemoved(path)
        }
    }
}

import LakeFormats

enum SHA256Text {
    static func of(_ bytes: [UInt8]) -> String { SHA256.hex(SHA256.hash(bytes)) }
}
