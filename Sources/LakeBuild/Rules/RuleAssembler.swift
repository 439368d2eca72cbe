// One `rule` block to a `Rule`. The block's lines are interpreted in a fixed order, whatever
// order they were written in: every `in` line, then every `out` line, then `run`. That order
// is the one in which wildcards are declared: the first `in` line declares them (a plain
// `{x}` declares "any text"), every later line may only use them, and a later occurrence
// is stored with type nil. Within a line, problems are reported left to right.

/// Turns a collected `rule` block into a checked `Rule`.
enum RuleAssembler {
    /// Folders an output may never be written into: the inputs and lakemake's own state
    /// (LakeLayout's names, spelled here so the rules compile on their own for the fuzz
    /// target; a test keeps the two lists equal).
    static let protectedFolders = ["raw", "reference", "rejected", ".lakemake"]

    static func assemble(_ draft: RuleDraft, knownActions: Set<String>) throws(RulesError) -> Rule {
        guard !draft.inputs.isEmpty else { throw .missingIn(rule: draft.name, at: draft.location) }
        guard !draft.outputs.isEmpty else { throw .missingOut(rule: draft.name, at: draft.location) }
        guard let run = draft.runs.first else { throw .missingRun(rule: draft.name, at: draft.location) }
        if draft.runs.count > 1 {
            let second = draft.runs[1]
            throw .duplicateRun(rule: draft.name, at: second.location(at: second.keyword.startIndex),
                                previous: run.location(at: run.keyword.startIndex))
        }
        var scope = WildcardScope(rule: draft.name)
        var inputs: [InputLine] = []
        for (index, directive) in draft.inputs.enumerated() {
            let parsed = try pattern(of: directive, rule: draft.name)
            try checkInsideLake(parsed, directive: directive, rule: draft.name, isOutput: false)
            let resolved = try scope.resolve(parsed, directive: directive, role: index == 0 ? .firstInput : .laterInput)
            inputs.append(InputLine(pattern: resolved.pattern, location: directive.location(at: parsed.text.startIndex)))
        }
        var outputs: [OutputLine] = []
        for directive in draft.outputs {
            let parsed = try pattern(of: directive, rule: draft.name)
            try checkInsideLake(parsed, directive: directive, rule: draft.name, isOutput: true)
            try checkWritableFolder(parsed, directive: directive, rule: draft.name)
            let resolved = try scope.resolve(parsed, directive: directive, role: .output)
            outputs.append(OutputLine(pattern: resolved.pattern, location: directive.location(at: parsed.text.startIndex)))
        }
        let action = try RunLineParser.parse(run, rule: draft.name, knownActions: knownActions)
        var uses: [String] = []
        for directive in draft.uses {
            let words = RulesLexer.stripComment(directive.argument, mode: .pattern)
            for word in words.split(whereSeparator: RulesLexer.isSpace) {
                try checkInsideProject(word, directive: directive, rule: draft.name)
                if !uses.contains(String(word)) { uses.append(String(word)) }
            }
        }
        return Rule(name: draft.name, location: draft.location, inputs: inputs, outputs: outputs, action: action, uses: uses)
    }

    private static func pattern(of directive: DirectiveLine, rule: String) throws(RulesError) -> ParsedPattern {
        try PatternParser.parse(RulesLexer.stripComment(directive.argument, mode: .pattern), line: directive, rule: rule)
    }

    /// No leading `/`, no empty, `.` or `..` segment: every path stays inside the lake.
    private static func checkInsideLake(_ parsed: ParsedPattern, directive: DirectiveLine, rule: String,
                                        isOutput: Bool) throws(RulesError) {
        func fail(_ problem: RulesError.PathProblem, _ at: String.Index) -> RulesError {
            let text = String(parsed.text), location = directive.location(at: at)
            return isOutput ? .outputOutsideLake(text, problem: problem, rule: rule, at: location)
                            : .inputOutsideLake(text, problem: problem, rule: rule, at: location)
        }
        if parsed.segments.count > 1, parsed.segments[0].isEmpty { throw fail(.absolute, parsed.text.startIndex) }
        for (segment, start) in zip(parsed.segments, parsed.segmentStarts) {
            if segment.isEmpty { throw fail(.emptySegment, start) }
            if segment.count == 1, case .literal(let text) = segment[0].part, text == "." || text == ".." {
                throw fail(.dotSegment(text), start)
            }
        }
    }

    /// A `uses` path is relative to the project folder and stays in it: no leading `/`, no
    /// empty, `.` or `..` segment.
    private static func checkInsideProject(_ word: Substring, directive: DirectiveLine, rule: String) throws(RulesError) {
        let location = directive.location(at: word.startIndex)
        if word.hasPrefix("/") { throw .usesOutsideProject(String(word), problem: .absolute, rule: rule, at: location) }
        for segment in word.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw .usesOutsideProject(String(word), problem: .emptySegment, rule: rule, at: location) }
            if segment == "." || segment == ".." {
                throw .usesOutsideProject(String(word), problem: .dotSegment(String(segment)), rule: rule, at: location)
            }
        }
    }

    /// The first segment of an output may not be `raw`, `reference` or lakemake's own folders.
    private static func checkWritableFolder(_ parsed: ParsedPattern, directive: DirectiveLine, rule: String) throws(RulesError) {
        guard parsed.segments.count > 1, parsed.segments[0].count == 1,
              case .literal(let folder) = parsed.segments[0][0].part,
              protectedFolders.contains(folder) else { return }
        throw .outputInRaw(String(parsed.text), folder: folder, rule: rule, at: directive.location(at: parsed.text.startIndex))
    }
}
