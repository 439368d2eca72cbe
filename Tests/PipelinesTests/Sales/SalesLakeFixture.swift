// A sales lake in memory, built by the real engine with the real rules (rules/sales.rules)
// and the registered sales actions; a temporary catalog; a record of what ran.

import Catalog
import Foundation
import LakeBuild
import Pipelines
import TestSupport
import XCTest

final class SalesLakeFixture {
    let fs = InMemoryFileSystem()
    let directory: String
    let catalog: Catalog
    let rules: RuleSet

    /// A rules file of the repository, found from this file's place in the tree.
    static func repositoryRules(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("rules/" + name), encoding: .utf8)
    }

    static var rulesText: String {
        get throws { try repositoryRules("sales.rules") }
    }

    static let storesCSV = "store_id,name,city,opened\n" + (1...11).map { "\(Digits.pad($0, 4)),Store \($0),Town,2020-01-01" }.joined(separator: "\n") + "\n"

    init(rules text: String? = nil) throws {
        directory = NSTemporaryDirectory() + "lakemake-sales-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        catalog = try Catalog.open(path: directory + "/catalog.db")
        // The sales rules plus the shared QuickSight manifest rule.
        rules = try RulesParser.parse([RulesSource(file: "quicksight.rules", text: try Self.repositoryRules("quicksight.rules")),
                                       RulesSource(file: "sales.rules", text: try text ?? Self.rulesText)],
                                      knownActions: PipelineActions.registry.knownNames)
        fs.put("reference/stores.csv", Self.storesCSV)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Puts generated uploads into raw/sales/.
    func add(_ generator: SalesSampleGenerator, skipping: Set<String> = []) {
        for f in generator.files() where !skipping.contains(f.name) { fs.put("raw/sales/" + f.name, f.bytes) }
    }

    @discardableResult
    func build() throws -> BuildReport {
        let runner = BuiltinActionRunner(registry: PipelineActions.registry)
        let b = Build(fileSystem: fs, catalog: catalog, rules: rules, runner: runner,
                      versionOf: { runner.version(of: $0) }, now: { "2025-01-01T00:00:00Z" })
        return try b.run(BuildOptions(jobs: 2))
    }
}
