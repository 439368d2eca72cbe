import XCTest
@testable import LakeBuild

/// One test per error kind, comparing the full rendered text (position, source line, caret),
/// with every line and column counted by hand from the source text.
final class RulesErrorTests: XCTestCase {
    let known: Set<String> = ["copy", "sales.parquet", "sales.report"]

    /// The error parsing `files` raises, rendered against them; fails the test when none is raised.
    func rendered(_ files: [(String, String)], line: UInt = #line) -> String {
        let sources = files.map { RulesSource(file: $0.0, text: $0.1) }
        do {
            _ = try RulesParser.parse(sources, knownActions: known)
            XCTFail("expected a rules error", line: line)
            return ""
        } catch {
            return error.rendered(sources: sources)
        }
    }

    func rendered(_ text: String, line: UInt = #line) -> String { rendered([("t.rules", text)], line: line) }

    func thrown(_ text: String) -> RulesError? {
        do {
            _ = try RulesParser.parse([RulesSource(file: "t.rules", text: text)], knownActions: known)
            return nil
        } catch { return error }
    }

    func testUnknownDirectiveWithSuggestion() {
        let text = "rule r\n  inn raw/a.json\n"
        XCTAssertEqual(rendered(text), """
        t.rules:2:3: error: unknown directive 'inn': a rules line starts with rule, in, out, uses or run
          inn raw/a.json
          ^
        """)
        XCTAssertEqual(thrown(text)?.hint, "did you mean 'in'?")
    }

    func testDirectiveOutsideRule() {
        XCTAssertEqual(rendered("# header\nout processed/a.json\n"), """
        t.rules:2:1: error: 'out' line outside a rule: start the block with 'rule NAME'
        out processed/a.json
        ^
        """)
    }

    func testBadRuleName() {
        XCTAssertEqual(rendered("rule 9lives\n"), """
        t.rules:1:6: error: invalid rule name '9lives'
        rule 9lives
             ^
        """)
    }

    func testDuplicateRuleAcrossFilesShowsBothPlaces() {
        let a = ("a.rules", "rule r\nin raw/{x}.json\nout processed/a/{x}.json\nrun copy\n")
        let b = ("b.rules", "\nrule r\nin raw/{x}.txt\nout processed/b/{x}.json\nrun copy\n")
        XCTAssertEqual(rendered([a, b]), """
        b.rules:2:6: error: rule r is already defined at a.rules:1:6
        rule r
             ^
        a.rules:1:6: note: rule r first defined here
        rule r
             ^
        """)
    }

    func testMissingIn() {
        XCTAssertEqual(rendered("rule r\nout processed/a.json\nrun copy\n"), """
        t.rules:1:1: error: rule r has no 'in' line
        rule r
        ^
        """)
    }

    func testMissingOutIsReportedWhenTheNextRuleStarts() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nrun copy\n\nrule s\n"), """
        t.rules:1:1: error: rule r has no 'out' line
        rule r
        ^
        """)
    }

    func testMissingRun() {
        XCTAssertEqual(rendered("  rule r\n  in raw/a.json\n  out processed/a.json\n"), """
        t.rules:1:3: error: rule r has no 'run' line
          rule r
          ^
        """)
    }

    func testDuplicateRun() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun copy\n  run copy\n"), """
        t.rules:5:3: error: rule r has a second 'run' line (the first is at t.rules:4:1)
          run copy
          ^
        t.rules:4:1: note: first 'run' line here
        run copy
        ^
        """)
    }

    func testMissingCommandAfterRunAndAfterSh() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun\n"), """
        t.rules:4:4: error: 'run' in rule r names no action
        run
           ^
        """)
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun sh   # nothing\n"), """
        t.rules:4:7: error: 'run sh' in rule r has no command
        run sh   # nothing
              ^
        """)
    }

    func testUnknownActionSuggestsClosestName() {
        let text = "rule r\nin raw/a.json\nout processed/a.json\nrun sales.parqet in=1\n"
        XCTAssertEqual(rendered(text), """
        t.rules:4:5: error: unknown action 'sales.parqet' in rule r
        run sales.parqet in=1
            ^
        """)
        XCTAssertEqual(thrown(text)?.hint, "did you mean 'sales.parquet'? ('run sh COMMAND' runs a shell command)")
    }

    func testBadParameterDuplicateKey() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun copy a=1 b=2 a=3\n"), """
        t.rules:4:18: error: bad parameter 'a' in rule r: the key is given twice
        run copy a=1 b=2 a=3
                         ^
        """)
    }

    func testBadParameterMissingEquals() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun copy verbose\n"), """
        t.rules:4:10: error: bad parameter 'verbose' in rule r: expected key=value
        run copy verbose
                 ^
        """)
    }

    func testBadParameterUnknownEscape() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun copy x=\"a\\tb\"\n"), """
        t.rules:4:14: error: bad parameter 'x' in rule r: unknown escape '\\t' (use \\", \\\\ or \\n)
        run copy x="a\\tb"
                     ^
        """)
    }

    func testUnterminatedQuotePointsAtTheOpeningQuote() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a.json\nrun copy chain=\"Smurf # Memorabilia\n"), """
        t.rules:4:16: error: unterminated quoted value in rule r
        run copy chain="Smurf # Memorabilia
                       ^
        """)
    }

    func testBadPatternUnclosedBrace() {
        XCTAssertEqual(rendered("rule r\nin raw/{x.json\nout processed/a.json\nrun copy\n"), """
        t.rules:2:8: error: bad pattern 'raw/{x.json' in rule r: '{' is never closed
        in raw/{x.json
               ^
        """)
    }

    func testBadPatternSpace() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/a b.json\nrun copy\n"), """
        t.rules:3:16: error: bad pattern 'processed/a b.json' in rule r: paths in patterns cannot contain spaces
        out processed/a b.json
                       ^
        """)
    }

    func testBadRegexPointsAtTheRegex() {
        XCTAssertEqual(rendered("rule r\nin raw/{x:(ab}.json\nout processed/{x}.json\nrun copy\n"), """
        t.rules:2:11: error: invalid regular expression '(ab' in rule r
        in raw/{x:(ab}.json
                  ^
        """)
    }

    func testBadWindowStartAfterEnd() {
        XCTAssertEqual(rendered("rule r\nin raw/{date:date}.json\nin metrics/{date..date-1d}.json\nout processed/{date}.json\nrun copy\n"), """
        t.rules:3:12: error: bad date window '{date..date-1d}' in rule r: the start is after the end
        in metrics/{date..date-1d}.json
                   ^
        """)
    }

    func testBadWindowOverAWildcardThatIsNotADate() {
        XCTAssertEqual(rendered("rule r\nin raw/{day}.json\nin metrics/{day-1d..day}.json\nout processed/{day}.json\nrun copy\n"), """
        t.rules:3:12: error: bad date window '{day-1d..day}' in rule r: {day} is not declared as {day:date}
        in metrics/{day-1d..day}.json
                   ^
        """)
    }

    func testUndeclaredWildcardInALaterInLine() {
        XCTAssertEqual(rendered("rule r\nin raw/{x}.json\nin reference/{y}.csv\nout processed/{x}.json\nrun copy\n"), """
        t.rules:3:14: error: wildcard {y} in rule r is not bound by the first in line
        in reference/{y}.csv
                     ^
        """)
    }

    func testUnboundOutputWildcard() {
        XCTAssertEqual(rendered("rule r\nin raw/{x}.json\nout processed/{x}/{z}.json\nrun copy\n"), """
        t.rules:3:19: error: output wildcard {z} is not bound by the first in line of rule r
        out processed/{x}/{z}.json
                          ^
        """)
    }

    func testConflictingWildcardTypeShowsTheDeclaration() {
        XCTAssertEqual(rendered("rule r\nin raw/{d:date}.json\nout processed/{d:\\d+}.json\nrun copy\n"), """
        t.rules:3:15: error: wildcard {d} in rule r was declared with another type at t.rules:2:8
        out processed/{d:\\d+}.json
                      ^
        t.rules:2:8: note: {d} declared here
        in raw/{d:date}.json
               ^
        """)
    }

    func testStarInOutput() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/*.json\nrun copy\n"), """
        t.rules:3:15: error: '*' in an out line of rule r: an output is one file
        out processed/*.json
                      ^
        """)
    }

    func testWindowInOutput() {
        XCTAssertEqual(rendered("rule r\nin raw/{d:date}.json\nout processed/{d-1d..d}.json\nrun copy\n"), """
        t.rules:3:15: error: date window in an out line of rule r: an output is one file
        out processed/{d-1d..d}.json
                      ^
        """)
    }

    func testOutputOutsideLakeAbsolute() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout /x.json\nrun copy\n"), """
        t.rules:3:5: error: output '/x.json' of rule r is outside the lake: it starts with '/'
        out /x.json
            ^
        """)
    }

    func testOutputOutsideLakeParentSegment() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed/../../x.json\nrun copy\n"), """
        t.rules:3:15: error: output 'processed/../../x.json' of rule r is outside the lake: it has a '..' segment
        out processed/../../x.json
                      ^
        """)
    }

    func testOutputOutsideLakeEmptySegment() {
        XCTAssertEqual(rendered("rule r\nin raw/a.json\nout processed//x.json\nrun copy\n"), """
        t.rules:3:15: error: output 'processed//x.json' of rule r is outside the lake: it has an empty path segment
        out processed//x.json
                      ^
        """)
    }

    func testInputOutsideLake() {
        XCTAssertEqual(rendered("rule r\nin ../secrets/{x}.json\nout processed/{x}.json\nrun copy\n"), """
        t.rules:2:4: error: input '../secrets/{x}.json' of rule r is outside the lake: it has a '..' segment
        in ../secrets/{x}.json
           ^
        """)
    }

    func testOutputInRaw() {
        XCTAssertEqual(rendered("rule r\nin raw/{x}.json\nout raw/copy/{x}.json\nrun copy\n"), """
        t.rules:3:5: error: output 'raw/copy/{x}.json' of rule r is inside raw/, which builds never write
        out raw/copy/{x}.json
            ^
        """)
    }

    func testDuplicateOutputShowsBothRules() {
        let text = "rule a\nin raw/a/{x}.json\nout processed/{x}.json\nrun copy\nrule b\nin raw/b/{y}.json\nout processed/{y}.json\nrun copy\n"
        XCTAssertEqual(rendered(text), """
        t.rules:7:5: error: rules a and b can write the same path (see t.rules:3:5)
        out processed/{y}.json
            ^
        t.rules:3:5: note: output of rule a here
        out processed/{x}.json
            ^
        """)
    }

    func testCycleNamesTheRulesFromTheEarliest() {
        let text = "rule a\nin processed/b/{x}.json\nout processed/a/{x}.json\nrun copy\n\nrule b\nin processed/a/{x}.json\nout processed/b/{x}.json\nrun copy\n"
        XCTAssertEqual(rendered(text), """
        t.rules:1:1: error: rules form a cycle: a -> b -> a
        rule a
        ^
        """)
    }

    func testNoRulesFoundForMissingAndEmptyFolders() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-none-\(UUID().uuidString)").path
        XCTAssertThrowsError(try RulesParser.load(directory: directory, knownActions: known)) { error in
            XCTAssertEqual((error as? RulesError)?.rendered(sources: []), "\(directory): error: no rules found in \(directory)")
            XCTAssertEqual((error as? RulesError)?.hint, "run 'lakemake init' to create a lake and an example rules file")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "# only a comment\n".write(toFile: directory + "/empty.rules", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RulesParser.load(directory: directory, knownActions: known)) { error in
            XCTAssertEqual(error as? RulesError, .noRulesFound(directory: directory))
        }
    }

    func testUnreadableFileThatIsNotUTF8() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/bad.rules", contents: Data([0x72, 0xFF, 0xFE, 0x0A])))
        XCTAssertThrowsError(try RulesParser.readSources(directory: directory)) { error in
            let path = directory + "/bad.rules"
            XCTAssertEqual((error as? RulesError)?.rendered(sources: []), "\(path): error: cannot read \(path): the file is not UTF-8 text")
        }
    }

    func testErrorsCarryTheRuleAndPosition() {
        XCTAssertEqual(thrown("rule r\nin raw/{x}.json\nout processed/{x}/{z}.json\nrun copy\n"),
                       .unboundOutputWildcard("z", rule: "r", at: SourceLocation(file: "t.rules", line: 3, column: 19)))
        XCTAssertEqual(thrown("rule r\nin raw/{in}.json\nout processed/a.json\nrun copy\n"),
                       .badPattern("raw/{in}.json", problem: .reservedName, rule: "r", at: SourceLocation(file: "t.rules", line: 2, column: 9)))
        XCTAssertEqual(thrown("rule r\nin raw/**.json\nout processed/a.json\nrun copy\n"),
                       .badPattern("raw/**.json", problem: .doubleStar, rule: "r", at: SourceLocation(file: "t.rules", line: 2, column: 9)))
    }

    func testUsesPathsAreParsedAndMustStayInTheProject() throws {
        let ok = try RulesParser.parse([RulesSource(file: "t.rules", text: """
            rule r
              in   raw/{n}.txt
              out  processed/{n}.txt
              uses scripts/clean.py lib/common.sh   # two files
              uses scripts/clean.py
              run  sh python3 ../scripts/clean.py {in} > {out}
            """)], knownActions: known)
        XCTAssertEqual(ok.rules[0].uses, ["scripts/clean.py", "lib/common.sh"])
        XCTAssertEqual(Rule.inputPath(ofUsed: "scripts/clean.py"), "../scripts/clean.py")

        let escaping = "rule r\n  in raw/{n}.txt\n  out processed/{n}.txt\n  uses ../secrets.txt\n  run copy\n"
        XCTAssertEqual(rendered(escaping), """
        t.rules:4:8: error: uses '../secrets.txt' of rule r is outside the project: it has a '..' segment
          uses ../secrets.txt
               ^
        """)
        XCTAssertEqual(thrown(escaping)?.hint, "uses paths are relative to the folder holding lake/ and rules/, e.g. scripts/clean.py")
        guard case .usesOutsideProject(_, .absolute, _, _)? = thrown("rule r\n  in raw/{n}.txt\n  out processed/{n}.txt\n  uses /etc/passwd\n  run copy\n") else {
            return XCTFail("an absolute uses path is refused")
        }
        XCTAssertEqual(thrown("rule r\n  in raw/{n}.txt\n  out processed/{n}.txt\n  usse x\n  run copy\n")?.hint, "did you mean 'uses'?")
    }

    func testProtectedFoldersAreTheLakeLayouts() {
        XCTAssertEqual(RuleAssembler.protectedFolders, [LakeLayout.raw, LakeLayout.reference, LakeLayout.rejected, LakeLayout.stateFolder])
    }
}
