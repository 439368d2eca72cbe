import XCTest
import Arguments

/// Declaration checks on command trees, and walking a tree along a path.
final class CommandSpecTests: XCTestCase {
    func testSampleTreeHasNoProblems() {
        XCTAssertEqual(SampleCommands.root.problems(), [])
    }

    func testProblemsAreFoundAcrossTheWholePath() {
        let root = CommandSpec(
            name: "tool", abstract: "",
            options: [.flag("quiet", short: "q", help: "")],
            subcommands: [
                CommandSpec(
                    name: "run", abstract: "",
                    options: [
                        .flag("quiet", help: ""),
                        .value("query", short: "q", valueName: "Q", help: ""),
                        .flag("help", short: "h", help: ""),
                    ],
                    arguments: [
                        ArgumentSpec("FILES", arity: .variadic, help: ""),
                        ArgumentSpec("OUT", help: ""),
                    ]),
                CommandSpec(name: "run", abstract: ""),
            ])
        XCTAssertEqual(root.problems(), [
            .duplicateLongName("quiet", command: ["tool", "run"]),
            .duplicateShortName("q", command: ["tool", "run"]),
            .reservedHelpName("--help", command: ["tool", "run"]),
            .reservedHelpName("-h", command: ["tool", "run"]),
            .argumentAfterVariadic("OUT", command: ["tool", "run"]),
            .duplicateSubcommand("run", command: ["tool"]),
        ])
        XCTAssertEqual(SpecProblem.duplicateLongName("quiet", command: ["tool", "run"]).description,
                       "'tool run': option '--quiet' is declared twice on its path")
    }

    func testChainStopsAtTheFirstUnknownName() {
        let chain = SampleCommands.root.chain(along: ["parquet", "head", "extra"])
        XCTAssertEqual(chain.map(\.name), ["lakemake", "parquet", "head"])
        XCTAssertEqual(SampleCommands.root.chain(along: ["nope", "head"]).map(\.name), ["lakemake"])
    }
}
