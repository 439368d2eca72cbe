// A command line is described once, as values: the parser reads these specs to accept
// arguments, and the help renderer reads the same specs to explain them. Nothing else
// describes an option, so `--help` cannot drift from what the parser accepts.
//
// parse → validate → run (swift-argument-parser's order): the parser checks the words against
// the specs, converts the values of typed `Option`s, then calls `validate` of each command on
// the path for what no single value shows (two options that contradict each other). Only a
// command line that passes all three reaches the command, so a command's `run` reads its
// typed values and never has a usage error to report.

/// One command of a command-line tool: its name, what it does, the options and positional
/// arguments it accepts, and its subcommands.
///
/// The root spec names the program itself (`lakemake`, `git`); each level of `subcommands`
/// adds one word to the command path (`parquet schema`). Options of an enclosing command are
/// also accepted after its subcommands (global options), so option long names should be
/// unique along any path from the root.
public struct CommandSpec: Sendable {
    /// One usage example shown at the end of `--help`.
    public struct Example: Sendable, Equatable {
        /// The full invocation, starting with the program name.
        public var invocation: String
        /// What the invocation does; may be empty.
        public var explanation: String

        public init(_ invocation: String, _ explanation: String = "") {
            self.invocation = invocation
            self.explanation = explanation
        }
    }

    /// The word that selects this command (for the root: the program name).
    public var name: String
    /// A one-line summary, shown in the parent's command list and at the top of `--help`.
    public var abstract: String
    /// Longer text shown in `--help` after the usage line; paragraphs are separated by a
    /// blank line, and a paragraph whose first line is indented is printed as written.
    public var discussion: String
    /// Options of this command; they are also accepted after any of its subcommands.
    public var options: [OptionSpec]
    /// Positional arguments, in the order they are given.
    public var arguments: [ArgumentSpec]
    /// Subcommands, in the order `--help` lists them.
    public var subcommands: [CommandSpec]
    /// Examples shown at the end of `--help`.
    public var examples: [Example]
    /// Checks what the options and arguments cannot show one by one, after every value has
    /// been converted; a `ValidationError` it throws becomes `UsageError.invalid` for the
    /// command parsed. Runs for every command on the path, outermost first.
    public var validate: (@Sendable (ParsedArguments) throws(ValidationError) -> Void)?

    public init(
        name: String,
        abstract: String,
        discussion: String = "",
        options: [OptionSpec] = [],
        arguments: [ArgumentSpec] = [],
        subcommands: [CommandSpec] = [],
        examples: [Example] = [],
        validate: (@Sendable (ParsedArguments) throws(ValidationError) -> Void)? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.arguments = arguments
        self.subcommands = subcommands
        self.examples = examples
        self.validate = validate
    }

    /// The subcommand called `name`, if this command has one.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    /// The chain of specs from this command down along `path` (subcommand names below this
    /// command). The chain stops at the first name that is not a subcommand, so it always
    /// starts with `self`.
    public func chain(along path: [String]) -> [CommandSpec] {
        var chain = [self]
        for name in path {
            guard let next = chain[chain.count - 1].subcommand(named: name) else { break }
            chain.append(next)
        }
        return chain
    }
}
