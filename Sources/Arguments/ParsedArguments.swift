/// What a successful parse found: the command chosen and the values of its options and
/// arguments, read as their types with `parsed[option]` for options and arguments declared
/// as `Option` and `Argument` (Option.swift), or as text by name with the methods here.
///
/// Every option declared on the command path can be read here, including options of
/// enclosing commands. A value option's value comes from the command line, else from its
/// environment variable, else from its declared default. Reading a name that the specs do not
/// declare is a programming error and stops the program.
public struct ParsedArguments: Sendable, Equatable {
    /// The values of one value option and where they came from, for error messages.
    struct OptionValue: Sendable, Equatable {
        /// The values in the order given; one for a value option, any number if repeated.
        var values: [String]
        /// The name to show in errors: `--jobs`, or the environment variable's name.
        var source: String
    }

    /// The subcommand names chosen below the program, e.g. `["parquet", "schema"]`; empty
    /// when the root command itself was chosen.
    public let commandPath: [String]
    /// The program name followed by `commandPath`, for error messages.
    let command: [String]
    /// Long names of flags that were given.
    let givenFlags: Set<String>
    /// Values of value options that have one, by long name.
    let optionValues: [String: OptionValue]
    /// Long names of every option declared on the command path.
    let declaredOptions: Set<String>
    /// Words given to each positional argument, by argument name.
    let argumentValues: [String: [String]]

    init(command: [String], givenFlags: Set<String>, optionValues: [String: OptionValue],
         declaredOptions: Set<String>, argumentValues: [String: [String]]) {
        self.command = command
        self.commandPath = Array(command.dropFirst())
        self.givenFlags = givenFlags
        self.optionValues = optionValues
        self.declaredOptions = declaredOptions
        self.argumentValues = argumentValues
    }

    /// Whether the flag `--long` was given.
    public func flag(_ long: String) -> Bool {
        checkDeclared(long)
        return givenFlags.contains(long)
    }

    /// The value of `--long` (the last one if given several times), or nil when it has none.
    public func value(_ long: String) -> String? {
        checkDeclared(long)
        return optionValues[long]?.values.last
    }

    /// Every value of a repeated option, in the order given.
    public func values(_ long: String) -> [String] {
        checkDeclared(long)
        return optionValues[long]?.values ?? []
    }

    /// The value of `--long` as an integer, or nil when it has none. Throws when the value
    /// is not a whole number, or lies outside `range` when one is given.
    public func int(_ long: String, in range: ClosedRange<Int>? = nil) throws(UsageError) -> Int? {
        checkDeclared(long)
        guard let option = optionValues[long], let text = option.values.last else { return nil }
        guard let number = Int(text) else {
            throw .invalidInteger(option: option.source, value: text, command: command)
        }
        if let range, !range.contains(number) {
            throw .integerOutOfRange(option: option.source, value: number, range: range,
                                     command: command)
        }
        return number
    }

    /// The word given for the positional argument `name`, or nil when it was not given. For a
    /// variadic argument, the first word.
    public func argument(_ name: String) -> String? {
        checkDeclaredArgument(name)
        return argumentValues[name]?.first
    }

    /// Every word given for the positional argument `name`, in order.
    public func arguments(_ name: String) -> [String] {
        checkDeclaredArgument(name)
        return argumentValues[name] ?? []
    }

    private func checkDeclared(_ long: String) {
        precondition(declaredOptions.contains(long),
                     "option '--\(long)' is not declared for '\(command.joined(separator: " "))'")
    }

    private func checkDeclaredArgument(_ name: String) {
        precondition(argumentValues[name] != nil,
                     "argument '\(name)' is not declared for '\(command.joined(separator: " "))'")
    }
}

/// The two ways a parse can succeed: a command to run, or a request for help.
public enum ParseOutcome: Sendable, Equatable {
    /// Run the chosen command with these values.
    case run(ParsedArguments)
    /// `--help` or `-h` was given: show help for the command at this path (subcommand names
    /// below the program, as in `ParsedArguments.commandPath`).
    case help(commandPath: [String])
}
