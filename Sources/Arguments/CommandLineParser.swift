// Parsing rules, in the order a word is looked at:
//
// - After `--`, every word is a positional argument.
// - `--help` and `-h` anywhere before `--` ask for help on the command chosen so far. When a
//   word is wrong but `--help` comes later, help wins: someone typing `--help` wants help.
// - `--long`, `--long=value` and `--long value` name an option of the current command or of
//   any enclosing command (global options), so `prog --lake D build` and `prog build --lake D`
//   mean the same.
// - `-j 4` and `-j4` give a short option its value; `-nv` groups short flags. A group may not
//   contain an option that takes a value, except as its first letter (`-j4`).
// - A separate value may not look like an option (`--jobs --json` is a missing value); write
//   `--jobs=--json` to mean it. Negative numbers (`-3`) and `-` are values, not options.
// - The first positional word of a command with subcommands selects the subcommand; if the
//   command declares no positional arguments, any other word is an unknown command.
//
// Nothing here prints or exits: the caller gets a `ParseOutcome` or a `UsageError` and
// decides what to show and which status to exit with.

import Foundation

/// Parses a command line against a tree of `CommandSpec`s.
public struct CommandLineParser: Sendable {
    /// The spec of the program itself; its name is the program name.
    public let root: CommandSpec

    public init(root: CommandSpec) {
        self.root = root
    }

    /// Parses `words`, the command line without the program name (for a real process:
    /// `Array(CommandLine.arguments.dropFirst())`).
    ///
    /// `environment` supplies fallbacks for options that declare an environment variable; an
    /// empty variable counts as unset. Returns the chosen command and its values, or a help
    /// request; throws a `UsageError` for anything the specs do not accept.
    public func parse(
        _ words: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(UsageError) -> ParseOutcome {
        var session = ParseSession(root: root, words: words)
        return try session.run(environment: environment)
    }
}
