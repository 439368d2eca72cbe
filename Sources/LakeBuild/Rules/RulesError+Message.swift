// The words of every rules error: `message` says what is wrong, `hint` what to do about it.

extension RulesError: CustomStringConvertible {
    /// One line saying what is wrong, without the position.
    public var message: String {
        switch self {
        case .unknownDirective(let word, _, _):
            return "unknown directive '\(word)': a rules line starts with rule, in, out, uses or run"
        case .directiveOutsideRule(let word, _):
            return "'\(word)' line outside a rule: start the block with 'rule NAME'"
        case .badRuleName(let name, _):
            return name.isEmpty ? "rule needs a name" : "invalid rule name '\(name)'"
        case .duplicateRule(let name, _, let previous):
            return "rule \(name) is already defined at \(previous.description)"
        case .missingIn(let rule, _):
            return "rule \(rule) has no 'in' line"
        case .missingOut(let rule, _):
            return "rule \(rule) has no 'out' line"
        case .missingRun(let rule, _):
            return "rule \(rule) has no 'run' line"
        case .duplicateRun(let rule, _, let previous):
            return "rule \(rule) has a second 'run' line (the first is at \(previous.description))"
        case .missingCommand(let rule, _, let shell):
            return shell ? "'run sh' in rule \(rule) has no command" : "'run' in rule \(rule) names no action"
        case .unknownAction(let name, let rule, _, _):
            return "unknown action '\(name)' in rule \(rule)"
        case .badParameter(let text, let problem, let rule, _):
            return "bad parameter '\(text)' in rule \(rule): \(problem.explanation)"
        case .unterminatedQuote(let rule, _):
            return "unterminated quoted value in rule \(rule)"
        case .badPattern(let text, let problem, let rule, _):
            return "bad pattern '\(text)' in rule \(rule): \(problem.explanation)"
        case .badRegex(let regex, let rule, _):
            return "invalid regular expression '\(regex)' in rule \(rule)"
        case .badWindow(let text, let problem, let rule, _):
            return "bad date window '\(text)' in rule \(rule): \(problem.explanation)"
        case .undeclaredWildcard(let name, let rule, _):
            return "wildcard {\(name)} in rule \(rule) is not bound by the first in line"
        case .unboundOutputWildcard(let name, let rule, _):
            return "output wildcard {\(name)} is not bound by the first in line of rule \(rule)"
        case .conflictingWildcardType(let name, let rule, _, let declared):
            return "wildcard {\(name)} in rule \(rule) was declared with another type at \(declared.description)"
        case .starInOutput(let rule, _):
            return "'*' in an out line of rule \(rule): an output is one file"
        case .windowInOutput(let rule, _):
            return "date window in an out line of rule \(rule): an output is one file"
        case .outputOutsideLake(let text, let problem, let rule, _):
            return "output '\(text)' of rule \(rule) is outside the lake: \(problem.explanation)"
        case .inputOutsideLake(let text, let problem, let rule, _):
            return "input '\(text)' of rule \(rule) is outside the lake: \(problem.explanation)"
        case .usesOutsideProject(let text, let problem, let rule, _):
            return "uses '\(text)' of rule \(rule) is outside the project: \(problem.explanation)"
        case .outputInRaw(let text, let folder, let rule, _):
            return "output '\(text)' of rule \(rule) is inside \(folder)/, which builds never write"
        case .duplicateOutput(let rule, _, let otherRule, let otherAt):
            return "rules \(otherRule) and \(rule) can write the same path (see \(otherAt.description))"
        case .cycle(let rules, _):
            let loop = rules + rules.prefix(1)
            return "rules form a cycle: " + loop.joined(separator: " -> ")
        case .noRulesFound(let directory):
            return "no rules found in \(directory)"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }

    /// What to do about it, when there is something specific to say.
    public var hint: String? {
        switch self {
        case .unknownDirective(_, _, let suggestion?):
            return "did you mean '\(suggestion)'?"
        case .unknownAction(_, _, _, let suggestion?):
            return "did you mean '\(suggestion)'? ('run sh COMMAND' runs a shell command)"
        case .unknownAction:
            return "'run sh COMMAND' runs a shell command"
        case .badParameter:
            return "write key=value, with double quotes around values that contain spaces"
        case .unterminatedQuote:
            return "close the value with '\"'; write \\\" for a quote inside it"
        case .badRegex:
            return "the text after ':' in {name:REGEX} must be a regular expression"
        case .badWindow:
            return "declare {date:date} in the first in line, then write e.g. {date-7d..date}"
        case .undeclaredWildcard, .unboundOutputWildcard:
            return "every wildcard must appear in the first in line, which enumerates the bindings"
        case .conflictingWildcardType:
            return "give the type once, where the wildcard first appears, and write {name} afterwards"
        case .outputOutsideLake, .inputOutsideLake:
            return "patterns are relative to the lake root, e.g. processed/…"
        case .outputInRaw:
            return "write outputs under processed/, metrics/ or reports/"
        case .usesOutsideProject:
            return "uses paths are relative to the folder holding lake/ and rules/, e.g. scripts/clean.py"
        case .duplicateOutput:
            return "make the out patterns differ in a literal part of the path"
        case .cycle:
            return "an output may not feed, directly or through other rules, the rule that writes it"
        case .noRulesFound:
            return "run 'lakemake init' to create a lake and an example rules file"
        default:
            return nil
        }
    }

    /// `file:line:column: message`, or just the message when there is no position.
    public var description: String {
        if let location { return "\(location.description): \(message)" }
        return message
    }
}

extension RulesError.ParameterProblem {
    var explanation: String {
        switch self {
        case .missingEquals: return "expected key=value"
        case .badKey: return "a key is letters, digits, '_', '.' or '-', starting with a letter or '_'"
        case .duplicateKey: return "the key is given twice"
        case .unknownEscape(let c): return "unknown escape '\\\(c)' (use \\\", \\\\ or \\n)"
        case .textAfterQuote: return "text after the closing quote"
        }
    }
}

extension RulesError.PatternProblem {
    var explanation: String {
        switch self {
        case .empty: return "the pattern is empty"
        case .whitespace: return "paths in patterns cannot contain spaces"
        case .unclosedBrace: return "'{' is never closed"
        case .unmatchedClosingBrace: return "'}' without '{'"
        case .badWildcardName: return "a wildcard is {name}, {name:REGEX}, {name:date} or a date window"
        case .emptyRegex: return "the regular expression after ':' is empty"
        case .reservedName: return "in, out, inN and outN are reserved for run sh substitutions"
        case .doubleStar: return "'**' is not supported: '*' never crosses '/'"
        }
    }
}

extension RulesError.WindowProblem {
    var explanation: String {
        switch self {
        case .malformed: return "expected {name-7d..name}, {name-7d..name-1d} or {name..name+2d}"
        case .mismatchedNames: return "both ends must name the same date wildcard"
        case .startAfterEnd: return "the start is after the end"
        case .undeclared(let name): return "{\(name):date} is not declared before it"
        case .notADate(let name): return "{\(name)} is not declared as {\(name):date}"
        }
    }
}

extension RulesError.PathProblem {
    var explanation: String {
        switch self {
        case .absolute: return "it starts with '/'"
        case .emptySegment: return "it has an empty path segment"
        case .dotSegment(let s): return "it has a '\(s)' segment"
        }
    }
}
