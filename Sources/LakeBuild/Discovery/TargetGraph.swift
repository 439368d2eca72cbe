// The plan of one build: every target the rules and the present files give, with its inputs
// line by line and the targets it waits for. Built by `TargetDiscovery`, consumed by the
// build; it never re-reads rules or files.

import LakeFormats

/// One rule applied to one binding.
public struct PlannedTarget: Sendable, Equatable {
    /// Index into `TargetGraph.rules`.
    public var ruleIndex: Int
    public var binding: Binding
    /// Candidate inputs per `in` line (members sorted bytewise). Planned outputs of other
    /// targets are included; the build drops those whose producer ends rejected or failed.
    public var inputs: [[String]]
    /// Literal inputs (`reference/stores.csv`) that do not exist: the target fails.
    public var missingInputs: [String]
    /// Output paths in `out` order; the first names the target.
    public var outputs: [String]
    /// Targets producing one of `inputs`, ascending.
    public var dependencies: [Int]

    public var primaryOutput: String { outputs[0] }
}

/// Everything `build`, `status` and `build -n` need to know about what the rules make of the lake.
public struct TargetGraph: Sendable {
    public var rules: [Rule]
    /// Targets in an order where producers come before consumers.
    public var targets: [PlannedTarget]
    /// Output path → index of the target producing it.
    public var producer: ByteExactDictionary<Int>
    /// Raw files no rule's `in` line accepts, with the patterns expected in their folder.
    public var unmatched: [UnmatchedFile]
    /// Every raw and reference file discovery saw, sorted bytewise.
    public var sources: [String] = []
    /// Bindings whose wildcard values cannot stand in a path (from raw file names such as
    /// `...csv`); their raw files are rejected, nothing is planned for them.
    public var refused: [RefusedBinding] = []

    /// Indices of targets with an output under one of `prefixes` (whole path segments, see
    /// `LakePrefix`), plus everything upstream of them.
    public func closure(forPrefixes prefixes: [String]) -> Set<Int> {
        var wanted = Set<Int>()
        var stack = targets.indices.filter { LakePrefix.selects(prefixes, anyOf: targets[$0].outputs) }
        while let t = stack.popLast() {
            guard wanted.insert(t).inserted else { continue }
            stack.append(contentsOf: targets[t].dependencies)
        }
        return wanted
    }
}

/// A plan's targets by index: what storing a plan needs of a graph, whether discovery made it
/// (`TargetGraph`) or it was edited from a stored one (`StoredGraph`).
protocol IndexedTargets {
    var count: Int { get }
    /// The target at `i`, dependencies as indices.
    func target(_ i: Int) -> PlannedTarget
    /// The targets `i` waits for, ascending (what `target(i).dependencies` says).
    func dependencies(_ i: Int) -> [Int]
    func outputs(_ i: Int) -> [String]
    var sources: [String] { get }
    var unmatched: [UnmatchedFile] { get }
    /// Bindings were refused: such a plan is not stored.
    var hasRefusedBindings: Bool { get }
}

extension TargetGraph: IndexedTargets {
    var count: Int { targets.count }
    func target(_ i: Int) -> PlannedTarget { targets[i] }
    func dependencies(_ i: Int) -> [Int] { targets[i].dependencies }
    func outputs(_ i: Int) -> [String] { targets[i].outputs }
    var hasRefusedBindings: Bool { !refused.isEmpty }
}

/// A raw file nothing consumes.
public struct UnmatchedFile: Sendable, Equatable {
    public var path: String
    /// Input patterns of rules that read from the same folder, to say what was expected.
    public var expectedPatterns: [String]
    /// Why the name cannot be used at all (not UTF-8, the same text as another name in another
    /// Unicode normalisation); nil when it is simply a name no rule accepts.
    public var problem: String?

    public init(path: String, expectedPatterns: [String], problem: String? = nil) {
        self.path = path
        self.expectedPatterns = expectedPatterns
        self.problem = problem
    }

    /// What is wrong with the file, in one phrase.
    public var explanation: String {
        problem ?? "no rule accepts it (expected \(expectedPatterns.joined(separator: " or ")))"
    }
}
