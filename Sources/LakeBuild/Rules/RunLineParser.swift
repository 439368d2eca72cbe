// The `run` line: `run sh COMMAND` keeps the command text as written (comment cut);
// `run ACTION key=value …` becomes a built-in invocation with parameters sorted by key, values
// unquoted (`"…"` with `\"`, `\\` and `\n` escapes).

// The rules fuzz target compiles these sources with SpellingSuggestion.swift as one module.
#if canImport(Arguments)
import Arguments
#endif

enum RunLineParser {
    static func parse(_ line: DirectiveLine, rule: String, knownActions: Set<String>) throws(RulesError) -> ActionInvocation {
        let words = RulesLexer.stripComment(line.argument, mode: .parameters)
        let actionEnd = words.firstIndex(where: RulesLexer.isSpace) ?? words.endIndex
        let action = String(words[..<actionEnd])
        let actionLocation = line.location(at: words.startIndex)
        guard !action.isEmpty else { throw .missingCommand(rule: rule, at: actionLocation, shell: false) }
        if action == "sh" {
            let text = RulesLexer.stripComment(line.argument, mode: .shell)
            let command = text.dropFirst(2).drop(while: RulesLexer.isSpace)
            guard !command.isEmpty else {
                throw .missingCommand(rule: rule, at: line.location(at: command.startIndex), shell: true)
            }
            return .shell(command: String(command), location: actionLocation)
        }
        guard knownActions.contains(action) else {
            let suggestion = SpellingSuggestion.closest(to: action, among: (Array(knownActions) + ["sh"]).sorted())
            throw .unknownAction(action, rule: rule, at: actionLocation, suggestion: suggestion)
        }
        let parameters = try parameters(words[actionEnd...], line: line, rule: rule)
        return .builtin(name: action, parameters: parameters, location: actionLocation)
    }

    private static func parameters(_ text: Substring, line: DirectiveLine, rule: String) throws(RulesError) -> [Parameter] {
        var result: [Parameter] = []
        var i = text.startIndex
        while true {
            while i < text.endIndex, RulesLexer.isSpace(text[i]) { i = text.index(after: i) }
            guard i < text.endIndex else { break }
            let start = i
            let word = text[start..<(text[start...].firstIndex(where: RulesLexer.isSpace) ?? text.endIndex)]
            guard let equals = word.firstIndex(of: "=") else {
                throw .badParameter(String(word), problem: .missingEquals, rule: rule, at: line.location(at: start))
            }
            let key = String(text[start..<equals])
            guard isValidKey(key) else {
                throw .badParameter(String(word), problem: .badKey, rule: rule, at: line.location(at: start))
            }
            guard !result.contains(where: { $0.key == key }) else {
                throw .badParameter(key, problem: .duplicateKey, rule: rule, at: line.location(at: start))
            }
            i = text.index(after: equals)
            let value: String
            if i < text.endIndex, text[i] == "\"" {
                (value, i) = try quoted(text, openingAt: i, key: key, line: line, rule: rule)
            } else {
                let end = text[i...].firstIndex(where: RulesLexer.isSpace) ?? text.endIndex
                value = String(text[i..<end])
                i = end
            }
            result.append(Parameter(key: key, value: value))
        }
        return result.sorted { $0.key < $1.key }
    }

    /// The unescaped value of the quoted string opening at `open`, and the index after it.
    private static func quoted(_ text: Substring, openingAt open: String.Index, key: String,
                               line: DirectiveLine, rule: String) throws(RulesError) -> (String, String.Index) {
        var value = ""
        var i = text.index(after: open)
        while i < text.endIndex {
            let c = text[i]
            if c == "\"" {
                let after = text.index(after: i)
                if after < text.endIndex, !RulesLexer.isSpace(text[after]) {
                    throw .badParameter(key, problem: .textAfterQuote, rule: rule, at: line.location(at: after))
                }
                return (value, after)
            }
            if c == "\\" {
                let next = text.index(after: i)
                guard next < text.endIndex else { break }
                switch text[next] {
                case "\"": value.append("\"")
                case "\\": value.append("\\")
                case "n": value.append("\n")
                default:
                    throw .badParameter(key, problem: .unknownEscape(text[next]), rule: rule, at: line.location(at: i))
                }
                i = text.index(after: next)
                continue
            }
            value.append(c)
            i = text.index(after: i)
        }
        throw .unterminatedQuote(rule: rule, at: line.location(at: open))
    }

    /// `[A-Za-z_][A-Za-z0-9_.-]*`, the same shape as a rule name.
    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
    }
}
