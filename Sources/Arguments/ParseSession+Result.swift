/// Checking what was collected and turning it into `ParsedArguments`: the words against the
/// specs, each value against its option's check, then each command's `validate`.
extension ParseSession {
    func result(environment: [String: String]) throws(UsageError) -> ParsedArguments {
        if !current.subcommands.isEmpty, current.arguments.isEmpty {
            throw .missingCommand(available: current.subcommands.map(\.name), command: commandNames)
        }
        let argumentValues = try assignPositionals()
        var declared = Set<String>()
        var values: [String: ParsedArguments.OptionValue] = [:]
        // Outer commands first, so an inner option shadows an outer one of the same name.
        for command in chain {
            for option in command.options {
                declared.insert(option.long)
                if let value = try resolve(option, environment: environment) {
                    if let check = option.valueCheck {
                        for text in value.values { try check.check(text, value.source, commandNames) }
                    }
                    values[option.long] = value
                }
            }
        }
        let parsed = ParsedArguments(command: commandNames, givenFlags: givenFlags, optionValues: values,
                                     declaredOptions: declared, argumentValues: argumentValues)
        for command in chain {
            guard let validate = command.validate else { continue }
            do {
                try validate(parsed)
            } catch {
                throw .invalid(error, command: commandNames)
            }
        }
        return parsed
    }

    /// The value of a value option: command line, else environment, else default.
    private func resolve(_ option: OptionSpec, environment: [String: String])
        throws(UsageError) -> ParsedArguments.OptionValue?
    {
        guard option.takesValue else { return nil }
        if let given = givenValues[option.long] {
            return .init(values: given, source: writtenNames[option.long] ?? "--" + option.long)
        }
        if let variable = option.environmentVariable, let text = environment[variable], !text.isEmpty {
            if !option.choices.isEmpty, !option.choices.contains(text) {
                throw .invalidChoice(option: variable, value: text, choices: option.choices,
                                     command: commandNames)
            }
            return .init(values: [text], source: variable)
        }
        if let defaultValue = option.defaultValue {
            return .init(values: [defaultValue], source: "--" + option.long)
        }
        return nil
    }

    /// Hands the positional words to the declared arguments in order. With too few words,
    /// the first argument that gets none is missing; otherwise each argument takes as many
    /// words as it can while leaving enough for the required arguments after it.
    private func assignPositionals() throws(UsageError) -> [String: [String]] {
        let arguments = current.arguments
        var needed = 0
        for argument in arguments {
            needed += argument.minimumCount
            if needed > positionals.count {
                throw .missingArgument(name: argument.name, command: commandNames)
            }
        }
        var remaining = positionals[...]
        var assigned: [String: [String]] = [:]
        for (position, argument) in arguments.enumerated() {
            let neededLater = arguments[(position + 1)...].reduce(0) { $0 + $1.minimumCount }
            let available = max(0, remaining.count - neededLater)
            let taken = min(argument.maximumCount ?? available, available)
            guard taken >= argument.minimumCount else {
                throw .missingArgument(name: argument.name, command: commandNames)
            }
            assigned[argument.name] = Array(remaining.prefix(taken))
            remaining = remaining.dropFirst(taken)
        }
        if let extra = remaining.first {
            throw .unexpectedArgument(extra, command: commandNames)
        }
        return assigned
    }
}
