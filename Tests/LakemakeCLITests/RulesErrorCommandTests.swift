import Foundation
import XCTest

final class RulesErrorCommandTests: XCTestCase {
    func testRulesErrorIsPrintedWithItsPositionAndNothingIsBuilt() throws {
        let lake = try TemporaryLake(rules: """
            rule ok
              in   raw/{x}.txt
              out  processed/{x}.txt
              run  copy

            rule bad
              in   raw/{x}.txt
              out  reports/{y}.txt
              run  copy
            """)
        defer { lake.remove() }
        try lake.write("raw/a.txt", "a\n")
        let r = try lake.run("build")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, """
            lakemake: test.rules:8:16: error: output wildcard {y} is not bound by the first in line of rule bad
              out  reports/{y}.txt
                           ^
            hint: every wildcard must appear in the first in line, which enumerates the bindings

            """)
        XCTAssertFalse(lake.exists("processed/a.txt"), "a rules error builds nothing")
        XCTAssertFalse(lake.exists(".lakemake/catalog.db"))
    }
}
