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
    /// The lake has no catalog yet: `catalog` is an empty one, so everything shows as new.
    let neverBuilt: Bool

    /// Walks the lake and reads the catalog in bulk. Takes no lock. A lake never built is
    /// surveyed against an empty catalog (and the user is told so on stderr).
    init(_ inv: Invocation, quiet: Bool = false) throws {
        catalog = try inv.readCatalogOrEmpty()
        neverBuilt = !inv.hasCatalog
        if neverBuilt && !quiet { inv.noteNeverBuilt() }
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
    /// them, judged as a build judges them (see `SourceChange.find`).
    func sourceChanges() -> [SourceChange] {
        SourceChange.find(listing: listing, state: state, fileSystem: fileSystem)
    }

    /// Files in the output folders that no recorded target wrote, bytewise sorted. lakemake
    /// never deletes them.
    func unknownOutputFiles() -> [String] {
        listing.files.keys
            .filter { p in LakeLayout.outputFolders.contains { p.hasPrefix($0 + "/") } && state.targetIndexByOutput[p] == nil }
            .sorted(by: LakePath.bytewiseLess)
    }

    /// Targets whose last run failed, by primary output. (Rejections are listed per raw file
    /// from the dry run's `standingRejections`, which also has the members an aggregate left out.)
    var failedTargets: [TargetRecord] {
        state.targets.filter { $0.state == .failed }.sorted { LakePath.bytewiseLess($0.primaryOutput, $1.primaryOutput) }
    }

}
