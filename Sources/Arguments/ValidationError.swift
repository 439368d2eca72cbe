/// What a command's own check found wrong with its command line, in the command's words:
/// thrown by the conversion of a typed `Option` or by a `CommandSpec`'s `validate`, and
/// reported by the parser as `UsageError.invalid` (swift-argument-parser's `ValidationError`).
public struct ValidationError: Error, Sendable, Equatable {
    /// What is wrong, as the user reads it (`--quiet-period must be a number of seconds above 0`).
    public var message: String
    /// What to do instead, when that can be said.
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
