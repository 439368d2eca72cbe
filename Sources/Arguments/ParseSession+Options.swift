/// Reading `--long[=value]` and `-abc` words.
extension ParseSession {
    /// The option with this long name, looking from the current command outwards.
    func option(long: String) -> OptionSpec? {
        for command in chain.reversed() {
            if let option = command.options.first(where: { $0.long == long }) { return option }
        }
        return nil
    }

    /// The option with this short letter, looking from the current command outwards.
    func option(short: Character) -> OptionSpec? {
        for command in chain.reversed() {
            if let option = command.options.first(where: { $0.short == short }) { return option }
        }
        return nil
    }

    /// Long names accepted here, innermost command first, then `help`.
    var longNamesInScope: [String] {
        chain.reversed().flatMap { $0.options.map(\.long) } + ["help"]
    }

    mutating func consumeLongOption(_ word: String) throws(UsageError) {
        let body = word.dropFirst(2)
        let name: String
        let inlineValue: String?
        if let equals = body.firstIndex(of: "=") {
            name = String(body[..<equals])
            inlineValue = String(body[body.index(after: equals)...])
        } else {
            name = String(body)
            inlineValue = nil
        }
        let written = "--" + name
        guard let option = option(long: name) else {
            let suggestion = SpellingSuggestion.closest(to: name, among: longNamesInScope)
            throw .unknownOption(written, suggestion: suggestion.map { "--" + $0 }, command: commandNames)
        }
        guard option.takesValue else {
            if inlineValue != nil { throw .unexpectedValue(option: written, command: commandNames) }
            givenFlags.insert(option.long)
            return
        }
        if let inlineValue {
            try record(inlineValue, for: option, writtenAs: written)
        } else {
            try record(takeSeparateValue(for: option, writtenAs: written), for: option, writtenAs: written)
        }
    }

    /// Handles `-n`, `-nv` and `-j4`; returns true when the group asks for help (`-h`).
    mutating func consumeShortOptions(_ word: String) throws(UsageError) -> Bool {
        let letters = Array(word.dropFirst())
        for (position, letter) in letters.enumerated() {
            if letter == "h" { return true }
            let written = "-" + String(letter)
            guard let option = option(short: letter) else {
                // `-json` is most likely `--json` with a dash missing.
                let whole = String(letters)
                let suggestion = letters.count > 1 && option(long: whole) != nil ? "--" + whole : nil
                throw .unknownOption(written, suggestion: suggestion, command: commandNames)
            }
            guard option.takesValue else {
                givenFlags.insert(option.long)
                continue
            }
            guard position == 0 else {
                throw .valueOptionInGroup(option: written, group: word, command: commandNames)
            }
            let attached = String(letters.dropFirst())
            let value = try attached.isEmpty ? takeSeparateValue(for: option, writtenAs: written) : attached
            try record(value, for: option, writtenAs: written)
            return false
        }
        return false
    }

    /// Reads the word after an option as its value, unless there is none or it is an option.
    private mutating func takeSeparateValue(for option: OptionSpec, writtenAs written: String)
        throws(UsageError) -> String
    {
        let valueName = option.valueName ?? "VALUE"
        guard next < words.count else {
            throw .missingValue(option: written, valueName: valueName, command: commandNames)
        }
        let word = words[next]
        guard !word.hasPrefix("--"), !Self.isShortOptionWord(word) else {
            throw .missingValue(option: written, valueName: valueName, command: commandNames)
        }
        next += 1
        return word
    }

    /// Stores a value given on the command line after checking it against the choices.
    private mutating func record(_ value: String, for option: OptionSpec, writtenAs written: String)
        throws(UsageError)
    {
        if !option.choices.isEmpty, !option.choices.contains(value) {
            throw .invalidChoice(option: written, value: value, choices: option.choices,
                                 command: commandNames)
        }
        if case .repeatedValue = option.kind {
            givenValues[option.long, default: []].append(value)
        } else {
            givenValues[option.long] = [value]
        }
        writtenNames[option.long] = written
    }
}
