// What `status`, `explain` and `verify` compare: one walk of the lake, the catalog's bulk state
// and a dry-run build, read without the lock and without writing anything. Staleness comes
// from the engine's dry run only, so these commands never re-derive a reason themselves.

import Catalog
import LakeBuild

/// A read-only look at a lake: the files on disk, the catalog's state and, on demand, the plan
/// a build would make now.
struct LakeSurvey {
    let listing: LakeListing
    let state: CatalogState
    let catalog: Catalog
    let fileSystem: LocalFileSystem

    /// Walks the lake and reads the catalog in bulk. Takes no lock.
    init(_ inv: Invocation) throws {
        catalog = try inv.readCatalog()
        fileSystem = inv.fileSystem
        do { listing = try fileSystem.walk() } catch { throw BuildError.fileSystem(error) }
        state = try catalog.loadState()
    }

    /// The build a `build -n` would report now: every target with its outcome and reason.
    func dryRun(_ inv: Invocation) throws -> BuildReport {
        let rules = try inv.loadRules()
        return try BuildRunner.run(inv, rules: rules, catalog: catalog, options: BuildOptions(dryRun: true, commandLine: "dry run"))
    }

    /// Raw and reference files that are new, changed or deleted since the catalog last saw
    /// them, in bytewise path order. The fingerprint is compared first; a file is hashed only
    /// when its fingerprint differs, and reported as changed only when its content does.
    func sourceChanges() -> [SourceChange] {
        var changes: [SourceChange] = []
        let sources = listing.files.keys.filter(SourceChange.isSource).sorted(by: LakePath.bytewiseLess)
        for path in sources {
            guard let stat = listing.files[path] else { continue }
            guard let record = state.files[path] else {
                changes.append(SourceChange(path: path, kind: .new, old: nil, new: nil))
                continue
            }
            let fingerprint = FileStat(device: record.device, inode: record.inode, size: record.size,
                                       mtimeNs: record.mtimeNs, ctimeNs: record.ctimeNs)
            if fingerprint == stat { continue }
            guard let now = try? fileSystem.hash(path) else {
                changes.append(SourceChange(path: path, kind: .changed, old: Version(record), new: nil))
                continue
            }
            if now.sha256 != record.sha256 {
                changes.append(SourceChange(path: path, kind: .changed, old: Version(record),
                                            new: Version(sha256: now.sha256, size: now.size)))
            }
        }
        let deleted = state.files.values
            .filter { $0.kind != .derived && listing.files[$0.path] == nil }
            .map(\.path)
            .sorted(by: LakePath.bytewiseLess)
        for path in deleted {
            changes.append(SourceChange(path: path, kind: .deleted, old: state.files[path].map(Version.init), new: nil))
        }
        return changes
    }

    /// Files in the output folders that no recorded target wrote, bytewise sorted. lakemake
    /// never deletes them.
    func unknownOutputFiles() -> [String] {
        listing.files.keys
            .filter { p in LakeSurvey.outputFolders.contains { p.hasPrefix($0) } && state.targetIndexByOutput[p] == nil }
            .sorted(by: LakePath.bytewiseLess)
    }

    /// Targets whose last run was rejected or failed, by primary output.
    var troubledTargets: [TargetRecord] {
        state.targets.filter { $0.state != .built }.sorted { LakePath.bytewiseLess($0.primaryOutput, $1.primaryOutput) }
    }

    static let outputFolders = ["processed/", "metrics/", "reports/"]
}

/// A file's content as recorded or as found: hash and size.
struct Version: Equatable {
    var sha256: String
    var size: Int64

    init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    init(_ record: FileRecord) {
        self.init(sha256: record.sha256, size: record.size)
    }
}

/// One raw or reference file that differs from what the catalog recorded.
struct SourceChange: Equatable {
    enum Kind: String {
        case new, changed, deleted
    }

    var path: String
    var kind: Kind
    /// What the catalog recorded (nil for a new file).
    var old: Version?
    /// What is on disk now (nil for a deleted file, or one that could not be read).
    var new: Version?

    static func isSource(_ path: String) -> Bool { path.hasPrefix("raw/") || path.hasPrefix("reference/") }
}
