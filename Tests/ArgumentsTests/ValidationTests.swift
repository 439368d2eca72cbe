import XCTest
import Arguments

/// parse → validate → run: typed options and arguments read back as Swift values, values
/// that do not convert and commands' own checks failing the parse as `UsageError`s (so a
/// command never runs with them), and the order in which the checks apply.
final class ValidationTests: XCTestCase {
    /// A small tool declared with typed options: a global `--config`, a `build` command whose
    /// `-k` and `--fail-fast` contradict each other, and a `run` command with arguments.
    enum Tool {
        static let config: Option<String?> = .value("config", valueName: "FILE", environmentVariable: "TOOL_CONFIG",
                                                    help: "The configuration file.")
        static let strict: Option<Bool> = .flag("strict", help: "Refuse --config.")

        static let jobs: Option<Int?> = .integer("jobs", short: "j", valueName: "N", in: 1...64,
                                                 environmentVariable: "TOOL_JOBS", help: "Run N at once.")
        static let retries: Option<Int> = .integer("retries", valueName: "N", defaultValue: 3, in: 0...10,
                                                   help: "Retries per step.")
        static let keepGoing: Option<Bool> = .flag("keep-going", short: "k", help: "Go on after a failure.")
        static let failFast: Option<Bool> = .flag("fail-fast", help: "Stop at the first failure.")
        static let format: Option<String> = .value("format", valueName: "F", choices: ["text", "json"],
                                                   defaultValue: "text", help: "Output format.")
        static let label: Option<String?> = .value("label", valueName: "L", help: "A label.")
        static let only: Option<[String]> = .repeated("only", valueName: "P", help: "Only P.")
        static let wait: Option<Double> = .value("wait", valueName: "S", defaultValue: "2", help: "Seconds to wait.") {
            text throws(ValidationError) in
            guard let seconds = Double(text), seconds > 0 else {
                throw ValidationError("--wait must be a number of seconds above 0, not '\(text)'", hint: "e.g. --wait 0.5")
            }
            return seconds
        }
        static let until: Option<Int?> = .value("until", valueName: "DAY", help: "The last day.") { text throws(ValidationError) in
            guard text.hasPrefix("day"), let day = Int(text.dropFirst(3)) else { throw ValidationError("--until \(text) is not a day") }
            return day
        }

        static let target: Argument<String> = .required("TARGET", help: "What to run.")
        static let note: Argument<String?> = .optional("NOTE", help: "A note.")
        static let rest: Argument<[String]> = .variadic("ARGS", help: "Passed on.")
        static let files: Argument<[String]> = .oneOrMore("FILE", help: "Files.")

        static let build = CommandSpec(
            name: "build", abstract: "Build.",
            options: [jobs.spec, retries.spec, keepGoing.spec, failFast.spec, format.spec, label.spec, only.spec,
                      wait.spec, until.spec],
            validate: { parsed throws(ValidationError) in
                if parsed[keepGoing] && parsed[failFast] {
                    throw ValidationError("-k/--keep-going and --fail-fast contradict each other", hint: "give one of them")
                }
            })
        static let run = CommandSpec(name: "run", abstract: "Run.", arguments: [target.spec, note.spec, rest.spec])
        static let copy = CommandSpec(name: "copy", abstract: "Copy.", arguments: [files.spec])
        static let root = CommandSpec(
            name: "tool", abstract: "A tool.", options: [config.spec, strict.spec], subcommands: [build, run, copy],
            validate: { parsed throws(ValidationError) in
                if parsed[strict] && parsed[config] != nil { throw ValidationError("--strict refuses --config") }
            })

        static func parse(_ words: [String], environment: [String: String] = [:]) throws -> ParsedArguments {
            guard case .run(let parsed) = try CommandLineParser(root: root).parse(words, environment: environment) else {
                throw XCTSkip("asked for help")
            }
            return parsed
        }

        static func error(_ words: [String], environment: [String: String] = [:]) -> UsageError? {
            do {
                _ = try CommandLineParser(root: root).parse(words, environment: environment)
                return nil
            } catch {
                return error
            }
        }
    }

    // MARK: - Reading typed values

    func testTypedOptionsReadBackAsTheirTypes() throws {
        let parsed = try Tool.parse(["build", "-j", "8", "--retries=0", "-k", "--format", "json", "--label", "x",
                                     "--only", "a", "--only", "b", "--wait", "0.25", "--until", "day9"])
        XCTAssertEqual(parsed[Tool.jobs], 8)
        XCTAssertEqual(parsed[Tool.retries], 0)
        XCTAssertTrue(parsed[Tool.keepGoing])
        XCTAssertFalse(parsed[Tool.failFast])
        XCTAssertEqual(parsed[Tool.format], "json")
        XCTAssertEqual(parsed[Tool.label], "x")
        XCTAssertEqual(parsed[Tool.only], ["a", "b"])
        XCTAssertEqual(parsed[Tool.wait], 0.25)
        XCTAssertEqual(parsed[Tool.until], 9)
    }

    func testAbsentOptionsReadAsNilEmptyOrTheirDefault() throws {
        let parsed = try Tool.parse(["build"])
        XCTAssertNil(parsed[Tool.jobs])
        XCTAssertEqual(parsed[Tool.retries], 3)
        XCTAssertEqual(parsed[Tool.format], "text")
        XCTAssertNil(parsed[Tool.label])
        XCTAssertEqual(parsed[Tool.only], [])
        XCTAssertEqual(parsed[Tool.wait], 2)
        XCTAssertNil(parsed[Tool.until])
        XCTAssertNil(parsed[Tool.config])
    }

    func testTypedOptionsFallBackToTheEnvironment() throws {
        let parsed = try Tool.parse(["build"], environment: ["TOOL_JOBS": "5", "TOOL_CONFIG": "/etc/tool"])
        XCTAssertEqual(parsed[Tool.jobs], 5)
        XCTAssertEqual(parsed[Tool.config], "/etc/tool")
    }

    func testTypedArgumentsReadBackAsTheirTypes() throws {
        let all = try Tool.parse(["run", "t", "n", "a", "b"])
        XCTAssertEqual(all[Tool.target], "t")
        XCTAssertEqual(all[Tool.note], "n")
        XCTAssertEqual(all[Tool.rest], ["a", "b"])
        let one = try Tool.parse(["run", "t"])
        XCTAssertEqual(one[Tool.target], "t")
        XCTAssertNil(one[Tool.note])
        XCTAssertEqual(one[Tool.rest], [])
        XCTAssertEqual(try Tool.parse(["copy", "x", "y"])[Tool.files], ["x", "y"])
        XCTAssertEqual(Tool.error(["copy"]), .missingArgument(name: "FILE", command: ["tool", "copy"]))
    }

    // MARK: - Values that do not convert fail the parse

    func testAnIntegerThatIsNotOneFailsTheParseNamingTheOptionAsWritten() {
        XCTAssertEqual(Tool.error(["build", "-j", "four"]), .invalidInteger(option: "-j", value: "four", command: ["tool", "build"]))
        XCTAssertEqual(Tool.error(["build", "--retries=11"]),
                       .integerOutOfRange(option: "--retries", value: 11, range: 0...10, command: ["tool", "build"]))
        XCTAssertEqual(Tool.error(["build"], environment: ["TOOL_JOBS": "0"]),
                       .integerOutOfRange(option: "TOOL_JOBS", value: 0, range: 1...64, command: ["tool", "build"]))
    }

    func testAValueItsConversionRejectsFailsTheParseInTheCommandsWords() throws {
        let error = try XCTUnwrap(Tool.error(["build", "--wait", "-1"]))
        XCTAssertEqual(error, .invalid(ValidationError("--wait must be a number of seconds above 0, not '-1'", hint: "e.g. --wait 0.5"),
                                       command: ["tool", "build"]))
        XCTAssertEqual(error.message, "--wait must be a number of seconds above 0, not '-1'")
        XCTAssertEqual(error.hint, "e.g. --wait 0.5")
        XCTAssertEqual(error.commandPath, ["build"])
        XCTAssertEqual(Tool.error(["build", "--until", "tuesday"])?.description, "--until tuesday is not a day")
    }

    // MARK: - Commands' own checks

    func testAFailingValidateIsAUsageErrorOfTheCommandParsed() throws {
        let error = try XCTUnwrap(Tool.error(["build", "-k", "--fail-fast"]))
        XCTAssertEqual(error, .invalid(ValidationError("-k/--keep-going and --fail-fast contradict each other", hint: "give one of them"),
                                       command: ["tool", "build"]))
        XCTAssertEqual(error.description, "-k/--keep-going and --fail-fast contradict each other\ngive one of them")
        XCTAssertNoThrow(try Tool.parse(["build", "-k"]))
    }

    func testEnclosingCommandsValidateRunsForItsSubcommandsFirst() {
        XCTAssertEqual(Tool.error(["--strict", "--config", "c", "run", "t"]),
                       .invalid(ValidationError("--strict refuses --config"), command: ["tool", "run"]))
        XCTAssertEqual(Tool.error(["build", "--strict", "-k", "--fail-fast"], environment: ["TOOL_CONFIG": "c"]),
                       .invalid(ValidationError("--strict refuses --config"), command: ["tool", "build"]))
    }

    func testChecksApplyInOrderWordsThenValuesThenValidate() {
        XCTAssertEqual(Tool.error(["build", "-k", "--fail-fast", "-j", "0", "--frob"]),
                       .unknownOption("--frob", suggestion: nil, command: ["tool", "build"]))
        XCTAssertEqual(Tool.error(["build", "-k", "--fail-fast", "-j", "0"]),
                       .integerOutOfRange(option: "-j", value: 0, range: 1...64, command: ["tool", "build"]))
    }

    func testHelpWinsOverAFailingCheck() throws {
        let outcome = try CommandLineParser(root: Tool.root).parse(["build", "-k", "--fail-fast", "-j", "0", "--help"], environment: [:])
        XCTAssertEqual(outcome, .help(commandPath: ["build"]))
    }

    func testTypedDeclarationsRenderAsPlainOnesDo() {
        let typed = HelpRenderer(root: Tool.root).render(["build"])
        XCTAssertTrue(typed.contains("  -j, --jobs N"), typed)
        XCTAssertTrue(typed.contains("--retries N"), typed)
        XCTAssertTrue(typed.contains("Retries per step. (default: 3)"), typed)
        XCTAssertTrue(typed.contains("Output format. (one of: text, json) (default: text)"), typed)
        XCTAssertTrue(typed.contains("Only P. (repeatable)"), typed)
        XCTAssertEqual(Tool.root.problems(), [])
    }
}
