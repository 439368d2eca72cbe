// `status` walks the lake once and reads the catalog once. Its parts (changed inputs, stale
// targets, unknown files, failures) all come from one `LakeSurvey`, and the dry run that
// decides staleness plans from that survey instead of walking and loading again. Checked in
// process, on the in-memory lake, whose walks are counted; the catalog counts its statements.

import Catalog
import LakeBuild
@testable import lakemake
import Pipelines
import TestSupport
import XCTest

final class StatusSurveyTests: XCTestCase {
    static let rules = """
        rule copy_a
          in   raw/a/{name}.txt
          out  processed/a/{name}.txt
          run  copy

        """

    /// Fails if any part of `status` walks the lake again (a second entry in `walks`) or
    /// reads the catalog again (more statements than one bulk load takes, with the recorded
    /// inputs of the stale target it names a changed input for), and checks that the status is
    /// still the one the CLI prints.
    func testStatusWalksTheLakeOnceAndReadsTheCatalogOnce() throws {
        let fs = InMemoryFileSystem()
        let catalog = try Catalog.open(path: ":memory:")
        let registry = PipelineActions.registry
        let rules = try RulesParser.parse([RulesSource(file: "test.rules", text: Self.rules)], knownActions: registry.knownNames)
        let runner = BuiltinActionRunner(registry: registry)
        let build = Build(fileSystem: fs, catalog: catalog, rules: rules, runner: runner, versionOf: { runner.version(of: $0) })
        fs.put("raw/a/one.txt", "hello\n")
        XCTAssertEqual(try build.run(BuildOptions()).exitStatus, 0)

        fs.put("raw/a/one.txt", "hello, world\n")
        fs.put("raw/a/two.txt", "second\n")
        fs.put("raw/b/stray.bin", "?")
        fs.put("reports/mine.txt", "not lakemake's")
        // One bulk read without the input lists, as a build makes it, and one read of the
        // recorded inputs of the one target whose key changed, to name the input that did.
        var before = catalog.statementCount
        _ = try catalog.loadState(inputs: false)
        _ = try catalog.target(producing: "processed/a/one.txt")
        let oneLoad = catalog.statementCount - before

        fs.resetRecords()
        before = catalog.statementCount
        let survey = try LakeSurvey(fileSystem: fs, catalog: catalog, neverBuilt: false)
        let status = StatusCommand.Status(survey, dryRun: try survey.dryRun(build))

        XCTAssertEqual(fs.walks, [LakeSurvey.walkedFolders], "one walk, shared by the dry run and the other parts")
        XCTAssertEqual(catalog.statementCount - before, oneLoad, "one bulk read of the catalog, shared likewise")
        let sourcesRead = (fs.filesRead + fs.filesHashed).filter(LakeLayout.isSource).sorted()
        XCTAssertEqual(sourcesRead, ["raw/a/one.txt", "raw/a/two.txt", "raw/b/stray.bin"], "each changed source read once")
        XCTAssertEqual(StatusCommand.text(status).split(separator: "\n").map(String.init), [
            "changed inputs (3):",
            "  changed   raw/a/one.txt",
            "  new       raw/a/two.txt",
            "  new       raw/b/stray.bin",
            "unmatched raw files (1):",
            "  raw/b/stray.bin: no rule accepts it (expected raw/a/{name}.txt)",
            "stale targets (2):",
            "  processed/a/one.txt — input changed: raw/a/one.txt",
            "  processed/a/two.txt — new target",
            "unknown files in output folders (1), never deleted by lakemake:",
            "  reports/mine.txt",
        ])
    }
}
