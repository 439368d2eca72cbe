// Text to values. Each file is read line by line; a `rule NAME` line opens a block that
// collects its `in`, `out` and `run` lines until the next `rule` line or the end of the file,
// then `RuleAssembler` turns the block into a `Rule`. After every file, `RuleSetValidator`
// checks what needs all rules at once (duplicate outputs, cycles). The parser never touches
// the lake; reading the rules folder is in `RulesParser+Load.swift`.

// The rules fuzz target compiles these sources with SpellingSuggestion.swift as one module.
#if canImport(Arguments)
import Arguments
#endif

/// Parses `rules/*.rules` text into a checked `RuleSet`.
public enum RulesParser {
    /// Parses `sources` in the order given (file-name order when loaded from a folder) and
    /// checks the result. `knownActions` are the built-in action names; `sh` is always known.
    public static func parse(_ sources: [RulesSource], knownActions: Set<String>) throws(RulesError) -> RuleSet {
        var rules: [Rule] = []
        var definitions: [String: SourceLocation] = [:]
        for source in sources {
            var open: RuleDraft? = nil
            for line in source.lines {
                guard let directive = RulesLexer.directive(in: line) else { continue }
                switch directive.keyword {
                case "rule":
                    if let draft = open { rules.append(try RuleAssembler.assemble(draft, knownActions: knownActions)) }
                    let draft = try ruleHeader(directive)
                    if let previous = definitions[draft.name] {
                        throw .duplicateRule(draft.name, at: draft.nameLocation, previous: previous)
                    }
                    definitions[draft.name] = draft.nameLocation
                    open = draft
                case "in", "out", "run", "uses":
                    guard var draft = open else {
                        throw .directiveOutsideRule(String(directive.keyword), at: directive.location(at: directive.keyword.startIndex))
                    }
                    switch directive.keyword {
                    case "in": draft.inputs.append(directive)
                    case "out": draft.outputs.append(directive)
                    case "uses": draft.uses.append(directive)
                    default: draft.runs.append(directive)
                    }
                    open = draft
                default:
                    let word = String(directive.keyword)
                    throw .unknownDirective(word, at: directive.location(at: directive.keyword.startIndex),
                                            suggestion: SpellingSuggestion.closest(to: word, among: ["in", "out", "rule", "run", "uses"]))
                }
            }
            if let draft = open { rules.append(try RuleAssembler.assemble(draft, knownActions: knownActions)) }
        }
        let ruleSet = RuleSet(rules: rules)
        try RuleSetValidator.validate(ruleSet)
        return ruleSet
    }

    /// The block opened by a `rule NAME` line, its name checked.
    private static func ruleHeader(_ directive: DirectiveLine) throws(RulesError) -> RuleDraft {
        let name = RulesLexer.stripComment(directive.argument, mode: .pattern)
        let nameLocation = directive.location(at: name.startIndex)
        guard isValidRuleName(name) else { throw .badRuleName(String(name), at: nameLocation) }
        return RuleDraft(name: String(name), location: directive.location(at: directive.keyword.startIndex),
                         nameLocation: nameLocation)
    }

    /// `[A-Za-z_][A-Za-z0-9_.-]*`.
    static func isValidRuleName(_ name: Substring) -> Bool {
        RunLineParser.isValidKey(String(name))
    }
}

/// The lines of one `rule` block, collected before they are interpreted.
struct RuleDraft {
    let name: String
    /// The `rule` keyword.
    let location: SourceLocation
    let nameLocation: SourceLocation
    var inputs: [DirectiveLine] = []
    var outputs: [DirectiveLine] = []
    var uses: [DirectiveLine] = []
    var runs: [DirectiveLine] = []
}
