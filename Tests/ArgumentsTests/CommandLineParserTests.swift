import XCTest
import Arguments

/// Every accepted form of a command line, checked against the values a reader of the
/// command line would expect.
final class CommandLineParserTests: XCTestCase {
    private typealias Sample = SampleCommands

    func testLongOptionWithSeparateValue() throws {
        XCTAssertEqual(try Sample.run(["build", "--jobs", "7"]).value("jobs"), "7")
    }

    func testLongOptionWithInlineValue() throws {
        XCTAssertEqual(try Sample.run(["build", "--jobs=7"]).value("jobs"), "7")
        XCTAssertEqual(try Sample.run(["lineage", "--include=a=b", "p"]).values("include"), ["a=b"])
        XCTAssertEqual(try Sample.run(["lineage", "--include=", "p"]).values("include"), [""])
    }

    func testShortOptionWithSeparateAndAttachedValue() throws {
        XCTAssertEqual(try Sample.run(["build", "-j", "7"]).value("jobs"), "7")
        XCTAssertEqual(try Sample.run(["build", "-j7"]).value("jobs"), "7")
    }

    func testLongFlag() throws {
        let parsed = try Sample.run(["build", "--json"])
        XCTAssertTrue(parsed.flag("json"))
        XCTAssertFalse(parsed.flag("dry-run"))
        XCTAssertFalse(parsed.flag("retry-failed"))
    }

    func testGroupedShortFlagsMayMixLocalAndGlobalFlags() throws {
        let parsed = try Sample.run(["build", "-nv"])
        XCTAssertTrue(parsed.flag("dry-run"))
        XCTAssertTrue(parsed.flag("verbose"))
        XCTAssertFalse(parsed.flag("json"))
    }

    func testValueOptionMayLeadAShortGroupWithItsValueAttached() throws {
        // `-j4` is "-j" with value "4"; `-jn` is "-j" with value "n", not two options.
        XCTAssertEqual(try Sample.run(["build", "-jn"]).value("jobs"), "n")
        XCTAssertFalse(try Sample.run(["build", "-jn"]).flag("dry-run"))
    }

    func testDoubleDashEndsOptions() throws {
        let parsed = try Sample.run(["build", "-n", "--", "--json", "-v", "--help"])
        XCTAssertEqual(parsed.arguments("PREFIX"), ["--json", "-v", "--help"])
        XCTAssertTrue(parsed.flag("dry-run"))
        XCTAssertFalse(parsed.flag("json"))
        XCTAssertFalse(parsed.flag("verbose"))
    }

    func testDoubleDashDoesNotSelectSubcommands() throws {
        XCTAssertEqual(try Sample.run(["build", "--", "lineage"]).arguments("PREFIX"), ["lineage"])
    }

    func testGlobalOptionsAreAcceptedBeforeAndAfterTheCommand() throws {
        let before = try Sample.run(["--lake", "/l", "-v", "parquet", "schema", "f.parquet"])
        let after = try Sample.run(["parquet", "schema", "f.parquet", "--lake=/l", "-v"])
        let between = try Sample.run(["parquet", "--lake", "/l", "schema", "-v", "f.parquet"])
        for parsed in [before, after, between] {
            XCTAssertEqual(parsed.commandPath, ["parquet", "schema"])
            XCTAssertEqual(parsed.value("lake"), "/l")
            XCTAssertTrue(parsed.flag("verbose"))
            XCTAssertEqual(parsed.argument("FILE"), "f.parquet")
        }
    }

    func testCommandPathOfRootLeafAndNestedCommands() throws {
        XCTAssertEqual(try Sample.run(["build"]).commandPath, ["build"])
        XCTAssertEqual(try Sample.run(["parquet", "head", "-r", "5", "x"]).commandPath, ["parquet", "head"])
        XCTAssertEqual(try Sample.run(["parquet", "head", "-r", "5", "x"]).value("rows"), "5")
    }

    func testSubcommandNameAfterAPositionalIsAPositional() throws {
        XCTAssertEqual(try Sample.run(["build", "a/", "lineage"]).arguments("PREFIX"), ["a/", "lineage"])
    }

    func testHelpAtEveryLevel() throws {
        XCTAssertEqual(try Sample.outcome(["--help"]), .help(commandPath: []))
        XCTAssertEqual(try Sample.outcome(["-h"]), .help(commandPath: []))
        XCTAssertEqual(try Sample.outcome(["build", "--help"]), .help(commandPath: ["build"]))
        XCTAssertEqual(try Sample.outcome(["parquet", "-h"]), .help(commandPath: ["parquet"]))
        XCTAssertEqual(try Sample.outcome(["parquet", "schema", "--help"]),
                       .help(commandPath: ["parquet", "schema"]))
        XCTAssertEqual(try Sample.outcome(["build", "-nh"]), .help(commandPath: ["build"]))
    }

    func testHelpWinsOverMissingArgumentsAndLaterWords() throws {
        XCTAssertEqual(try Sample.outcome(["lineage", "--help"]), .help(commandPath: ["lineage"]))
        XCTAssertEqual(try Sample.outcome(["parquet", "--help", "schema"]), .help(commandPath: ["parquet"]))
    }

    func testHelpWinsOverAnEarlierMistake() throws {
        XCTAssertEqual(try Sample.outcome(["build", "--jbos", "--help"]), .help(commandPath: ["build"]))
        XCTAssertEqual(try Sample.outcome(["biuld", "-h"]), .help(commandPath: []))
        XCTAssertEqual(try Sample.outcome(["lineage", "--format", "xml", "--help"]),
                       .help(commandPath: ["lineage"]))
    }

    func testHelpAfterDoubleDashIsAnArgument() throws {
        XCTAssertEqual(try Sample.run(["lineage", "--", "--help"]).argument("PATH"), "--help")
        XCTAssertEqual(Sample.usageError(["build", "--jbos", "--", "--help"]),
                       .unknownOption("--jbos", suggestion: "--jobs", command: ["lakemake", "build"]))
    }

    func testRepeatedOptionKeepsEveryValueInOrder() throws {
        let parsed = try Sample.run(["lineage", "--include", "b*", "p", "--include=a*", "--include", "c*"])
        XCTAssertEqual(parsed.values("include"), ["b*", "a*", "c*"])
        XCTAssertEqual(parsed.value("include"), "c*")
    }

    func testSingleValueOptionGivenTwiceKeepsTheLast() throws {
        XCTAssertEqual(try Sample.run(["build", "-j", "2", "--jobs", "9"]).value("jobs"), "9")
    }

    func testNegativeNumbersAndLoneDashAreValues() throws {
        XCTAssertEqual(try Sample.run(["lineage", "--depth", "-1", "p"]).value("depth"), "-1")
        XCTAssertEqual(try Sample.run(["build", "-j", "-2"]).value("jobs"), "-2")
        XCTAssertEqual(try Sample.run(["build", "-3", "-"]).arguments("PREFIX"), ["-3", "-"])
    }

    func testChoiceIsAccepted() throws {
        XCTAssertEqual(try Sample.run(["lineage", "-f", "dot", "p"]).value("format"), "dot")
        XCTAssertEqual(try Sample.run(["lineage", "--format=openlineage", "p"]).value("format"), "openlineage")
    }

    func testPositionalsFillRequiredThenOptionalThenVariadic() throws {
        let one = try Sample.run(["ingest", "csv", "a.csv"])
        XCTAssertEqual(one.argument("KIND"), "csv")
        XCTAssertNil(one.argument("NOTE"))
        XCTAssertEqual(one.arguments("FILE"), ["a.csv"])

        let many = try Sample.run(["ingest", "csv", "n", "a.csv", "--replace", "b.csv"])
        XCTAssertEqual(many.argument("KIND"), "csv")
        XCTAssertEqual(many.argument("NOTE"), "n")
        XCTAssertEqual(many.arguments("FILE"), ["a.csv", "b.csv"])
        XCTAssertTrue(many.flag("replace"))
    }

    func testVariadicArgumentMayBeEmpty() throws {
        let parsed = try Sample.run(["build"])
        XCTAssertEqual(parsed.arguments("PREFIX"), [])
        XCTAssertNil(parsed.argument("PREFIX"))
    }
}
