// The prefix index that keeps rule-set checks near-linear must never hide a candidate: its
// answer is compared with a brute-force scan, and the rule graph and duplicate-output check
// built through it with the pairwise answer on many rules.

import XCTest
@testable import LakeBuild

final class PatternPrefixIndexTests: XCTestCase {
    func testCandidatesAreExactlyThePrefixCompatibleItems() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab/")
        for _ in 0..<50 {
            let prefixes = (0..<60).map { _ in String((0..<Int.random(in: 0...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
            let index = PatternPrefixIndex(prefixes)
            for query in prefixes + ["", "a", "ab/b", "zzz"] {
                let expected = prefixes.indices.filter { prefixes[$0].hasPrefix(query) || query.hasPrefix(prefixes[$0]) }
                XCTAssertEqual(index.candidates(for: query), expected, "query \(query) in \(prefixes)")
            }
        }
    }

    private func ruleSet(_ text: String) throws -> RuleSet {
        try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: ["copy"])
    }

    func testRuleGraphThroughTheIndexEqualsThePairwiseGraph() throws {
        var text = ""
        for i in 0..<120 {
            // Chains s(i) → t(i) → u(i), some reading an aggregate across many producers.
            text += "rule a\(i)\n  in raw/s\(i)/{n}.txt\n  out processed/t\(i)/{n}.txt\n  run copy\n\n"
            text += "rule b\(i)\n  in processed/t\(i)/{n}.txt\n  out metrics/u\(i)/{n}.txt\n  run copy\n\n"
        }
        text += "rule all\n  in metrics/*/x.txt\n  out reports/all.txt\n  run copy\n\n"
        text += "rule any\n  in {top}/t1/{n}.txt\n  out reports/{top}-{n}.txt\n  run copy\n\n"
        let set = try ruleSet(text)
        let graph = RuleGraph(set)
        let rules = set.rules
        for (i, producer) in rules.enumerated() {
            let expected = rules.indices.filter { j in
                producer.outputs.contains { out in
                    rules[j].inputs.contains { line in
                        out.pattern.resolvingTypes(producer.wildcardTypes).mayOverlap(line.pattern.resolvingTypes(rules[j].wildcardTypes))
                    }
                }
            }
            XCTAssertEqual(graph.consumers[i], expected, producer.name)
        }
        XCTAssertEqual(graph.consumers[rules.firstIndex { $0.name == "b7" }!].contains(rules.firstIndex { $0.name == "all" }!), true)
        XCTAssertEqual(graph.consumers[rules.firstIndex { $0.name == "a1" }!].contains(rules.firstIndex { $0.name == "any" }!), true)
    }

    func testDuplicateOutputsAreFoundAmongManyRules() throws {
        var text = ""
        for i in 0..<500 { text += "rule r\(i)\n  in raw/s\(i)/{n}.txt\n  out processed/s\(i)/{n}.txt\n  run copy\n\n" }
        XCTAssertNoThrow(try ruleSet(text))
        text += "rule clash\n  in raw/other/{dir}_{n}.txt\n  out processed/{dir}/{n}.txt\n  run copy\n\n"
        XCTAssertThrowsError(try ruleSet(text)) { error in
            guard case .duplicateOutput(let rule, _, let other, _)? = error as? RulesError else { return XCTFail("\(error)") }
            XCTAssertEqual(rule, "clash")
            XCTAssertEqual(other, "r0", "the earliest clashing rule is named")
        }
    }
}
