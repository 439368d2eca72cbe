/// One named option of a command (`--jobs N`, `-n`, `--format tree`).
///
/// Build options with the factory functions `flag`, `value` and `repeated`: a flag takes no
/// value, so it has no choices, default or environment fallback. An `Option` declares one
/// together with the type of its value, and its spec then also carries the check the parser
/// applies to that value.
public struct OptionSpec: Sendable {
    /// Whether the option takes a value, and how many times.
    public enum Kind: Sendable, Equatable {
        /// Present or absent (`--json`).
        case flag
        /// Takes one value (`--jobs N`); given twice, the last one wins.
        case value(valueName: String)
        /// Takes one value each time and may be given many times (`--prefix P --prefix Q`).
        case repeatedValue(valueName: String)
    }

    /// The long name without dashes (`jobs` for `--jobs`); also the key for reading the
    /// parsed value.
    public var long: String
    /// The optional one-letter name (`j` for `-j`). `h` is reserved for help.
    public var short: Character?
    /// Whether and how the option takes a value.
    public var kind: Kind
    /// The accepted values, for enum-like options; empty means any value. Checked by the
    /// parser and listed in help.
    public var choices: [String]
    /// The value used when the option is absent from the command line and its environment
    /// variable is unset; shown in help.
    public var defaultValue: String?
    /// An environment variable read when the option is absent from the command line.
    public var environmentVariable: String?
    /// One or two sentences for `--help`.
    public var help: String
    /// The check the parser applies to every value before the command runs, for options
    /// declared through `Option`; nil accepts any text (within `choices`).
    var valueCheck: ValueCheck?

    /// An option that is either present or absent.
    public static func flag(_ long: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, choices: [], defaultValue: nil,
                   environmentVariable: nil, help: help)
    }

    /// An option that takes one value, written `--long VALUE`, `--long=VALUE`, `-s VALUE`
    /// or `-sVALUE`.
    public static func value(
        _ long: String, short: Character? = nil, valueName: String, choices: [String] = [],
        defaultValue: String? = nil, environmentVariable: String? = nil, help: String
    ) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .value(valueName: valueName), choices: choices,
                   defaultValue: defaultValue, environmentVariable: environmentVariable, help: help)
    }

    /// An option that takes one value each time it is given and may be given many times.
    public static func repeated(
        _ long: String, short: Character? = nil, valueName: String, choices: [String] = [],
        environmentVariable: String? = nil, help: String
    ) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .repeatedValue(valueName: valueName),
                   choices: choices, defaultValue: nil, environmentVariable: environmentVariable,
                   help: help)
    }

    /// The name the option takes its value under (`N` in `--jobs N`), or nil for a flag.
    public var valueName: String? {
        switch kind {
        case .flag: return nil
        case .value(let name), .repeatedValue(let name): return name
        }
    }

    /// Whether the option takes a value.
    public var takesValue: Bool { valueName != nil }
}
