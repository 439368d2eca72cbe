// Typed positional arguments, declared as `Option`s are: the `ArgumentSpec` for the parser
// and `--help`, and the words as a Swift type, read with `parsed[argument]`.

/// A positional argument declared together with the type its words are read as: `String`
/// for a required argument, `String?` for an optional one, `[String]` for a variadic one.
public struct Argument<Value>: Sendable {
    /// The declaration the parser and the help renderer read; list it in the command's
    /// `CommandSpec.arguments`.
    public let spec: ArgumentSpec
    private let read: @Sendable (ParsedArguments) -> Value

    private init(spec: ArgumentSpec, read: @escaping @Sendable (ParsedArguments) -> Value) {
        self.spec = spec
        self.read = read
    }

    fileprivate func value(in parsed: ParsedArguments) -> Value { read(parsed) }
}

extension Argument where Value == String {
    /// Exactly one word, which must be given.
    public static func required(_ name: String, help: String) -> Argument<String> {
        Argument(spec: ArgumentSpec(name, arity: .required, help: help)) { parsed in
            guard let word = parsed.argument(name) else { preconditionFailure("required argument '\(name)' was not parsed") }
            return word
        }
    }
}

extension Argument where Value == String? {
    /// Zero or one word.
    public static func optional(_ name: String, help: String) -> Argument<String?> {
        Argument(spec: ArgumentSpec(name, arity: .optional, help: help)) { $0.argument(name) }
    }
}

extension Argument where Value == [String] {
    /// Any number of words, including none; only the last argument.
    public static func variadic(_ name: String, help: String) -> Argument<[String]> {
        Argument(spec: ArgumentSpec(name, arity: .variadic, help: help)) { $0.arguments(name) }
    }

    /// At least one word; only the last argument.
    public static func oneOrMore(_ name: String, help: String) -> Argument<[String]> {
        Argument(spec: ArgumentSpec(name, arity: .oneOrMore, help: help)) { $0.arguments(name) }
    }
}

extension ParsedArguments {
    /// The words given for `argument`, as its type. The argument must be declared by the
    /// parsed command (as `argument.spec`); anything else is a programming error.
    public subscript<Value>(argument: Argument<Value>) -> Value {
        argument.value(in: self)
    }
}
