/// One positional argument of a command (`PATH` in `lakemake lineage PATH`).
public struct ArgumentSpec: Sendable, Equatable {
    /// How many words the argument takes.
    public enum Arity: Sendable, Equatable {
        /// Exactly one word, which must be given.
        case required
        /// Zero or one word.
        case optional
        /// Any number of words, including none (`[PREFIX...]`); only the last argument.
        case variadic
        /// At least one word (`FILE...`); only the last argument.
        case oneOrMore
    }

    /// The name shown in usage and help (`PATH`); also the key for reading the parsed value.
    public var name: String
    /// One or two sentences for `--help`.
    public var help: String
    /// How many words the argument takes.
    public var arity: Arity

    public init(_ name: String, arity: Arity = .required, help: String) {
        self.name = name
        self.arity = arity
        self.help = help
    }

    /// The least number of words this argument needs.
    var minimumCount: Int {
        switch arity {
        case .required, .oneOrMore: return 1
        case .optional, .variadic: return 0
        }
    }

    /// The most words this argument takes, or nil for no limit.
    var maximumCount: Int? {
        switch arity {
        case .required, .optional: return 1
        case .variadic, .oneOrMore: return nil
        }
    }
}
