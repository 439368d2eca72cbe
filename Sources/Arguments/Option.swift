// Typed options: one declaration gives the parser and `--help` their `OptionSpec` and gives
// the command its value as a Swift type, read with `parsed[option]` instead of by name:
//
//     static let jobs: Option<Int?> = .integer("jobs", short: "j", valueName: "N", in: 1...256,
//                                              help: "Run up to N targets at once.")
//     CommandSpec(name: "build", …, options: [jobs.spec, …])
//     let jobs = parsed[BuildCommand.jobs] ?? cores
//
// A value that needs converting (a whole number, or anything a `convert` closure accepts) is
// converted once by the parser, which reports a value that does not convert as a
// `UsageError` before the command runs; reading it later converts it again and cannot fail.

/// An option declared together with the type its value is read as.
public struct Option<Value>: Sendable {
    /// The declaration the parser and the help renderer read; list it in the command's
    /// `CommandSpec.options`.
    public let spec: OptionSpec
    private let read: @Sendable (ParsedArguments) -> Value

    private init(spec: OptionSpec, read: @escaping @Sendable (ParsedArguments) -> Value) {
        self.spec = spec
        self.read = read
    }

    fileprivate func value(in parsed: ParsedArguments) -> Value { read(parsed) }

    /// A value the parse has converted once already, so converting it again cannot fail.
    private static func reconverted<Converted>(_ value: Converted?, of long: String) -> Converted {
        guard let value else { preconditionFailure("the value of '--\(long)' was not checked when it was parsed") }
        return value
    }
}

extension Option where Value == Bool {
    /// A flag: true when given.
    public static func flag(_ long: String, short: Character? = nil, help: String) -> Option<Bool> {
        Option(spec: .flag(long, short: short, help: help)) { $0.flag(long) }
    }
}

extension Option where Value == String? {
    /// A value taken as given; nil when absent (and its environment variable unset).
    public static func value(
        _ long: String, short: Character? = nil, valueName: String, choices: [String] = [],
        environmentVariable: String? = nil, help: String
    ) -> Option<String?> {
        Option(spec: .value(long, short: short, valueName: valueName, choices: choices,
                            environmentVariable: environmentVariable, help: help)) { $0.value(long) }
    }
}

extension Option where Value == String {
    /// A value taken as given, `defaultValue` when absent.
    public static func value(
        _ long: String, short: Character? = nil, valueName: String, choices: [String] = [],
        defaultValue: String, environmentVariable: String? = nil, help: String
    ) -> Option<String> {
        Option(spec: .value(long, short: short, valueName: valueName, choices: choices, defaultValue: defaultValue,
                            environmentVariable: environmentVariable, help: help)) { $0.value(long) ?? defaultValue }
    }
}

extension Option where Value == [String] {
    /// A value that may be given many times; every value, in the order given.
    public static func repeated(
        _ long: String, short: Character? = nil, valueName: String, choices: [String] = [],
        environmentVariable: String? = nil, help: String
    ) -> Option<[String]> {
        Option(spec: .repeated(long, short: short, valueName: valueName, choices: choices,
                               environmentVariable: environmentVariable, help: help)) { $0.values(long) }
    }
}

extension Option where Value == Int? {
    /// A whole number within `range`; nil when absent.
    public static func integer(
        _ long: String, short: Character? = nil, valueName: String, in range: ClosedRange<Int>,
        environmentVariable: String? = nil, help: String
    ) -> Option<Int?> {
        var spec = OptionSpec.value(long, short: short, valueName: valueName,
                                    environmentVariable: environmentVariable, help: help)
        spec.valueCheck = .integer(in: range)
        return Option(spec: spec) { parsed in parsed.value(long).map { reconverted(Int($0), of: long) } }
    }
}

extension Option where Value == Int {
    /// A whole number within `range`, `defaultValue` when absent.
    public static func integer(
        _ long: String, short: Character? = nil, valueName: String, defaultValue: Int, in range: ClosedRange<Int>,
        environmentVariable: String? = nil, help: String
    ) -> Option<Int> {
        var spec = OptionSpec.value(long, short: short, valueName: valueName, defaultValue: String(defaultValue),
                                    environmentVariable: environmentVariable, help: help)
        spec.valueCheck = .integer(in: range)
        return Option(spec: spec) { parsed in parsed.value(long).map { reconverted(Int($0), of: long) } ?? defaultValue }
    }
}

extension Option {
    /// A value `convert` turns into a `Converted`, or rejects with a `ValidationError` in the
    /// command's own words; nil when absent.
    public static func value<Converted>(
        _ long: String, short: Character? = nil, valueName: String,
        environmentVariable: String? = nil, help: String,
        as convert: @escaping @Sendable (String) throws(ValidationError) -> Converted
    ) -> Option<Converted?> where Value == Converted? {
        var spec = OptionSpec.value(long, short: short, valueName: valueName,
                                    environmentVariable: environmentVariable, help: help)
        spec.valueCheck = .converting(convert)
        return Option<Converted?>(spec: spec) { parsed in
            parsed.value(long).map { reconverted(try? convert($0), of: long) }
        }
    }

    /// A value `convert` turns into a `Value`, or rejects with a `ValidationError` in the
    /// command's own words; `defaultValue`, converted, when absent.
    public static func value(
        _ long: String, short: Character? = nil, valueName: String, defaultValue: String,
        environmentVariable: String? = nil, help: String,
        as convert: @escaping @Sendable (String) throws(ValidationError) -> Value
    ) -> Option<Value> {
        var spec = OptionSpec.value(long, short: short, valueName: valueName, defaultValue: defaultValue,
                                    environmentVariable: environmentVariable, help: help)
        spec.valueCheck = .converting(convert)
        return Option(spec: spec) { parsed in
            reconverted(try? convert(parsed.value(long) ?? defaultValue), of: long)
        }
    }
}

extension ParsedArguments {
    /// The value of `option`, converted to its type. The option must be declared on the
    /// parsed command's path (as `option.spec`); anything else is a programming error.
    public subscript<Value>(option: Option<Value>) -> Value {
        option.value(in: self)
    }
}
