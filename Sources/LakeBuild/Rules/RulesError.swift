// Every way a rules folder can be wrong, as values. Each case carries the position the
// problem was found at (computed by the parser when it reports the error) and, where a rule
// is involved, its name, so the CLI can print `file:line:column: error: …` with a caret and
// tests can match on cases. Wording lives in `RulesError+Message.swift`, layout in
// `RulesError+Rendering.swift`.

/// An error in the rules files: nothing is built when one is reported.
public enum RulesError: Error, Sendable, Equatable {
    /// A line starts with a word other than `rule`, `in`, `out` or `run`.
    case unknownDirective(String, at: SourceLocation, suggestion: String?)
    /// An `in`, `out` or `run` line before the first `rule` line of a file.
    case directiveOutsideRule(String, at: SourceLocation)
    /// `rule` without a name, with a name outside `[A-Za-z_][A-Za-z0-9_.-]*`, or with extra words.
    case badRuleName(String, at: SourceLocation)
    /// A rule name used twice (across all files); `previous` is the first use.
    case duplicateRule(String, at: SourceLocation, previous: SourceLocation)
    /// A rule without an `in` line; `at` is its `rule` line.
    case missingIn(rule: String, at: SourceLocation)
    /// A rule without an `out` line; `at` is its `rule` line.
    case missingOut(rule: String, at: SourceLocation)
    /// A rule without a `run` line; `at` is its `rule` line.
    case missingRun(rule: String, at: SourceLocation)
    /// A second `run` line in one rule; `previous` is the first.
    case duplicateRun(rule: String, at: SourceLocation, previous: SourceLocation)
    /// `run` with nothing after it, or `run sh` without a command.
    case missingCommand(rule: String, at: SourceLocation, shell: Bool)
    /// `run ACTION` naming no built-in action; `suggestion` is the closest known name.
    case unknownAction(String, rule: String, at: SourceLocation, suggestion: String?)
    /// A malformed `key=value` of a `run` line.
    case badParameter(String, problem: ParameterProblem, rule: String, at: SourceLocation)
    /// A double-quoted value with no closing quote; `at` is the opening quote.
    case unterminatedQuote(rule: String, at: SourceLocation)
    /// A path pattern that cannot be read (`{` never closed, a space, an empty wildcard name …).
    case badPattern(String, problem: PatternProblem, rule: String, at: SourceLocation)
    /// `{name:REGEX}` whose regular expression does not compile; `at` is the regex.
    case badRegex(String, rule: String, at: SourceLocation)
    /// A malformed date window, or one over a wildcard that is not a declared date.
    case badWindow(String, problem: WindowProblem, rule: String, at: SourceLocation)
    /// A wildcard in a later `in` line that the first `in` line does not bind.
    case undeclaredWildcard(String, rule: String, at: SourceLocation)
    /// A wildcard in an `out` line that the first `in` line does not bind.
    case unboundOutputWildcard(String, rule: String, at: SourceLocation)
    /// A wildcard given a second, different type; `declared` is where its type was fixed.
    case conflictingWildcardType(String, rule: String, at: SourceLocation, declared: SourceLocation)
    /// `*` in an `out` line: an output is one file.
    case starInOutput(rule: String, at: SourceLocation)
    /// A date window in an `out` line: an output is one file.
    case windowInOutput(rule: String, at: SourceLocation)
    /// An `out` pattern that is absolute or has an empty, `.` or `..` segment.
    case outputOutsideLake(String, problem: PathProblem, rule: String, at: SourceLocation)
    /// An `in` pattern that is absolute or has an empty, `.` or `..` segment.
    case inputOutsideLake(String, problem: PathProblem, rule: String, at: SourceLocation)
    /// An `out` pattern inside a folder that builds never write (`raw/`, `reference/`, …).
    case outputInRaw(String, folder: String, rule: String, at: SourceLocation)
    /// A `uses` path that would leave the project folder (the folder of lake/ and rules/).
    case usesOutsideProject(String, problem: PathProblem, rule: String, at: SourceLocation)
    /// Two rules whose `out` patterns can name the same path.
    case duplicateOutput(rule: String, at: SourceLocation, otherRule: String, otherAt: SourceLocation)
    /// Rules that feed each other in a loop, in order (the first repeated at the end is implied);
    /// `at` is the first rule's `rule` line.
    case cycle(rules: [String], at: SourceLocation)
    /// The rules folder is missing or holds no rules.
    case noRulesFound(directory: String)
    /// A rules file (or the folder) could not be read.
    case unreadableFile(path: String, reason: String)

    /// What is wrong with a `key=value` parameter.
    public enum ParameterProblem: Sendable, Equatable {
        case missingEquals
        case badKey
        case duplicateKey
        case unknownEscape(Character)
        case textAfterQuote
    }

    /// What is wrong with a path pattern's text.
    public enum PatternProblem: Sendable, Equatable {
        case empty
        case whitespace
        case unclosedBrace
        case unmatchedClosingBrace
        case badWildcardName
        case emptyRegex
        case reservedName
        case doubleStar
    }

    /// What is wrong with a `{date-7d..date}` window.
    public enum WindowProblem: Sendable, Equatable {
        /// Not `NAME[±Nd]..NAME[±Nd]`.
        case malformed
        /// The two ends name different wildcards.
        case mismatchedNames
        /// The start lies after the end.
        case startAfterEnd
        /// The wildcard is not declared earlier in the rule.
        case undeclared(String)
        /// The wildcard is declared, but not as `{name:date}`.
        case notADate(String)
    }

    /// Why a pattern would leave the lake.
    public enum PathProblem: Sendable, Equatable {
        case absolute
        case emptySegment
        case dotSegment(String)
    }

    /// Where the error points, when it points into a rules file.
    public var location: SourceLocation? {
        switch self {
        case .unknownDirective(_, let at, _), .directiveOutsideRule(_, let at), .badRuleName(_, let at),
             .duplicateRule(_, let at, _), .missingIn(_, let at), .missingOut(_, let at), .missingRun(_, let at),
             .duplicateRun(_, let at, _), .missingCommand(_, let at, _), .unknownAction(_, _, let at, _),
             .badParameter(_, _, _, let at), .unterminatedQuote(_, let at), .badPattern(_, _, _, let at),
             .badRegex(_, _, let at), .badWindow(_, _, _, let at), .undeclaredWildcard(_, _, let at),
             .unboundOutputWildcard(_, _, let at), .conflictingWildcardType(_, _, let at, _),
             .starInOutput(_, let at), .windowInOutput(_, let at), .outputOutsideLake(_, _, _, let at),
             .inputOutsideLake(_, _, _, let at), .outputInRaw(_, _, _, let at), .duplicateOutput(_, let at, _, _),
             .usesOutsideProject(_, _, _, let at),
             .cycle(_, let at):
            return at
        case .noRulesFound, .unreadableFile:
            return nil
        }
    }

    /// A second position worth showing (the earlier declaration or the clashing rule).
    public var relatedLocation: SourceLocation? {
        switch self {
        case .duplicateRule(_, _, let other), .duplicateRun(_, _, let other),
             .conflictingWildcardType(_, _, _, let other), .duplicateOutput(_, _, _, let other):
            return other
        default:
            return nil
        }
    }
}
