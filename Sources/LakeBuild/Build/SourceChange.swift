// What changed among the raw and reference files since the catalog last recorded them, for
// `status` and `verify`. It asks the same question a build asks before planning, with the same
// code (`SourceHashes`: fingerprint first, hash only where the fingerprint differs), so the
// commands and the engine can never disagree about which inputs changed.

import Catalog

/// One raw or reference file that differs from what the catalog recorded.
public struct SourceChange: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case new, changed, deleted
    }

    public var path: String
    public var kind: Kind
    /// What the catalog recorded (nil for a new file).
    public var old: FileContent?
    /// What is on disk now (nil for a deleted file, or one that could not be read).
    public var new: FileContent?

    public init(path: String, kind: Kind, old: FileContent?, new: FileContent?) {
        self.path = path
        self.kind = kind
        self.old = old
        self.new = new
    }

    /// Every new, changed (by content, not by fingerprint alone) and deleted source file, new
    /// and changed ones in bytewise path order, then the deleted ones in bytewise order.
    public static func find(listing: LakeListing, state: CatalogState, fileSystem: FileSystem) -> [SourceChange] {
        find(SurveyedLake(sources: listing, state: state, fileSystem: fileSystem))
    }

    /// The changes in `survey`, from the hashes it made (a dry run from the same survey reads
    /// no file again).
    public static func find(_ survey: SurveyedLake) -> [SourceChange] {
        let (listing, state, hashes) = (survey.sources, survey.state, survey.hashes)
        let deleted = state.files.values
            .filter { $0.kind != .derived && listing.files[$0.path] == nil }
            .map(\.path)
        return list(rehashed: hashes.rehashedPaths, deleted: deleted, fresh: hashes.fresh) { state.files[$0]?.content }
    }

    /// The changes among the files hashed again (`rehashed`, in bytewise order as
    /// `SourceHashes.rehashedPaths` lists them: new or changed, unless they came out with
    /// their recorded bytes) and the files deleted; `recorded` is what the last build saw.
    static func list(rehashed: [String], deleted: [String], fresh: [String: FileVersion],
                     recorded: (String) -> FileContent?) -> [SourceChange] {
        var changes: [SourceChange] = []
        for path in rehashed {
            let old = recorded(path)
            let new = fresh[path]?.content  // nil: unreadable
            if let old {
                if let new, new.hasSameBytes(as: old) { continue }
                changes.append(SourceChange(path: path, kind: .changed, old: old, new: new))
            } else {
                changes.append(SourceChange(path: path, kind: .new, old: nil, new: new))
            }
        }
        for path in deleted.sorted(by: LakePath.bytewiseLess) {
            changes.append(SourceChange(path: path, kind: .deleted, old: recorded(path), new: nil))
        }
        return changes
    }
}
