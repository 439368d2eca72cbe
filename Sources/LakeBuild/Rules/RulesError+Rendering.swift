// Errors laid out the way ninja and compilers do: `file:line:column: error: message`, the
// source line, and a caret under the column. The hint is not part of it: the CLI prints it
// after, as for every other error.

extension RulesError {
    /// The error with its source line and a caret, plus a note at the related position if any.
    /// `sources` are the texts that were parsed; a position in a file not among them is shown
    /// without its line.
    public func rendered(sources: [RulesSource]) -> String {
        guard let location else {
            switch self {
            case .noRulesFound(let directory): return "\(directory): error: \(message)"
            case .unreadableFile(let path, _): return "\(path): error: \(message)"
            default: return "error: \(message)"
            }
        }
        var out = RulesError.excerpt(at: location, kind: "error", message: message, sources: sources)
        if let related = relatedLocation, let note = relatedNote {
            out += "\n" + RulesError.excerpt(at: related, kind: "note", message: note, sources: sources)
        }
        return out
    }

    private var relatedNote: String? {
        switch self {
        case .duplicateRule(let name, _, _): return "rule \(name) first defined here"
        case .duplicateRun: return "first 'run' line here"
        case .conflictingWildcardType(let name, _, _, _): return "{\(name)} declared here"
        case .duplicateOutput(_, _, let otherRule, _): return "output of rule \(otherRule) here"
        default: return nil
        }
    }

    static func excerpt(at location: SourceLocation, kind: String, message: String, sources: [RulesSource]) -> String {
        let head = "\(location.description): \(kind): \(message)"
        guard let source = sources.first(where: { $0.file == location.file }),
              let line = source.line(location.line) else { return head }
        var caret = ""
        for (offset, character) in line.enumerated() where offset < location.column - 1 {
            caret.append(character == "\t" ? "\t" : " ")
        }
        let pad = location.column - 1 - line.count
        if pad > 0 { caret += String(repeating: " ", count: pad) }
        return head + "\n" + line + "\n" + caret + "^"
    }
}
