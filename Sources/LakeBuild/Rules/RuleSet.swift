// The rules language as values: what `RulesParser` produces from `rules/*.rules` text and what
// `TargetDiscovery` consumes. Nothing here touches the lake; positions point back into the text
// so every later error can name file:line:column.

/// A position in a rules file: the file name (relative to the rules folder) and a byte offset.
/// Line and column are derived from the offset only when an error is rendered.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `file:line:column`, the prefix of every rules error.
    public var description: String { "\(file):\(line):\(column)" }
}

/// Every rule of every `*.rules` file, in file-name order then source order.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public init(rules: [Rule]) { self.rules = rules }

    public func rule(named name: String) -> Rule? { rules.first { $0.name == name } }
}

/// One `rule NAME` block.
public struct Rule: Sendable {
    public var name: String
    public var location: SourceLocation
    /// `in` lines in source order; the first one enumerates the bindings.
    public var inputs: [InputLine]
    /// `out` lines in source order; all are written by one run of the action.
    public var outputs: [OutputLine]
    public var action: ActionInvocation
    /// `uses` paths: files the action reads besides its inputs (a script an `sh` command runs),
    /// relative to the project folder (the one holding lake/ and rules/). Their content is part
    /// of every target key of the rule, so editing one rebuilds the rule's targets.
    public var uses: [String]

    public init(name: String, location: SourceLocation, inputs: [InputLine], outputs: [OutputLine], action: ActionInvocation,
                uses: [String] = []) {
        self.name = name
        self.location = location
        self.inputs = inputs
        self.outputs = outputs
        self.action = action
        self.uses = uses
    }

    /// How a `uses` path is named among a target's inputs (keys, catalog, lineage, explain):
    /// relative to the lake folder, so `scripts/clean.py` is `../scripts/clean.py`.
    public static func inputPath(ofUsed path: String) -> String { "../" + path }
}

/// An `in PATTERN` line. It is an aggregate when its pattern contains `*` or a date window.
public struct InputLine: Sendable {
    public var pattern: PathPattern
    public var location: SourceLocation
    public init(pattern: PathPattern, location: SourceLocation) {
        self.pattern = pattern
        self.location = location
    }
    public var isAggregate: Bool { pattern.hasStar || pattern.hasDateWindow }
}

/// An `out PATTERN` line: no `*`, no windows, every wildcard bound by the first `in` line.
public struct OutputLine: Sendable {
    public var pattern: PathPattern
    public var location: SourceLocation
    public init(pattern: PathPattern, location: SourceLocation) {
        self.pattern = pattern
        self.location = location
    }
}

/// The `run` line.
public enum ActionInvocation: Sendable, Equatable {
    /// `run ACTION key=value …`: a built-in action; parameters sorted by key.
    case builtin(name: String, parameters: [Parameter], location: SourceLocation)
    /// `run sh COMMAND`: the command text after `sh `, substitutions not yet applied.
    case shell(command: String, location: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .builtin(_, _, let l), .shell(_, let l): return l
        }
    }
}

/// One `key=value` of a `run` line, the value unquoted and unescaped.
public struct Parameter: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
