import XCTest
import Arguments

/// Reading values back: integers and their ranges, defaults, environment fallbacks and the
/// order in which they apply.
final class ParsedArgumentsTests: XCTestCase {
    private typealias Sample = SampleCommands

    func testIntReadsTheGivenNumber() throws {
        XCTAssertEqual(try Sample.run(["build", "-j", "12"]).int("jobs", in: 1...64), 12)
        XCTAssertEqual(try Sample.run(["build", "-j", "-2"]).int("jobs"), -2)
    }

    func testIntAcceptsRangeBounds() throws {
        XCTAssertEqual(try Sample.run(["build", "-j1"]).int("jobs", in: 1...64), 1)
        XCTAssertEqual(try Sample.run(["build", "-j64"]).int("jobs", in: 1...64), 64)
    }

    func testIntOfAnAbsentOptionWithoutDefaultIsNil() throws {
        XCTAssertNil(try Sample.run(["lineage", "p"]).int("depth", in: 0...9))
    }

    func testIntRejectsNonNumbersNamingTheOptionAsWritten() throws {
        let short = try Sample.run(["build", "-j", "four"])
        XCTAssertThrowsError(try short.int("jobs")) { error in
            XCTAssertEqual(error as? UsageError,
                           .invalidInteger(option: "-j", value: "four", command: ["lakemake", "build"]))
        }
        let long = try Sample.run(["build", "--jobs=4.5"])
        XCTAssertThrowsError(try long.int("jobs")) { error in
            XCTAssertEqual(error as? UsageError,
                           .invalidInteger(option: "--jobs", value: "4.5", command: ["lakemake", "build"]))
        }
    }

    func testIntRejectsValuesOutsideTheRange() throws {
        let parsed = try Sample.run(["build", "--jobs", "65"])
        XCTAssertThrowsError(try parsed.int("jobs", in: 1...64)) { error in
            XCTAssertEqual(error as? UsageError,
                           .integerOutOfRange(option: "--jobs", value: 65, range: 1...64,
                                              command: ["lakemake", "build"]))
        }
        let zero = try Sample.run(["build", "-j0"])
        XCTAssertThrowsError(try zero.int("jobs", in: 1...64))
    }

    func testDefaultAppliesWhenNothingElseIsGiven() throws {
        let parsed = try Sample.run(["build"])
        XCTAssertEqual(parsed.value("lake"), ".")
        XCTAssertEqual(try parsed.int("jobs"), 4)
        XCTAssertNil(parsed.value("rules"))
        XCTAssertEqual(try Sample.run(["lineage", "p"]).value("format"), "tree")
    }

    func testEnvironmentBeatsDefaultAndCommandLineBeatsEnvironment() throws {
        let environment = ["LAKEMAKE_LAKE": "/env/lake", "LAKEMAKE_RULES": "/env/rules"]
        let fromEnvironment = try Sample.run(["build"], environment: environment)
        XCTAssertEqual(fromEnvironment.value("lake"), "/env/lake")
        XCTAssertEqual(fromEnvironment.value("rules"), "/env/rules")

        let fromCommandLine = try Sample.run(["build", "--lake", "/cli"], environment: environment)
        XCTAssertEqual(fromCommandLine.value("lake"), "/cli")
        XCTAssertEqual(fromCommandLine.value("rules"), "/env/rules")
    }

    func testEmptyEnvironmentVariableCountsAsUnset() throws {
        XCTAssertEqual(try Sample.run(["build"], environment: ["LAKEMAKE_LAKE": ""]).value("lake"), ".")
    }

    func testIntErrorFromEnvironmentNamesTheVariable() throws {
        let parsed = try Sample.run(["lineage", "p"], environment: ["LAKEMAKE_DEPTH": "deep"])
        XCTAssertThrowsError(try parsed.int("depth")) { error in
            XCTAssertEqual(error as? UsageError,
                           .invalidInteger(option: "LAKEMAKE_DEPTH", value: "deep",
                                           command: ["lakemake", "lineage"]))
        }
    }

    func testEnvironmentValueIsCheckedAgainstChoices() {
        let root = CommandSpec(name: "tool", abstract: "", options: [
            .value("color", valueName: "WHEN", choices: ["auto", "never"], environmentVariable: "TOOL_COLOR",
                   help: ""),
        ])
        let parser = CommandLineParser(root: root)
        XCTAssertThrowsError(try parser.parse([], environment: ["TOOL_COLOR": "always"])) { error in
            XCTAssertEqual(error as? UsageError,
                           .invalidChoice(option: "TOOL_COLOR", value: "always", choices: ["auto", "never"],
                                          command: ["tool"]))
        }
        XCTAssertEqual(try parser.parse(["--color", "auto"], environment: ["TOOL_COLOR": "always"]),
                       try parser.parse(["--color=auto"], environment: [:]))
    }

    func testRootCommandWithoutSubcommandsRunsWithEmptyPath() throws {
        let root = CommandSpec(name: "tool", abstract: "", options: [.flag("quiet", short: "q", help: "")])
        guard case .run(let parsed) = try CommandLineParser(root: root).parse(["-q"], environment: [:]) else {
            return XCTFail("expected a command to run")
        }
        XCTAssertEqual(parsed.commandPath, [])
        XCTAssertTrue(parsed.flag("quiet"))
    }
}
