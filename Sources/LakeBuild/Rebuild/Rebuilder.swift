// The rebuilder decides, and only it decides, whether a target is up to date: a pure
// function of the target's present key material, its recorded trace and the present state of
// its outputs. It compares the fields the key is made of, so it can say which one changed;
// equal fields mean an equal key. No disk, no SQLite: unit-tested with plain values (the paper's verifying
// traces; Shake's cheap-then-expensive equality happens before, when hashes are gathered).

import Catalog

/// The present state of one output file.
public enum OutputState: Sendable, Equatable {
    case missing
    case present(sha256: String)
}

/// The verdict for one target.
public enum RebuildDecision: Sendable, Equatable {
    case upToDate
    case stale(StaleReason)
}

public enum Rebuilder {
    /// - Parameters:
    ///   - material: what the key is computed from now.
    ///   - trace: the catalog's record of the last run, if any.
    ///   - outputs: each declared output with its present state.
    ///   - retryRejected: `--retry-failed`: a standing rejection is tried again.
    ///   - recordedInputs: the trace's inputs, when they were not loaded with it; asked for
    ///     only when the key differs (an equal key means equal inputs, since the key is the
    ///     hash of exactly action, version, parameters and every input's path and hash).
    public static func decide(_ material: KeyMaterial, trace: TargetRecord?,
                              outputs: [(path: String, state: OutputState)], retryRejected: Bool = false,
                              recordedInputs: (() -> [FileVersion])? = nil) -> RebuildDecision {
        guard let trace else { return .stale(.new) }
        if trace.action != material.action {
            return .stale(.actionChanged(old: trace.action, new: material.action))
        }
        if trace.actionVersion != material.version {
            return .stale(.actionVersionChanged(action: material.action, old: trace.actionVersion, new: material.version))
        }
        if trace.parameters != material.canonicalParameters {
            return .stale(.parametersChanged(old: trace.parameters, new: material.canonicalParameters))
        }
        if TargetKey.compute(material) != trace.key,
           let reason = inputDifference(recorded: recordedInputs?() ?? trace.inputs, present: material.inputs) {
            return .stale(reason)
        }
        switch trace.state {
        case .failed:
            return .stale(.previousFailure(message: trace.error ?? ""))
        case .rejected:
            return retryRejected ? .stale(.retryRequested) : .upToDate
        case .built:
            break
        }
        for (path, state) in outputs {
            guard let recorded = trace.outputs.first(where: { $0.path == path }) else { return .stale(.outputMissing(path: path)) }
            switch state {
            case .missing: return .stale(.outputMissing(path: path))
            case .present(let sha) where sha != recorded.content.sha256: return .stale(.outputModified(path: path))
            case .present: continue
            }
        }
        return .upToDate
    }

    /// The first difference between two ordered input lists.
    static func inputDifference(recorded: [FileVersion], present: [FileVersion]) -> StaleReason? {
        if recorded.count == present.count
            && zip(recorded, present).allSatisfy({ $0.path == $1.path && $0.content.hasSameBytes(as: $1.content) }) {
            return nil
        }
        let recordedByPath = Dictionary(recorded.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let presentPaths = Set(present.map(\.path))
        for p in present {
            guard let r = recordedByPath[p.path] else { return .inputAdded(path: p.path) }
            if !r.content.hasSameBytes(as: p.content) {
                return .inputChanged(path: p.path, old: r.content, new: p.content)
            }
        }
        for r in recorded where !presentPaths.contains(r.path) { return .inputRemoved(path: r.path) }
        for (r, p) in zip(recorded, present) where r.path != p.path { return .inputsReordered(path: p.path) }
        // Same paths in the same order with the same hashes but a different count: a path given twice.
        return recorded.count < present.count ? .inputAdded(path: present[recorded.count].path)
                                              : .inputRemoved(path: recorded[present.count].path)
    }
}
