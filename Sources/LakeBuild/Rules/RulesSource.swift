// The text of one rules file and the name errors show for it. Lines are split on "\n" only
// (a trailing "\r" is dropped), so line numbers agree with every editor.

/// One rules file as text: what `RulesParser.parse` reads and what errors are rendered against.
public struct RulesSource: Sendable, Hashable {
    /// The name errors show, relative to the rules folder (e.g. `sales.rules`).
    public var file: String
    public var text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// The lines of the text, without line terminators, numbered from 1.
    var lines: [SourceLine] {
        var result: [SourceLine] = []
        var number = 1
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var bytes = raw[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            result.append(SourceLine(file: file, number: number, text: String(decoding: bytes, as: UTF8.self)))
            number += 1
        }
        return result
    }

    /// The text of line `number` (1-based), if the file has it.
    func line(_ number: Int) -> String? {
        let all = lines
        guard number >= 1, number <= all.count else { return nil }
        return all[number - 1].text
    }
}

/// One line of a rules file; turns positions in its text into `SourceLocation`s on demand.
struct SourceLine: Sendable {
    let file: String
    let number: Int
    let text: String

    /// The 1-based column of `index` counts characters, so the caret lines up under it.
    func location(at index: String.Index) -> SourceLocation {
        SourceLocation(file: file, line: number, column: text.distance(from: text.startIndex, to: index) + 1)
    }
}
