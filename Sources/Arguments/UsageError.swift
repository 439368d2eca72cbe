/// A command line that does not match its specs: what is wrong (`message`), what to do
/// instead when that can be said (`hint`), and which command was being parsed, so the
/// caller can point at that command's `--help`.
///
/// Every case carries `command`: the names from the program down to the command being
/// parsed when the error was found (`["lakemake", "build"]`). Option names are carried as
/// the user wrote them (`--jbos`, `-x`) or, for values read from the environment, as the
/// variable's name.
public enum UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option that no command on the path declares; `suggestion` is a close declared name.
    case unknownOption(String, suggestion: String?, command: [String])
    /// A word that is not a subcommand of a command that needs one.
    case unknownCommand(String, suggestion: String?, command: [String])
    /// A command that only groups subcommands was given none; `available` lists them.
    case missingCommand(available: [String], command: [String])
    /// An option that takes a value came last, or was followed by another option.
    case missingValue(option: String, valueName: String, command: [String])
    /// A flag was written with a value (`--json=yes`).
    case unexpectedValue(option: String, command: [String])
    /// A short option that takes a value was grouped with other short options (`-nj`).
    case valueOptionInGroup(option: String, group: String, command: [String])
    /// A value outside an option's declared choices.
    case invalidChoice(option: String, value: String, choices: [String], command: [String])
    /// A value that should be an integer is not one.
    case invalidInteger(option: String, value: String, command: [String])
    /// An integer outside the range the command accepts.
    case integerOutOfRange(option: String, value: Int, range: ClosedRange<Int>, command: [String])
    /// A required positional argument was not given.
    case missingArgument(name: String, command: [String])
    /// More positional words than the command's arguments take; `value` is the first extra.
    case unexpectedArgument(String, command: [String])
    /// A check of the command's own rejected the command line: a typed option's conversion
    /// or the command's `validate`. Message and hint are the command's words.
    case invalid(ValidationError, command: [String])

    /// The names from the program down to the command being parsed.
    public var command: [String] {
        switch self {
        case .unknownOption(_, _, let command), .unknownCommand(_, _, let command),
             .missingCommand(_, let command), .missingValue(_, _, let command),
             .unexpectedValue(_, let command), .valueOptionInGroup(_, _, let command),
             .invalidChoice(_, _, _, let command), .invalidInteger(_, _, let command),
             .integerOutOfRange(_, _, _, let command), .missingArgument(_, let command),
             .unexpectedArgument(_, let command), .invalid(_, let command):
            return command
        }
    }

    /// The subcommand names below the program, as in `ParsedArguments.commandPath`.
    public var commandPath: [String] { Array(command.dropFirst()) }

    /// What is wrong, naming the command (`unknown option '--jbos' for 'lakemake build'`); for
    /// `invalid`, the command's own words.
    public var message: String {
        let name = command.joined(separator: " ")
        switch self {
        case .unknownOption(let option, _, _):
            return "unknown option '\(option)' for '\(name)'"
        case .unknownCommand(let word, _, _):
            return "unknown command '\(word)' for '\(name)'"
        case .missingCommand:
            return "'\(name)' needs a command"
        case .missingValue(let option, _, _):
            return "missing value for '\(option)' in '\(name)'"
        case .unexpectedValue(let option, _):
            return "option '\(option)' of '\(name)' takes no value"
        case .valueOptionInGroup(let option, let group, _):
            return "option '\(option)' takes a value and cannot be grouped in '\(group)'"
        case .invalidChoice(let option, let value, _, _),
             .invalidInteger(let option, let value, _):
            return "invalid value '\(value)' for '\(option)' in '\(name)'"
        case .integerOutOfRange(let option, let value, _, _):
            return "invalid value '\(value)' for '\(option)' in '\(name)'"
        case .missingArgument(let argument, _):
            return "missing argument '\(argument)' for '\(name)'"
        case .unexpectedArgument(let word, _):
            return "unexpected argument '\(word)' for '\(name)'"
        case .invalid(let error, _):
            return error.message
        }
    }

    /// What to do instead, when the error itself says it (`did you mean '--jobs'?`).
    public var hint: String? {
        switch self {
        case .unknownOption(_, let suggestion, _), .unknownCommand(_, let suggestion, _):
            return suggestion.map { "did you mean '\($0)'?" }
        case .missingCommand(let available, _):
            return "expected one of: " + available.joined(separator: ", ")
        case .missingValue(let option, let valueName, _):
            guard option.hasPrefix("--") else { return "write '\(option) \(valueName)'" }
            return "write '\(option) \(valueName)' or '\(option)=\(valueName)'"
        case .unexpectedValue(let option, _):
            return "write '\(option)' alone"
        case .valueOptionInGroup(let option, _, _):
            return "give '\(option)' separately, followed by its value"
        case .invalidChoice(_, _, let choices, _):
            return "expected one of: " + choices.joined(separator: ", ")
        case .invalidInteger:
            return "expected a whole number"
        case .integerOutOfRange(_, _, let range, _):
            return "expected a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .missingArgument, .unexpectedArgument:
            return nil
        case .invalid(let error, _):
            return error.hint
        }
    }

    /// The message, then the hint on its own line when there is one.
    public var description: String {
        guard let hint else { return message }
        return message + "\n" + hint
    }
}
