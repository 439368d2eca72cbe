// Reading the text of one `in`/`out` pattern into segments and parts, remembering where each
// part starts so later checks (typing, binding, output rules) can point at it. Types are kept
// exactly as written here (`{x}` has type nil); the rule decides what a first `{x}` declares.
import Foundation

/// A part of a pattern with the position of its first character in the line.
struct LocatedPart {
    var part: PathPattern.Part
    let start: String.Index
}

/// A parsed pattern before the rule has resolved its wildcard types.
struct ParsedPattern {
    let text: Substring
    var segments: [[LocatedPart]]
    /// Where each segment starts (for an empty segment: where it would be).
    let segmentStarts: [String.Index]

    var pattern: PathPattern {
        PathPattern(text: String(text), segments: segments.map { PathPattern.Segment(parts: $0.map(\.part)) })
    }
}

enum PatternParser {
    /// Parses `text` (a slice of `line`'s text, comment already cut) for rule `rule`.
    static func parse(_ text: Substring, line: DirectiveLine, rule: String) throws(RulesError) -> ParsedPattern {
        func fail(_ problem: RulesError.PatternProblem, _ at: String.Index) -> RulesError {
            .badPattern(String(text), problem: problem, rule: rule, at: line.location(at: at))
        }
        guard !text.isEmpty else { throw fail(.empty, text.startIndex) }
        var segments: [[LocatedPart]] = [[]]
        var segmentStarts = [text.startIndex]
        var literal = ""
        var literalStart = text.startIndex
        func flushLiteral() {
            if !literal.isEmpty { segments[segments.count - 1].append(LocatedPart(part: .literal(literal), start: literalStart)) }
            literal = ""
        }
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            switch c {
            case "/":
                flushLiteral()
                segments.append([])
                segmentStarts.append(text.index(after: i))
                i = text.index(after: i)
            case "*":
                flushLiteral()
                if case .star? = segments[segments.count - 1].last?.part { throw fail(.doubleStar, i) }
                segments[segments.count - 1].append(LocatedPart(part: .star, start: i))
                i = text.index(after: i)
            case "{":
                flushLiteral()
                let close = try closingBrace(in: text, openingAt: i, fail: fail)
                let part = try braced(text[text.index(after: i)..<close], openingAt: i, whole: text, line: line, rule: rule)
                segments[segments.count - 1].append(LocatedPart(part: part, start: i))
                i = text.index(after: close)
            case "}":
                throw fail(.unmatchedClosingBrace, i)
            default:
                if RulesLexer.isSpace(c) { throw fail(.whitespace, i) }
                if literal.isEmpty { literalStart = i }
                literal.append(c)
                i = text.index(after: i)
            }
        }
        flushLiteral()
        return ParsedPattern(text: text, segments: segments, segmentStarts: segmentStarts)
    }

    /// The `}` that closes the `{` at `open`, counting nested braces and skipping `\`-escapes.
    private static func closingBrace(in text: Substring, openingAt open: String.Index,
                                     fail: (RulesError.PatternProblem, String.Index) -> RulesError) throws(RulesError) -> String.Index {
        var depth = 0
        var escaped = false
        for index in text[open...].indices {
            let c = text[index]
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true }
            else if c == "{" { depth += 1 }
            else if c == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        throw fail(.unclosedBrace, open)
    }

    /// The part written between `{` and `}`: a wildcard, a typed wildcard or a date window.
    private static func braced(_ content: Substring, openingAt open: String.Index, whole: Substring,
                               line: DirectiveLine, rule: String) throws(RulesError) -> PathPattern.Part {
        let nameEnd = identifierEnd(content)
        let name = String(content[..<nameEnd])
        guard !name.isEmpty else {
            throw .badPattern(String(whole), problem: .badWildcardName, rule: rule, at: line.location(at: content.startIndex))
        }
        if nameEnd == content.endIndex {
            if isReserved(name) {
                throw .badPattern(String(whole), problem: .reservedName, rule: rule, at: line.location(at: content.startIndex))
            }
            return .wildcard(name: name, type: nil)
        }
        switch content[nameEnd] {
        case ":":
            if isReserved(name) {
                throw .badPattern(String(whole), problem: .reservedName, rule: rule, at: line.location(at: content.startIndex))
            }
            let typeText = content[content.index(after: nameEnd)...]
            if typeText == "date" { return .wildcard(name: name, type: .date) }
            guard !typeText.isEmpty else {
                throw .badPattern(String(whole), problem: .emptyRegex, rule: rule, at: line.location(at: typeText.startIndex))
            }
            guard (try? NSRegularExpression(pattern: String(typeText))) != nil else {
                throw .badRegex(String(typeText), rule: rule, at: line.location(at: typeText.startIndex))
            }
            return .wildcard(name: name, type: .regex(String(typeText)))
        case "+", "-", ".":
            let windowText = "{" + content + "}"
            do {
                let (windowName, from, to) = try window(content)
                return .dateWindow(name: windowName, fromDays: from, toDays: to)
            } catch {
                throw .badWindow(windowText, problem: error.problem, rule: rule, at: line.location(at: open))
            }
        default:
            throw .badPattern(String(whole), problem: .badWildcardName, rule: rule, at: line.location(at: nameEnd))
        }
    }

    private struct WindowFailure: Error { let problem: RulesError.WindowProblem }

    /// `NAME[±Nd]..NAME[±Nd]` as (name, from, to).
    private static func window(_ content: Substring) throws(WindowFailure) -> (String, Int, Int) {
        guard let dots = content.range(of: "..") else { throw WindowFailure(problem: .malformed) }
        guard let start = windowEnd(content[..<dots.lowerBound]),
              let end = windowEnd(content[dots.upperBound...]) else { throw WindowFailure(problem: .malformed) }
        guard start.name == end.name else { throw WindowFailure(problem: .mismatchedNames) }
        guard start.days <= end.days else { throw WindowFailure(problem: .startAfterEnd) }
        return (start.name, start.days, end.days)
    }

    /// `NAME`, `NAME+Nd` or `NAME-Nd` (at most 5 digits, so the offset cannot overflow).
    private static func windowEnd(_ text: Substring) -> (name: String, days: Int)? {
        let nameEnd = identifierEnd(text)
        let name = String(text[..<nameEnd])
        guard !name.isEmpty else { return nil }
        let rest = text[nameEnd...]
        if rest.isEmpty { return (name, 0) }
        guard let sign = rest.first, sign == "+" || sign == "-", rest.last == "d" else { return nil }
        let digits = rest.dropFirst().dropLast()
        guard (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(digits) else { return nil }
        return (name, sign == "-" ? -n : n)
    }

    /// The end of the leading `[A-Za-z_][A-Za-z0-9_]*` of `text`.
    static func identifierEnd(_ text: Substring) -> String.Index {
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let ok = c.isASCII && (c.isLetter || c == "_" || (index != text.startIndex && c.isNumber))
            if !ok { break }
            index = text.index(after: index)
        }
        return index
    }

    /// `in`, `out`, `in1`, `out2` … name `run sh` substitutions, so no wildcard may use them.
    static func isReserved(_ name: String) -> Bool {
        for prefix in ["in", "out"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        }
        return false
    }
}
