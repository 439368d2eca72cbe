// What differed between two recorded versions of one target, for `explain`. This is a
// comparison of two history rows already written, not a staleness decision: whether a target
// must be rebuilt is the engine's `StaleReason`, and nothing here re-derives it.

import Catalog

/// One difference between an older and a newer recorded version of a target.
enum TraceDifference: Equatable {
    case actionChanged(old: String, new: String)
    case actionVersionChanged(old: Int, new: Int)
    case parametersChanged(old: String, new: String)
    case inputChanged(path: String, old: FileContent, new: FileContent)
    case inputAdded(FileVersion)
    case inputRemoved(FileVersion)
    case outcomeChanged(old: HistoryEvent, new: HistoryEvent)

    /// Every difference from `old` to `new`, inputs in the newer version's order, vanished
    /// inputs in the older version's order.
    static func between(_ old: HistoryRecord, _ new: HistoryRecord) -> [TraceDifference] {
        var result: [TraceDifference] = []
        if old.action != new.action { result.append(.actionChanged(old: old.action, new: new.action)) }
        else if old.actionVersion != new.actionVersion {
            result.append(.actionVersionChanged(old: old.actionVersion, new: new.actionVersion))
        }
        if old.parameters != new.parameters { result.append(.parametersChanged(old: old.parameters, new: new.parameters)) }
        var oldByPath: [String: FileVersion] = [:]
        for i in old.inputs { oldByPath[i.path] = i }
        var newPaths = Set<String>()
        for i in new.inputs {
            newPaths.insert(i.path)
            if let before = oldByPath[i.path] {
                if !before.content.hasSameBytes(as: i.content) {
                    result.append(.inputChanged(path: i.path, old: before.content, new: i.content))
                }
            } else {
                result.append(.inputAdded(i))
            }
        }
        for i in old.inputs where !newPaths.contains(i.path) { result.append(.inputRemoved(i)) }
        if old.event != new.event { result.append(.outcomeChanged(old: old.event, new: new.event)) }
        return result
    }

    var text: String {
        switch self {
        case .actionChanged(let o, let n): return "action \(o) → \(n)"
        case .actionVersionChanged(let o, let n): return "action version \(o) → \(n)"
        case .parametersChanged(let o, let n): return "parameters \(o.isEmpty ? "(none)" : o) → \(n.isEmpty ? "(none)" : n)"
        case .inputChanged(let p, let o, let n):
            return "input \(p): \(o.sha256.prefix(12)) (\(o.size) bytes) → \(n.sha256.prefix(12)) (\(n.size) bytes)"
        case .inputAdded(let i): return "input appeared: \(i.path) \(i.content.sha256.prefix(12)) (\(i.content.size) bytes)"
        case .inputRemoved(let i): return "input vanished: \(i.path) \(i.content.sha256.prefix(12)) (\(i.content.size) bytes)"
        case .outcomeChanged(let o, let n): return "outcome \(o.rawValue) → \(n.rawValue)"
        }
    }

    var code: String {
        switch self {
        case .actionChanged: return "action_changed"
        case .actionVersionChanged: return "action_version_changed"
        case .parametersChanged: return "parameters_changed"
        case .inputChanged: return "input_changed"
        case .inputAdded: return "input_added"
        case .inputRemoved: return "input_removed"
        case .outcomeChanged: return "outcome_changed"
        }
    }
}
