/// The two-column sections of help: Commands, Arguments, Options and Global options.
extension HelpRenderer {
    /// One row of a two-column section.
    struct Entry: Equatable {
        var left: String
        var help: String
    }

    /// A titled list of rows.
    struct Section: Equatable {
        var title: String
        var entries: [Entry]
    }

    /// The help option every command accepts; the parser handles it without a spec.
    static let helpEntry = Entry(left: "-h, --help", help: "Show this help.")

    /// The sections for the last command of `chain`, in the order they are printed.
    func entrySections(for chain: [CommandSpec]) -> [Section] {
        let command = chain[chain.count - 1]
        let enclosing = chain.dropLast().reversed().flatMap(\.options)
        return [
            Section(title: "Commands",
                    entries: command.subcommands.map { Entry(left: $0.name, help: $0.abstract) }),
            Section(title: "Arguments",
                    entries: command.arguments.map { Entry(left: Self.usageName($0), help: $0.help) }),
            Section(title: "Options", entries: command.options.map(Self.entry) + [Self.helpEntry]),
            Section(title: "Global options", entries: enclosing.map(Self.entry)),
        ]
    }

    /// The row for one option: its names and value, then its help followed by its choices,
    /// default, environment variable and whether it repeats.
    static func entry(for option: OptionSpec) -> Entry {
        var left = option.short.map { "-\($0), " } ?? "    "
        left += "--" + option.long
        if let valueName = option.valueName { left += " " + valueName }

        var notes: [String] = []
        if !option.choices.isEmpty { notes.append("(one of: \(option.choices.joined(separator: ", ")))") }
        if let defaultValue = option.defaultValue { notes.append("(default: \(defaultValue))") }
        if let variable = option.environmentVariable { notes.append("(env: \(variable))") }
        if case .repeatedValue = option.kind { notes.append("(repeatable)") }
        let help = ([option.help] + notes).filter { !$0.isEmpty }.joined(separator: " ")
        return Entry(left: left, help: help)
    }

    /// An entry indented by two, with its help wrapped in a column after `leftWidth`; a left
    /// cell wider than the column puts the help on the following lines.
    func twoColumnLines(_ entry: Entry, leftWidth: Int) -> [String] {
        let helpColumn = 2 + leftWidth + 2
        let helpLines = wrap(entry.help, width: max(1, width - helpColumn))
        let padding = String(repeating: " ", count: helpColumn)
        let left = "  " + entry.left
        guard entry.left.count <= leftWidth else {
            return [left] + helpLines.map { padding + $0 }
        }
        guard let first = helpLines.first else { return [left] }
        let firstLine = left + String(repeating: " ", count: helpColumn - left.count) + first
        return [firstLine] + helpLines.dropFirst().map { padding + $0 }
    }

    /// Splits `text` into lines of at most `width` characters at spaces; a word longer than
    /// `width` gets a line of its own.
    func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
