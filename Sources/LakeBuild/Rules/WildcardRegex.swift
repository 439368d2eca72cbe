// The regular expression of a typed wildcard (`{store:\d{4}}`), as handed to ICU.
//
// ICU's `\d` is any Unicode decimal digit, so `\d{4}` would accept `0١01` (with an Arabic-Indic
// one) or full-width digits as a store id. Path names are bytes the rules author reads as
// ASCII, so lakemake gives `\d` and `\D` their ASCII meaning: `[0-9]` and `[^0-9]`, inside a
// character class too. `\p{Nd}` still says "any decimal digit" for a rule that wants it.

enum WildcardRegex {
    /// The ICU pattern for a wildcard's regex `source`, anchored at both ends of the value.
    static func anchored(_ source: String) -> String {
        // \A and \z anchor at the ends of the value; `$` would also accept a value ending in a
        // newline ("0001\n" as a four-digit store id).
        "\\A(?:" + asciiDigits(source) + ")\\z"
    }

    /// `source` with `\d` and `\D` spelt as ASCII ranges; every other escape, and text quoted
    /// with `\Q…\E`, unchanged.
    static func asciiDigits(_ source: String) -> String {
        var out = ""
        var classDepth = 0
        var quoted = false
        var chars = source.makeIterator()
        while let c = chars.next() {
            if quoted {
                out.append(c)
                if c == "\\", let n = chars.next() {
                    out.append(n)
                    if n == "E" { quoted = false }
                }
                continue
            }
            switch c {
            case "\\":
                guard let n = chars.next() else { out.append(c); continue }
                switch n {
                case "d": out += classDepth > 0 ? "0-9" : "[0-9]"
                case "D": out += "[^0-9]"  // a nested set inside a class, which ICU accepts
                case "Q": out += "\\Q"; quoted = true
                default: out.append(c); out.append(n)
                }
            case "[":
                classDepth += 1
                out.append(c)
            case "]":
                if classDepth > 0 { classDepth -= 1 }
                out.append(c)
            default:
                out.append(c)
            }
        }
        return out
    }
}
