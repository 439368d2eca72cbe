import XCTest
import Arguments

/// Help text compared with expectations written out by hand (columns counted, wrapping at 80
/// worked out word by word), and a check that help lists everything the parser accepts.
final class HelpRendererTests: XCTestCase {
    private let renderer = HelpRenderer(root: SampleCommands.root)

    func testLeafCommandHelp() {
        // Widest left cell: "-f, --format FORMAT" (19), so help starts at column 2 + 19 + 2.
        let expected = """
            Show where a file came from.

            Usage: lakemake lineage [options] PATH

            Walks the recorded inputs of PATH up to the raw files, or down to everything
            built from it with --down.

            Arguments:
              PATH                 A lake-relative path.

            Options:
                  --down           Follow outputs instead of inputs.
                  --depth N        Stop after N levels. (env: LAKEMAKE_DEPTH)
              -f, --format FORMAT  Output format. (one of: tree, json, dot, openlineage)
                                   (default: tree)
                  --include GLOB   Only show paths matching GLOB. (repeatable)
              -h, --help           Show this help.

            Global options:
                  --lake DIR       The lake directory. (default: .) (env: LAKEMAKE_LAKE)
                  --rules DIR      The rules directory. (env: LAKEMAKE_RULES)
              -v, --verbose        Print more.

            Examples:
              lakemake lineage processed/sales/2024-01-01.parquet --depth 2
                  Show two levels of inputs.
            """
        XCTAssertEqual(renderer.render(["lineage"]), expected)
    }

    func testCommandGroupHelp() {
        // Widest left cell: "    --rules DIR" (15), so help starts at column 19.
        let expected = """
            Inspect Parquet files.

            Usage: lakemake parquet <command> [options]

            Commands:
              schema           Print the schema.
              head             Print the first rows.

            Options:
              -h, --help       Show this help.

            Global options:
                  --lake DIR   The lake directory. (default: .) (env: LAKEMAKE_LAKE)
                  --rules DIR  The rules directory. (env: LAKEMAKE_RULES)
              -v, --verbose    Print more.
            """
        XCTAssertEqual(renderer.render(["parquet"]), expected)
    }

    func testLongLeftCellMovesHelpToTheNextLine() {
        // The option cell is 35 wide, over the 28 limit, so the column is 2 + 28 + 2 = 32.
        let root = CommandSpec(
            name: "tool", abstract: "",
            options: [
                .value("really-long-option-name", valueName: "VALUE", help: "Goes on the next line."),
                .flag("quiet", short: "q", help: ""),
            ],
            arguments: [
                ArgumentSpec("OUT", help: "Output."),
                ArgumentSpec("IN", arity: .oneOrMore, help: "Inputs."),
            ])
        let expected = """
            Usage: tool [options] OUT IN...

            Arguments:
              OUT                           Output.
              IN...                         Inputs.

            Options:
                  --really-long-option-name VALUE
                                            Goes on the next line.
              -q, --quiet
              -h, --help                    Show this help.
            """
        XCTAssertEqual(HelpRenderer(root: root).render([]), expected)
    }

    func testUsageShowsOptionalAndVariadicArguments() {
        let root = CommandSpec(name: "tool", abstract: "", arguments: [
            ArgumentSpec("A", help: ""), ArgumentSpec("B", arity: .optional, help: ""),
            ArgumentSpec("C", arity: .variadic, help: ""),
        ])
        let firstLine = HelpRenderer(root: root).render([]).split(separator: "\n").first
        XCTAssertEqual(firstLine, "Usage: tool [options] A [B] [C...]")
    }

    func testDiscussionKeepsIndentedParagraphsAsWritten() {
        let root = CommandSpec(name: "tool", abstract: "Does things.",
                               discussion: "First paragraph\nsplit here.\n\n  kept   as\n  written")
        let expected = """
            Does things.

            Usage: tool [options]

            First paragraph split here.

              kept   as
              written

            Options:
              -h, --help  Show this help.
            """
        XCTAssertEqual(HelpRenderer(root: root).render([]), expected)
    }

    func testLongHelpWrapsAtTheGivenWidth() {
        let root = CommandSpec(name: "t", abstract: "", options: [
            .flag("x", help: "one two three four five six seven"),
        ])
        // Width 30; left cells "    --x" and "-h, --help" (10), column 14, so 16 columns of help.
        let expected = """
            Usage: t [options]

            Options:
                  --x     one two three
                          four five six
                          seven
              -h, --help  Show this help.
            """
        XCTAssertEqual(HelpRenderer(root: root, width: 30).render([]), expected)
    }

    func testUnknownPathShowsTheDeepestKnownCommand() {
        XCTAssertEqual(renderer.render(["parquet", "nope"]), renderer.render(["parquet"]))
    }

    func testEveryDeclaredOptionArgumentAndSubcommandAppearsInHelp() {
        var checked = 0
        func visit(_ chain: [CommandSpec]) {
            let command = chain[chain.count - 1]
            let path = chain.dropFirst().map(\.name)
            let help = renderer.render(path)
            for option in chain.flatMap(\.options) {
                var cell = "--" + option.long
                if let short = option.short { cell = "-\(short), " + cell }
                if let valueName = option.valueName { cell += " " + valueName }
                XCTAssertTrue(help.contains(cell), "'\(cell)' missing from help of \(path)")
                if !option.help.isEmpty { XCTAssertTrue(help.contains(option.help)) }
                for choice in option.choices { XCTAssertTrue(help.contains(choice)) }
                if let variable = option.environmentVariable { XCTAssertTrue(help.contains(variable)) }
                checked += 1
            }
            for argument in command.arguments {
                XCTAssertTrue(help.contains(argument.name), "\(argument.name) missing from help of \(path)")
            }
            for subcommand in command.subcommands {
                XCTAssertTrue(help.contains("  \(subcommand.name)  "), "\(subcommand.name) missing from \(path)")
                visit(chain + [subcommand])
            }
            XCTAssertTrue(help.contains("-h, --help"))
        }
        visit([SampleCommands.root])
        // 3 root options seen by 7 commands, plus 4 + 4 + 1 + 1 + 1 own options.
        XCTAssertEqual(checked, 3 * 7 + 11)
    }
}
