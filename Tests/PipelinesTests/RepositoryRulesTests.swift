// The repository's rules folder is one rule set: every file together must parse, name only
// registered actions, and write no path twice (each pipeline's tests load only its own file).

import LakeBuild
import Pipelines
import XCTest

final class RepositoryRulesTests: XCTestCase {
    func testTheWholeRulesFolderParsesWithTheRegisteredActions() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules").path
        let rules = try RulesParser.load(directory: folder, knownActions: PipelineActions.registry.knownNames)
        let names = rules.rules.map(\.name)
        XCTAssertTrue(names.contains("sales_parquet"))
        XCTAssertTrue(names.contains("flights_hourly"))
        XCTAssertEqual(names.filter { $0 == "quicksight_manifest" }.count, 1)
        XCTAssertEqual(Set(names).count, names.count)
    }
}
