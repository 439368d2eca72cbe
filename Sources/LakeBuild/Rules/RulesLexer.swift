// Splitting a rules line into its directive word and argument, and cutting trailing comments.
// A `#` starts a comment at the start of a line or after whitespace, but not inside what the
// argument quotes: braces of a pattern (`{x:[#]}`), a double-quoted value of a built-in action,
// or shell quoting of a `run sh` command.

/// A line that is neither blank nor a comment: `rule`/`in`/`out`/`run` (or an unknown word).
struct DirectiveLine {
    let line: SourceLine
    /// The first word, a slice of `line.text`.
    let keyword: Substring
    /// Everything after the first word and the whitespace that follows it, comments not yet cut.
    let argument: Substring

    func location(at index: String.Index) -> SourceLocation { line.location(at: index) }
}

/// How a comment is told apart from text in the argument of a directive.
enum CommentMode {
    /// Path patterns: `#` inside `{…}` is text.
    case pattern
    /// `key="value"` parameters: `#` inside double quotes is text.
    case parameters
    /// A shell command: single quotes, double quotes and backslash escapes are honoured.
    case shell
}

enum RulesLexer {
    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" }

    /// The directive of `line`, or nil when the line is blank or a whole-line comment.
    static func directive(in line: SourceLine) -> DirectiveLine? {
        let text = line.text[...]
        guard let start = text.firstIndex(where: { !isSpace($0) }), text[start] != "#" else { return nil }
        let end = text[start...].firstIndex(where: isSpace) ?? text.endIndex
        let argumentStart = text[end...].firstIndex(where: { !isSpace($0) }) ?? text.endIndex
        return DirectiveLine(line: line, keyword: text[start..<end], argument: text[argumentStart...])
    }

    /// `text` without its trailing comment and trailing whitespace.
    static func stripComment(_ text: Substring, mode: CommentMode) -> Substring {
        var depth = 0
        var quote: Character? = nil
        var escaped = false
        var previousIsSpace = true
        var cut = text.endIndex
        scan: for index in text.indices {
            let c = text[index]
            defer { previousIsSpace = isSpace(c) }
            if escaped { escaped = false; continue }
            switch mode {
            case .pattern:
                if c == "\\" && depth > 0 { escaped = true }
                else if c == "{" { depth += 1 }
                else if c == "}" && depth > 0 { depth -= 1 }
                else if c == "#" && depth == 0 && previousIsSpace { cut = index; break scan }
            case .parameters:
                if let q = quote {
                    if c == "\\" { escaped = true } else if c == q { quote = nil }
                } else if c == "\"" { quote = c }
                else if c == "#" && previousIsSpace { cut = index; break scan }
            case .shell:
                if quote == "'" {
                    if c == "'" { quote = nil }
                } else if quote == "\"" {
                    if c == "\\" { escaped = true } else if c == "\"" { quote = nil }
                } else if c == "\\" { escaped = true }
                else if c == "\"" || c == "'" { quote = c }
                else if c == "#" && previousIsSpace { cut = index; break scan }
            }
        }
        var result = text[..<cut]
        while let last = result.last, isSpace(last) { result = result.dropLast() }
        return result
    }
}
