// The parser trusts its specs: two options with one name along a path, a command that
// redefines `--help`, or a variadic argument followed by another would make some words
// ambiguous. Rather than trap at parse time, a tool checks its tree once in a test with
// `root.problems()`.

/// A mistake in a command tree's declaration, found by `CommandSpec.problems()`.
public enum SpecProblem: Sendable, Equatable, CustomStringConvertible {
    /// Two options on one path (a command and its enclosing commands) share a long name.
    case duplicateLongName(String, command: [String])
    /// Two options on one path share a short letter.
    case duplicateShortName(Character, command: [String])
    /// An option uses `help` or `h`, which the parser keeps for help requests.
    case reservedHelpName(String, command: [String])
    /// An argument follows a variadic one, which would take all of its words.
    case argumentAfterVariadic(String, command: [String])
    /// Two subcommands of one command share a name.
    case duplicateSubcommand(String, command: [String])

    public var description: String {
        switch self {
        case .duplicateLongName(let name, let command):
            return "'\(command.joined(separator: " "))': option '--\(name)' is declared twice on its path"
        case .duplicateShortName(let letter, let command):
            return "'\(command.joined(separator: " "))': option '-\(letter)' is declared twice on its path"
        case .reservedHelpName(let name, let command):
            return "'\(command.joined(separator: " "))': option '\(name)' is reserved for help"
        case .argumentAfterVariadic(let name, let command):
            return "'\(command.joined(separator: " "))': argument '\(name)' follows a variadic argument"
        case .duplicateSubcommand(let name, let command):
            return "'\(command.joined(separator: " "))': subcommand '\(name)' is declared twice"
        }
    }
}

extension CommandSpec {
    /// Every declaration mistake in this tree, in a fixed order (depth first, declaration
    /// order within a command); empty for a well-formed tree.
    public func problems() -> [SpecProblem] {
        problems(enclosing: [], names: [])
    }

    private func problems(enclosing: [OptionSpec], names: [String]) -> [SpecProblem] {
        let path = names + [name]
        var found: [SpecProblem] = []
        var longNames = Set(enclosing.map(\.long))
        var shortNames = Set(enclosing.compactMap(\.short))
        for option in options {
            if option.long == "help" { found.append(.reservedHelpName("--help", command: path)) }
            if option.short == "h" { found.append(.reservedHelpName("-h", command: path)) }
            if !longNames.insert(option.long).inserted {
                found.append(.duplicateLongName(option.long, command: path))
            }
            if let short = option.short, !shortNames.insert(short).inserted {
                found.append(.duplicateShortName(short, command: path))
            }
        }
        var seenVariadic = false
        for argument in arguments {
            if seenVariadic { found.append(.argumentAfterVariadic(argument.name, command: path)) }
            if argument.maximumCount == nil { seenVariadic = true }
        }
        var subcommandNames = Set<String>()
        for subcommand in subcommands {
            if !subcommandNames.insert(subcommand.name).inserted {
                found.append(.duplicateSubcommand(subcommand.name, command: path))
            }
            found += subcommand.problems(enclosing: enclosing + options, names: path)
        }
        return found
    }
}
