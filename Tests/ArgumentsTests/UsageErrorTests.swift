import XCTest
import Arguments

/// Every way a command line can be wrong: the case the parser reports and the exact words a
/// user reads, since the wording is what is under test here.
final class UsageErrorTests: XCTestCase {
    private typealias Sample = SampleCommands

    private func assertError(
        _ words: [String], _ expected: UsageError, message: String, hint: String?,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let error = Sample.usageError(words)
        XCTAssertEqual(error, expected, file: file, line: line)
        XCTAssertEqual(error?.message, message, file: file, line: line)
        XCTAssertEqual(error?.hint, hint, file: file, line: line)
    }

    func testUnknownLongOptionSuggestsTheClosestDeclaredOne() {
        assertError(["build", "--jbos", "4"],
                    .unknownOption("--jbos", suggestion: "--jobs", command: ["lakemake", "build"]),
                    message: "unknown option '--jbos' for 'lakemake build'",
                    hint: "did you mean '--jobs'?")
    }

    func testUnknownLongOptionSuggestsGlobalOptions() {
        assertError(["build", "--verbsoe"],
                    .unknownOption("--verbsoe", suggestion: "--verbose", command: ["lakemake", "build"]),
                    message: "unknown option '--verbsoe' for 'lakemake build'",
                    hint: "did you mean '--verbose'?")
    }

    func testUnknownLongOptionSuggestsAUniqueCompletion() {
        assertError(["build", "--retry"],
                    .unknownOption("--retry", suggestion: "--retry-failed", command: ["lakemake", "build"]),
                    message: "unknown option '--retry' for 'lakemake build'",
                    hint: "did you mean '--retry-failed'?")
    }

    func testUnknownOptionWithNothingCloseHasNoHint() {
        assertError(["build", "--frobnicate"],
                    .unknownOption("--frobnicate", suggestion: nil, command: ["lakemake", "build"]),
                    message: "unknown option '--frobnicate' for 'lakemake build'", hint: nil)
    }

    func testOptionOfASubcommandIsUnknownBeforeIt() {
        assertError(["--jobs", "4", "build"],
                    .unknownOption("--jobs", suggestion: nil, command: ["lakemake"]),
                    message: "unknown option '--jobs' for 'lakemake'", hint: nil)
    }

    func testUnknownShortOption() {
        assertError(["build", "-nx"],
                    .unknownOption("-x", suggestion: nil, command: ["lakemake", "build"]),
                    message: "unknown option '-x' for 'lakemake build'", hint: nil)
    }

    func testLongOptionWrittenWithOneDashSuggestsTwo() {
        assertError(["ingest", "-replace", "csv", "a.csv"],
                    .unknownOption("-r", suggestion: "--replace", command: ["lakemake", "ingest"]),
                    message: "unknown option '-r' for 'lakemake ingest'",
                    hint: "did you mean '--replace'?")
    }

    func testUnknownCommandSuggestsTheClosestCommand() {
        assertError(["biuld"],
                    .unknownCommand("biuld", suggestion: "build", command: ["lakemake"]),
                    message: "unknown command 'biuld' for 'lakemake'",
                    hint: "did you mean 'build'?")
        assertError(["parquet", "shema", "f"],
                    .unknownCommand("shema", suggestion: "schema", command: ["lakemake", "parquet"]),
                    message: "unknown command 'shema' for 'lakemake parquet'",
                    hint: "did you mean 'schema'?")
    }

    func testUnknownCommandWithNothingCloseHasNoHint() {
        assertError(["deploy"],
                    .unknownCommand("deploy", suggestion: nil, command: ["lakemake"]),
                    message: "unknown command 'deploy' for 'lakemake'", hint: nil)
    }

    func testGroupWithoutSubcommandNamesTheChoices() {
        assertError(["parquet"],
                    .missingCommand(available: ["schema", "head"], command: ["lakemake", "parquet"]),
                    message: "'lakemake parquet' needs a command",
                    hint: "expected one of: schema, head")
        assertError(["-v"],
                    .missingCommand(available: ["build", "lineage", "parquet", "ingest"], command: ["lakemake"]),
                    message: "'lakemake' needs a command",
                    hint: "expected one of: build, lineage, parquet, ingest")
    }

    func testMissingValueAtTheEnd() {
        assertError(["build", "--jobs"],
                    .missingValue(option: "--jobs", valueName: "N", command: ["lakemake", "build"]),
                    message: "missing value for '--jobs' in 'lakemake build'",
                    hint: "write '--jobs N' or '--jobs=N'")
        assertError(["build", "-j"],
                    .missingValue(option: "-j", valueName: "N", command: ["lakemake", "build"]),
                    message: "missing value for '-j' in 'lakemake build'",
                    hint: "write '-j N'")
    }

    func testMissingValueWhenAnOptionFollows() {
        assertError(["build", "--lake", "--json"],
                    .missingValue(option: "--lake", valueName: "DIR", command: ["lakemake", "build"]),
                    message: "missing value for '--lake' in 'lakemake build'",
                    hint: "write '--lake DIR' or '--lake=DIR'")
        assertError(["build", "-j", "-n"],
                    .missingValue(option: "-j", valueName: "N", command: ["lakemake", "build"]),
                    message: "missing value for '-j' in 'lakemake build'",
                    hint: "write '-j N'")
    }

    func testFlagGivenAValue() {
        assertError(["build", "--json=yes"],
                    .unexpectedValue(option: "--json", command: ["lakemake", "build"]),
                    message: "option '--json' of 'lakemake build' takes no value",
                    hint: "write '--json' alone")
    }

    func testValueOptionInsideAShortGroup() {
        assertError(["build", "-nj4"],
                    .valueOptionInGroup(option: "-j", group: "-nj4", command: ["lakemake", "build"]),
                    message: "option '-j' takes a value and cannot be grouped in '-nj4'",
                    hint: "give '-j' separately, followed by its value")
    }

    func testInvalidChoiceListsTheChoices() {
        assertError(["lineage", "--format", "xml", "p"],
                    .invalidChoice(option: "--format", value: "xml", choices: ["tree", "json", "dot", "openlineage"],
                                   command: ["lakemake", "lineage"]),
                    message: "invalid value 'xml' for '--format' in 'lakemake lineage'",
                    hint: "expected one of: tree, json, dot, openlineage")
        assertError(["lineage", "p", "-fJSON"],
                    .invalidChoice(option: "-f", value: "JSON", choices: ["tree", "json", "dot", "openlineage"],
                                   command: ["lakemake", "lineage"]),
                    message: "invalid value 'JSON' for '-f' in 'lakemake lineage'",
                    hint: "expected one of: tree, json, dot, openlineage")
    }

    func testInvalidIntegerWording() {
        let error = UsageError.invalidInteger(option: "-j", value: "four", command: ["lakemake", "build"])
        XCTAssertEqual(error.message, "invalid value 'four' for '-j' in 'lakemake build'")
        XCTAssertEqual(error.hint, "expected a whole number")
    }

    func testIntegerOutOfRangeWording() {
        let error = UsageError.integerOutOfRange(option: "--jobs", value: 0, range: 1...64,
                                                 command: ["lakemake", "build"])
        XCTAssertEqual(error.message, "invalid value '0' for '--jobs' in 'lakemake build'")
        XCTAssertEqual(error.hint, "expected a whole number from 1 to 64")
    }

    func testMissingRequiredArgument() {
        assertError(["lineage", "--down"],
                    .missingArgument(name: "PATH", command: ["lakemake", "lineage"]),
                    message: "missing argument 'PATH' for 'lakemake lineage'", hint: nil)
        assertError(["parquet", "head", "-r", "3"],
                    .missingArgument(name: "FILE", command: ["lakemake", "parquet", "head"]),
                    message: "missing argument 'FILE' for 'lakemake parquet head'", hint: nil)
    }

    func testMissingOneOrMoreArgumentAfterOthers() {
        // KIND takes "csv"; NOTE is optional; FILE needs at least one word.
        assertError(["ingest", "csv"],
                    .missingArgument(name: "FILE", command: ["lakemake", "ingest"]),
                    message: "missing argument 'FILE' for 'lakemake ingest'", hint: nil)
        assertError(["ingest"],
                    .missingArgument(name: "KIND", command: ["lakemake", "ingest"]),
                    message: "missing argument 'KIND' for 'lakemake ingest'", hint: nil)
    }

    func testTooManyArguments() {
        assertError(["parquet", "schema", "a.parquet", "b.parquet"],
                    .unexpectedArgument("b.parquet", command: ["lakemake", "parquet", "schema"]),
                    message: "unexpected argument 'b.parquet' for 'lakemake parquet schema'", hint: nil)
        assertError(["lineage", "p", "--", "q"],
                    .unexpectedArgument("q", command: ["lakemake", "lineage"]),
                    message: "unexpected argument 'q' for 'lakemake lineage'", hint: nil)
    }

    func testCommandPathAndDescriptionForTheCaller() {
        let error = UsageError.unknownOption("--jbos", suggestion: "--jobs", command: ["lakemake", "build"])
        XCTAssertEqual(error.commandPath, ["build"])
        XCTAssertEqual(error.command, ["lakemake", "build"])
        XCTAssertEqual(error.description, "unknown option '--jbos' for 'lakemake build'\ndid you mean '--jobs'?")
        let noHint = UsageError.missingArgument(name: "PATH", command: ["lakemake", "lineage"])
        XCTAssertEqual(noHint.description, "missing argument 'PATH' for 'lakemake lineage'")
    }
}
