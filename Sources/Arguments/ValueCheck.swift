// An option made by one of `Option`'s typed factories carries the check its value must pass;
// the parser applies it to every value (from the command line, the environment or the
// default) before the command runs, so reading the typed value afterwards cannot fail.

/// How the parser checks one value of an option before the command runs.
struct ValueCheck: Sendable {
    /// Throws for a value that does not convert; `source` is the name to show (`-j`, `--jobs`
    /// or an environment variable), `command` the names down to the command parsed.
    let check: @Sendable (_ value: String, _ source: String, _ command: [String]) throws(UsageError) -> Void

    /// A whole number within `range` (or any whole number when `range` is nil).
    static func integer(in range: ClosedRange<Int>?) -> ValueCheck {
        ValueCheck { value, source, command throws(UsageError) in
            guard let number = Int(value) else {
                throw .invalidInteger(option: source, value: value, command: command)
            }
            if let range, !range.contains(number) {
                throw .integerOutOfRange(option: source, value: number, range: range, command: command)
            }
        }
    }

    /// Whatever `convert` accepts; its `ValidationError` becomes `UsageError.invalid`.
    static func converting<Converted>(_ convert: @escaping @Sendable (String) throws(ValidationError) -> Converted) -> ValueCheck {
        ValueCheck { value, _, command throws(UsageError) in
            do throws(ValidationError) {
                _ = try convert(value)
            } catch {
                throw .invalid(error, command: command)
            }
        }
    }
}
