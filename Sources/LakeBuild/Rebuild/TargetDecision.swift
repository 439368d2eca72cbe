// What a build does with one target, decided in one place. The build gathers the facts (what
// its inputs' producers made, which inputs cannot be read, the key material, the recorded
// trace, the outputs on disk); this pure function turns them into the verdict that `build`,
// `build -n`, `status` and `explain` all render. No disk, no SQLite: unit-tested as a table.
//
// The order of the checks is the order a person would ask in: is the target still wanted at
// all; is its main input there; can it run; and only then, is it up to date (`Rebuilder`,
// which compares the key field by field and names the first difference).

import Catalog

/// Everything a verdict depends on, gathered by the build.
public struct TargetFacts {
    /// False for a recorded target that no binding gives any more.
    public var planned = true
    /// A plain first-line input whose producer made nothing (it was rejected, failed or skipped).
    public var mainInputNotBuilt: String?
    /// Why an input that exists cannot be read.
    public var unreadableInput: String?
    /// The first `in` pattern of an aggregate whose every planned member was not built.
    public var noMemberBuilt: String?
    /// A literal input (`reference/stores.csv`) that does not exist.
    public var missingInput: String?
    /// A file the rule `uses` that does not exist.
    public var missingUsedFile: String?
    /// The rule names an action no registered action implements.
    public var unknownAction: String?
    /// What the key is computed from now; nil only when one of the above decides.
    public var material: KeyMaterial?
    public var trace: TargetRecord?
    public var outputs: [(path: String, state: OutputState)] = []
    /// `--retry-failed`: a standing rejection is tried again.
    public var retryRejected = false
    /// `-B` / `--force`: run even when the key did not change.
    public var forced = false
    /// `-n`: an input that a target upstream would rebuild.
    public var inputWillChange: String?
    /// The trace's inputs, when they were not loaded with it (read only when the key differs).
    public var recordedInputs: (() -> [FileVersion])?

    public init() {}
}

/// The verdict on one target.
public enum TargetDecision: Equatable, Sendable {
    /// Its outputs are what its inputs make; nothing to do.
    case upToDate
    /// It was rejected, and the rejection stands (its raw file did not change).
    case stillRejected
    /// It must run, for this reason.
    case stale(StaleReason)
    /// It has nothing to work from; its old outputs go.
    case skipped(cause: String)
    /// It cannot run: this message is its failure.
    case cannotRun(message: String)
    /// No binding gives it any more: its outputs and record go.
    case removed

    /// The verdict for `facts`.
    public static func decide(_ facts: TargetFacts) -> TargetDecision {
        guard facts.planned else { return .removed }
        if let p = facts.mainInputNotBuilt { return .skipped(cause: "\(p) was not built") }
        if let problem = facts.unreadableInput { return .cannotRun(message: problem) }
        if let pattern = facts.noMemberBuilt { return .skipped(cause: "no member of \(pattern) was built") }
        if let missing = facts.missingInput { return .cannotRun(message: ActionError.missingInput(missing).message) }
        if let used = facts.missingUsedFile {
            return .cannotRun(message: "uses \(used): no such file in the project folder (beside lake/ and rules/)")
        }
        if let rule = facts.unknownAction { return .cannotRun(message: "no built-in action for rule \(rule)") }
        guard let material = facts.material else { return .cannotRun(message: "no key material") }
        switch Rebuilder.decide(material, trace: facts.trace, outputs: facts.outputs, retryRejected: facts.retryRejected,
                                recordedInputs: facts.recordedInputs) {
        case .stale(let reason):
            return .stale(reason)
        case .upToDate:
            if let p = facts.inputWillChange { return .stale(.inputWillChange(path: p)) }
            if facts.forced { return .stale(.forced) }
            return facts.trace?.state == .rejected ? .stillRejected : .upToDate
        }
    }
}
