/// The state of one parse: the words left, the command chosen so far, and what has been
/// collected. Lives only inside `CommandLineParser.parse`.
struct ParseSession {
    let words: [String]
    /// Index of the next word to read.
    var next = 0
    /// The specs from the root down to the command chosen so far.
    var chain: [CommandSpec]
    /// Long names of the flags given.
    var givenFlags = Set<String>()
    /// Values given on the command line, by long name.
    var givenValues: [String: [String]] = [:]
    /// How each value option was last written (`-j` or `--jobs`), by long name, for errors.
    var writtenNames: [String: String] = [:]
    /// Positional words, in order.
    var positionals: [String] = []
    /// Whether `--` has been seen.
    var optionsEnded = false

    init(root: CommandSpec, words: [String]) {
        self.words = words
        self.chain = [root]
    }

    var current: CommandSpec { chain[chain.count - 1] }

    /// The names from the program down to the current command, for errors.
    var commandNames: [String] { chain.map(\.name) }

    /// The subcommand names chosen below the program.
    var commandPath: [String] { Array(commandNames.dropFirst()) }

    /// Reads every word, then checks and assembles the result.
    mutating func run(environment: [String: String]) throws(UsageError) -> ParseOutcome {
        while next < words.count {
            let word = words[next]
            next += 1
            let wantsHelp: Bool
            do {
                wantsHelp = try consume(word)
            } catch {
                if helpIsRequestedLater() { return .help(commandPath: commandPath) }
                throw error
            }
            if wantsHelp { return .help(commandPath: commandPath) }
        }
        return .run(try result(environment: environment))
    }

    /// Handles one word; returns true when it asks for help.
    private mutating func consume(_ word: String) throws(UsageError) -> Bool {
        if optionsEnded {
            try appendPositional(word)
            return false
        }
        if word == "--" {
            optionsEnded = true
            return false
        }
        if word == "--help" || word == "-h" { return true }
        if word.hasPrefix("--") {
            try consumeLongOption(word)
            return false
        }
        if Self.isShortOptionWord(word) { return try consumeShortOptions(word) }
        if positionals.isEmpty, let subcommand = current.subcommand(named: word) {
            chain.append(subcommand)
            return false
        }
        if positionals.isEmpty, !current.subcommands.isEmpty, current.arguments.isEmpty {
            let names = current.subcommands.map(\.name)
            throw .unknownCommand(word, suggestion: SpellingSuggestion.closest(to: word, among: names),
                                  command: commandNames)
        }
        try appendPositional(word)
        return false
    }

    /// Adds a positional word, failing as soon as the command cannot take another one.
    private mutating func appendPositional(_ word: String) throws(UsageError) {
        var capacity = 0
        for argument in current.arguments {
            guard let maximum = argument.maximumCount else {
                positionals.append(word)
                return
            }
            capacity += maximum
        }
        guard positionals.count < capacity else {
            throw .unexpectedArgument(word, command: commandNames)
        }
        positionals.append(word)
    }

    /// Whether `--help` or `-h` appears among the unread words before any `--`.
    private func helpIsRequestedLater() -> Bool {
        guard !optionsEnded else { return false }
        for word in words[next...] {
            if word == "--" { return false }
            if word == "--help" || word == "-h" { return true }
        }
        return false
    }

    /// Whether `word` is one or more short options (`-n`, `-nv`, `-j4`) rather than a value:
    /// `-` alone and negative numbers (`-3`, `-0.5`) are values.
    static func isShortOptionWord(_ word: String) -> Bool {
        guard word.count > 1, word.hasPrefix("-"), !word.hasPrefix("--") else { return false }
        let body = word.dropFirst()
        let looksNumeric = body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && body.first?.isNumber == true
        return !looksNumeric
    }
}
