// An in-memory lake, a real catalog in a temporary folder, and a runner that records which
// targets ran: the two test seams and nothing else.

import Catalog
import Foundation
@testable import LakeBuild
import TestSupport
import XCTest

/// Wraps the production runner and records the primary output of every job it runs.
final class RecordingRunner: ActionRunner, @unchecked Sendable {
    let inner: BuiltinActionRunner
    private let lock = NSLock()
    private var _ran: [String] = []

    init(registry: ActionRegistry) { inner = BuiltinActionRunner(registry: registry) }

    var ran: [String] {
        lock.lock()
        defer { lock.unlock() }
        return _ran.sorted()
    }

    func reset() {
        lock.lock()
        _ran = []
        lock.unlock()
    }

    func run(_ job: ActionJob, in fileSystem: FileSystem) -> ActionOutcome {
        lock.lock()
        _ran.append(job.outputs[0])
        lock.unlock()
        return inner.run(job, in: fileSystem)
    }
}

extension EngineFixture {
    /// An hourly aggregate over snapshots whose action (`test.tolerant`) rejects members that
    /// say BAD and builds from the rest, with one good and one bad snapshot in hour 16.
    static func hourWithOneBadSnapshot() throws -> EngineFixture {
        let f = try EngineFixture(rules: """
        rule hour
          in   raw/h/{hour:\\d\\d}/*.json
          out  processed/h/{hour}.txt
          run  test.tolerant
        """)
        f.fs.put("raw/h/16/a.json", "a\n")
        f.fs.put("raw/h/16/b.json", "BAD\n")
        return f
    }
}

/// Test actions with behaviour simple enough to check by hand.
enum TestActions {
    /// Upper-cases the first input.
    static func upper(version: Int = 1) -> Action {
        Action(name: "test.upper", version: version) { ctx throws(ActionError) in
            let bytes = try ctx.read(ctx.inputs[0][0])
            return .outputs([Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8)], rejections: [])
        }
    }

    /// Every input's content, in input order, each prefixed with its path.
    static let concat = Action(name: "test.concat", version: 1) { ctx throws(ActionError) in
        var out = ""
        for p in ctx.inputs.joined() { out += "\(p): " + String(decoding: try ctx.read(p), as: UTF8.self) }
        return .outputs([Array(out.utf8)], rejections: [])
    }

    /// The first line of the first input (so edits below it do not change the output).
    static let firstLine = Action(name: "test.first_line", version: 1) { ctx throws(ActionError) in
        let text = String(decoding: try ctx.read(ctx.inputs[0][0]), as: UTF8.self)
        return .outputs([Array((text.split(separator: "\n").first.map(String.init) ?? "").utf8)], rejections: [])
    }

    /// Rejects a first input containing "BAD" (line 1, column of the word), else copies it.
    static let check = Action(name: "test.check", version: 1) { ctx throws(ActionError) in
        let path = ctx.inputs[0][0]
        let text = String(decoding: try ctx.read(path), as: UTF8.self)
        if let r = text.range(of: "BAD") {
            let column = text.distance(from: text.startIndex, to: r.lowerBound) + 1
            return .rejected([Rejection(path: path, errors: [RejectionDetail(line: 1, column: column, message: "found BAD")])])
        }
        return .outputs([Array(text.utf8)], rejections: [])
    }

    /// Concatenates every input without "BAD"; rejects the others but still builds.
    static let tolerant = Action(name: "test.tolerant", version: 1) { ctx throws(ActionError) in
        var out = ""
        var rejections: [Rejection] = []
        for p in ctx.inputs.joined() {
            let text = String(decoding: try ctx.read(p), as: UTF8.self)
            if text.contains("BAD") {
                rejections.append(Rejection(path: p, errors: [RejectionDetail(line: 1, message: "bad snapshot")]))
            } else {
                out += text
            }
        }
        return .outputs([Array(out.utf8)], rejections: rejections)
    }

    /// Lists its present inputs, then each absent one with the rejected raw files behind it
    /// (`absent P <- R1,R2`, or `absent P (failed)`), line by line.
    static let census = Action(name: "test.census", version: 1) { ctx throws(ActionError) in
        var out = ""
        for (n, line) in ctx.inputs.enumerated() {
            for p in line { out += "\(n + 1) present \(p)\n" }
            for a in ctx.absent(line: n) {
                out += "\(n + 1) absent \(a.path)" + (a.isRejected ? " <- " + a.rejectedSources.joined(separator: ",") : " (failed)") + "\n"
            }
        }
        return .outputs([Array(out.utf8)], rejections: [])
    }

    /// Fails when its input contains "FAIL".
    static let fragile = Action(name: "test.fragile", version: 1) { ctx throws(ActionError) in
        let text = String(decoding: try ctx.read(ctx.inputs[0][0]), as: UTF8.self)
        if text.contains("FAIL") { throw .failed("cannot process") }
        return .outputs([Array(text.utf8)], rejections: [])
    }
}

final class EngineFixture {
    let fs = InMemoryFileSystem()
    let directory: String
    var catalog: Catalog
    var registry = ActionRegistry()
    var runner: RecordingRunner
    var rules: RuleSet

    init(rules text: String, actions: [Action] = [TestActions.upper(), TestActions.concat, TestActions.firstLine,
                                                  TestActions.check, TestActions.fragile, TestActions.tolerant,
                                                  TestActions.census]) throws {
        directory = NSTemporaryDirectory() + "lakemake-engine-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        catalog = try Catalog.open(path: directory + "/catalog.db")
        for a in actions { registry.register(a) }
        runner = RecordingRunner(registry: registry)
        rules = try RulesParser.parse([RulesSource(file: "test.rules", text: text)], knownActions: registry.knownNames)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// When set, the builds' `planChangeBudget` (zero: every change-driven build writes the
    /// whole plan).
    var planChangeBudget: (@Sendable (Int) -> Int)?

    /// Runs a build and returns its report; `runner.ran` holds what ran in this build only.
    @discardableResult
    func build(_ options: BuildOptions = BuildOptions()) throws -> BuildReport {
        runner.reset()
        fs.resetRecords()
        return try engine().run(options)
    }

    /// A dry run of `options` planned in full from the lake and catalog as they are (as
    /// `status` plans on a lake never built): what a dry run from the stored plan must say.
    func dryRunPlannedInFull(_ options: BuildOptions = BuildOptions()) throws -> BuildReport {
        var options = options
        options.dryRun = true
        options.surveyed = try survey()
        return try build(options)
    }

    /// The changed sources a walk of the lake finds against the catalog: what a dry run from
    /// the stored plan must list (`BuildReport.sourceChanges`).
    func sourceChangesAWalkFinds() throws -> [SourceChange] { SourceChange.find(try survey()) }

    /// The lake's sources as a fresh walk sees them, with the catalog's state.
    private func survey() throws -> SurveyedLake {
        SurveyedLake(sources: try fs.walk(under: LakeLayout.sourceFolders), state: try catalog.loadState(), fileSystem: fs)
    }

    /// The engine the builds run: this lake, catalog, rules and runner.
    func engine() -> Build {
        let inner = runner.inner
        var b = Build(fileSystem: fs, catalog: catalog, rules: rules, runner: runner,
                      versionOf: { inner.version(of: $0) }, now: { "2025-01-01T00:00:00Z" })
        if let planChangeBudget { b.planChangeBudget = planChangeBudget }
        return b
    }

    /// Replaces the action registry (to bump a version) keeping the catalog and files.
    func replaceAction(_ action: Action) {
        registry.register(action)
        runner = RecordingRunner(registry: registry)
    }

    /// Starts from an empty catalog (as if catalog.db had been deleted).
    func loseCatalog() throws {
        try FileManager.default.removeItem(atPath: directory + "/catalog.db")
        try? FileManager.default.removeItem(atPath: directory + "/catalog.db-wal")
        try? FileManager.default.removeItem(atPath: directory + "/catalog.db-shm")
        catalog = try Catalog.open(path: directory + "/catalog.db")
    }
}
