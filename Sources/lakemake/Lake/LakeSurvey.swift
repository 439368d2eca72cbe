// What `status`, `explain`, `graph` and `verify` compare on a lake never built (a built one
// they answer from the stored plan's dry run and the catalog's rows): one walk of the lake,
// the catalog's bulk state and a dry-run build, read without the lock and without writing
// anything.
// Staleness comes from the engine's dry run only, so these commands never re-derive a reason
// themselves. The dry run plans from the survey's walk and state (`BuildOptions.surveyed`)
// rather than walking and loading again, so a command walks the lake once and reads the
// catalog once, and every part of its answer describes the same moment.

import Catalog
import LakeBuild

/// A read-only look at a lake: the files on disk, the catalog's state and, on demand, the plan
/// a build would make now.
struct LakeSurvey {
    /// raw/ and reference/, as the engine walks them, and the output folders (for the files in
    /// them no target wrote); nothing else.
    let listing: LakeListing
    let state: CatalogState
    let catalog: Catalog
    let fileSystem: FileSystem
    /// The lake has no catalog yet: `catalog` is an empty one, so everything shows as new.
    let neverBuilt: Bool
    private let sourcesMemo = SurveyedSources()

    /// The folders a survey walks: the sources a build walks, and the output folders.
    static let walkedFolders = LakeLayout.sourceFolders + LakeLayout.outputFolders

    /// Walks the lake and reads the catalog in bulk. Takes no lock. A lake never built is
    /// surveyed against an empty catalog (and the user is told so on stderr).
    init(_ inv: Invocation, quiet: Bool = false) throws {
        let catalog = try inv.readCatalogOrEmpty()
        let neverBuilt = !inv.hasCatalog
        if neverBuilt && !quiet { inv.noteNeverBuilt() }
        try self.init(fileSystem: inv.fileSystem, catalog: catalog, neverBuilt: neverBuilt)
    }

    /// Walks `fileSystem` once and reads `catalog` once: everything the survey (and the dry
    /// run made from it) knows comes from these two reads. Targets' input lists are left out of
    /// the read, as a build leaves them out (in a lake of 100 000 uploads they are most of the
    /// catalog): the dry run reads the list of a stale target to name the input that changed.
    init(fileSystem: FileSystem, catalog: Catalog, neverBuilt: Bool) throws {
        self.catalog = catalog
        self.neverBuilt = neverBuilt
        self.fileSystem = fileSystem
        do { listing = try fileSystem.walk(under: Self.walkedFolders) } catch { throw BuildError.fileSystem(error) }
        state = try catalog.loadState(inputs: false)
    }

    /// The build a `build -n` would report now: every target with its outcome and reason.
    func dryRun(_ inv: Invocation) throws -> BuildReport {
        let rules = try inv.loadRules()
        return try dryRun(BuildRunner.build(inv, rules: rules, catalog: catalog))
    }

    /// What `build` (a build of this lake with this catalog) would do now, planned from this
    /// survey's walk and state.
    func dryRun(_ build: Build) throws(BuildError) -> BuildReport {
        try build.run(Self.dryRunOptions { $0.surveyed = surveyedSources })
    }

    /// The dry run `build -n` makes, without a survey: from the stored plan when it can be
    /// used (planned in full otherwise). `adjust` asks for more of it: a target to visit
    /// (`explain`), each rule's targets counted (`graph`).
    static func dryRun(_ inv: Invocation, catalog: Catalog, rules: RuleSet? = nil,
                       _ adjust: (inout BuildOptions) -> Void = { _ in }) throws -> BuildReport {
        try BuildRunner.build(inv, rules: rules ?? inv.loadRules(), catalog: catalog).run(dryRunOptions(adjust))
    }

    /// A dry run's options, as `adjust` leaves them.
    private static func dryRunOptions(_ adjust: (inout BuildOptions) -> Void) -> BuildOptions {
        var options = BuildOptions(dryRun: true, commandLine: "dry run")
        adjust(&options)
        return options
    }

    /// Raw and reference files that are new, changed or deleted since the catalog last saw
    /// them, judged as a build judges them (see `SourceChange.find`).
    func sourceChanges() -> [SourceChange] {
        SourceChange.find(surveyedSources)
    }

    /// The same without a survey: the source folders walked and held against the catalog's
    /// rows for them only (`status` and `verify` of a built lake, which need nothing else of
    /// a survey's).
    static func sourceChanges(fileSystem: FileSystem, catalog: Catalog) throws -> [SourceChange] {
        let listing: LakeListing
        do { listing = try fileSystem.walk(under: LakeLayout.sourceFolders) } catch { throw BuildError.fileSystem(error) }
        let recorded = CatalogState(files: try catalog.sourceFiles(), targets: [], targetIndexByOutput: [:], inputsLoaded: false)
        return SourceChange.find(listing: listing, state: recorded, fileSystem: fileSystem)
    }

    /// The sources of this survey with their changed files hashed, made once for the dry run
    /// and the list of changes alike.
    private var surveyedSources: SurveyedLake {
        if let made = sourcesMemo.value { return made }
        let made = SurveyedLake(sources: listing.restricted(to: LakeLayout.sourceFolders), state: state, fileSystem: fileSystem)
        sourcesMemo.value = made
        return made
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
        Self.byPrimaryOutput(state.targets.filter { $0.state == .failed })
    }

    /// Targets in the order `status` lists them: by primary output, bytewise.
    static func byPrimaryOutput(_ targets: [TargetRecord]) -> [TargetRecord] {
        targets.sorted { LakePath.bytewiseLess($0.primaryOutput, $1.primaryOutput) }
    }

}

/// Where a survey keeps its `SurveyedLake` once made (the survey itself is a value).
private final class SurveyedSources {
    var value: SurveyedLake?
}
