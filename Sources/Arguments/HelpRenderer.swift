// `--help` text is rendered from the same `CommandSpec` values the parser reads, so it lists
// exactly what the parser accepts. Layout, top to bottom: abstract, usage line(s), discussion,
// then the sections Commands, Arguments, Options, Global options (options of enclosing
// commands, which are accepted here too) and Examples. Entries keep declaration order and the
// text is a pure function of the specs and the width, so it can be compared with a checked-in
// expectation.

/// Renders the help text of any command in a spec tree.
public struct HelpRenderer: Sendable {
    /// The spec of the program itself.
    public let root: CommandSpec
    /// The column at which text is wrapped.
    public let width: Int

    /// The widest the left column (option names, arguments, commands) grows; a longer entry
    /// puts its help text on the next line.
    static let maximumLeftColumn = 28

    public init(root: CommandSpec, width: Int = 80) {
        self.root = root
        self.width = width
    }

    /// The help text of the command at `commandPath` (subcommand names below the program, as
    /// in `ParseOutcome.help`). Rendering stops at the deepest command the path names, so an
    /// unknown name shows its parent's help. The text does not end with a newline.
    public func render(_ commandPath: [String]) -> String {
        let chain = root.chain(along: commandPath)
        let command = chain[chain.count - 1]
        let names = chain.map(\.name).joined(separator: " ")

        var blocks: [[String]] = []
        if !command.abstract.isEmpty { blocks.append(wrap(command.abstract, width: width)) }
        blocks.append(usageLines(of: command, invokedAs: names))
        if !command.discussion.isEmpty { blocks.append(discussionLines(command.discussion)) }

        let sections = entrySections(for: chain)
        let leftWidth = min(Self.maximumLeftColumn,
                            sections.flatMap(\.entries).map(\.left.count).max() ?? 0)
        for section in sections where !section.entries.isEmpty {
            blocks.append([section.title + ":"]
                + section.entries.flatMap { twoColumnLines($0, leftWidth: leftWidth) })
        }
        if !command.examples.isEmpty {
            blocks.append(["Examples:"] + command.examples.flatMap(exampleLines))
        }
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// One line per way of invoking the command, wrapped under the first word after `Usage:`.
    private func usageLines(of command: CommandSpec, invokedAs names: String) -> [String] {
        var forms: [String] = []
        if !command.subcommands.isEmpty { forms.append("\(names) <command> [options]") }
        if !command.arguments.isEmpty || command.subcommands.isEmpty {
            forms.append(([names, "[options]"] + command.arguments.map(Self.usageName)).joined(separator: " "))
        }
        let label = "Usage: "
        let indent = String(repeating: " ", count: label.count)
        return forms.enumerated().flatMap { position, form in
            wrap(form, width: width - label.count).enumerated().map { line, text in
                (position == 0 && line == 0 ? label : indent) + text
            }
        }
    }

    /// Discussion paragraphs: wrapped, except indented ones, which are kept as written.
    private func discussionLines(_ discussion: String) -> [String] {
        let paragraphs = discussion.split(separator: "\n\n", omittingEmptySubsequences: true)
        return paragraphs.enumerated().flatMap { position, paragraph -> [String] in
            let lines = paragraph.first == " "
                ? paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                : wrap(String(paragraph), width: width)
            return position == 0 ? lines : [""] + lines
        }
    }

    private func exampleLines(_ example: CommandSpec.Example) -> [String] {
        let explanationIndent = String(repeating: " ", count: 6)
        let explanation = example.explanation.isEmpty
            ? [] : wrap(example.explanation, width: width - 6).map { explanationIndent + $0 }
        return ["  " + example.invocation] + explanation
    }

    /// How an argument appears in usage lines and the Arguments section.
    static func usageName(_ argument: ArgumentSpec) -> String {
        switch argument.arity {
        case .required: return argument.name
        case .optional: return "[\(argument.name)]"
        case .variadic: return "[\(argument.name)...]"
        case .oneOrMore: return "\(argument.name)..."
        }
    }
}
