// Why a target must be rebuilt, as a value produced where the decision is made
// (`Rebuilder`). `build -n`, `status` and `explain` all render this same value; nothing else
// re-derives reasons (ninja's Explanations).

import Catalog

/// The first difference found between a target's recorded trace and its present state.
public enum StaleReason: Sendable, Equatable {
    /// Never built (no trace in the catalog).
    case new
    /// The action named by the rule is a different one than last time.
    case actionChanged(old: String, new: String)
    case actionVersionChanged(action: String, old: Int, new: Int)
    /// Parameters (or, for `sh`, the command) differ.
    case parametersChanged(old: String, new: String)
    /// An input's content changed: what it was, what it is.
    case inputChanged(path: String, old: FileContent, new: FileContent)
    /// A member appeared in an aggregate or window, or a new input line matched.
    case inputAdded(path: String)
    /// A member vanished.
    case inputRemoved(path: String)
    /// The same inputs, in another order (order matters to actions): `path` is the first
    /// input whose position changed.
    case inputsReordered(path: String)
    /// An input will be rebuilt first (dry runs cannot know its new content yet).
    case inputWillChange(path: String)
    /// An output file is gone.
    case outputMissing(path: String)
    /// An output file was changed outside lakemake.
    case outputModified(path: String)
    /// The last run failed (failed targets are retried on every build).
    case previousFailure(message: String)
    /// The target was rejected and `--retry-failed` asks to try again.
    case retryRequested
    /// Up to date by its key, but `-B` or `--force PREFIX` asked for it to run.
    case forced

    /// One line for `build -n` and `status`.
    public var summary: String {
        switch self {
        case .new: return "new target"
        case .actionChanged(let o, let n): return "action changed: \(o) → \(n)"
        case .actionVersionChanged(let a, let o, let n): return "action \(a) version \(o) → \(n)"
        case .parametersChanged: return "parameters changed"
        case .inputChanged(let p, _, _): return "input changed: \(p)"
        case .inputAdded(let p): return "input added: \(p)"
        case .inputRemoved(let p): return "input removed: \(p)"
        case .inputsReordered(let p): return "inputs reordered, first at \(p)"
        case .inputWillChange(let p): return "input will be rebuilt: \(p)"
        case .outputMissing(let p): return "output missing: \(p)"
        case .outputModified(let p): return "output modified outside lakemake: \(p)"
        case .previousFailure: return "previous run failed"
        case .retryRequested: return "rejected earlier; retry requested"
        case .forced: return "forced (-B or --force)"
        }
    }

    /// Several lines for `explain`, with old and new hashes and sizes.
    public var details: [String] {
        switch self {
        case .inputChanged(let p, let o, let n):
            return ["input \(p) changed:",
                    "  was \(o.sha256.prefix(12)) (\(o.size) bytes)",
                    "  now \(n.sha256.prefix(12)) (\(n.size) bytes)"]
        case .parametersChanged(let o, let n):
            return ["parameters changed:", "  was \(o.isEmpty ? "(none)" : o)", "  now \(n.isEmpty ? "(none)" : n)"]
        case .previousFailure(let m):
            return ["the last run failed: \(m)"]
        default:
            return [summary]
        }
    }

    /// A short machine-readable name for `--json`.
    public var code: String {
        switch self {
        case .new: return "new"
        case .actionChanged: return "action_changed"
        case .actionVersionChanged: return "action_version_changed"
        case .parametersChanged: return "parameters_changed"
        case .inputChanged: return "input_changed"
        case .inputAdded: return "input_added"
        case .inputRemoved: return "input_removed"
        case .inputsReordered: return "inputs_reordered"
        case .inputWillChange: return "input_will_change"
        case .outputMissing: return "output_missing"
        case .outputModified: return "output_modified"
        case .previousFailure: return "previous_failure"
        case .retryRequested: return "retry_requested"
        case .forced: return "forced"
        }
    }
}
