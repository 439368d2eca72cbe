/// What happened to a target in the build a history row belongs to.
public enum HistoryEvent: String, Sendable, Equatable, CaseIterable {
    case built
    case rejected
    case failed
    /// The target disappeared (its raw input or its rule went away) and its outputs were removed.
    case removed
}

/// One earlier version of a target, from the `history` table: lets `lineage --build N` and
/// `explain` answer for an output as it was, and say what its previous key and inputs were.
public struct HistoryRecord: Sendable, Equatable {
    /// The build that wrote this version.
    public var buildID: Int64
    public var primaryOutput: String
    public var event: HistoryEvent
    public var rule: String
    public var action: String
    public var actionVersion: Int
    public var parameters: String
    public var key: String
    public var error: String?
    public var durationMs: Int64
    /// Outputs as written in that build (empty for `.removed`).
    public var outputs: [FileVersion]
    /// Inputs as read in that build, in order (empty for `.removed`).
    public var inputs: [FileVersion]

    public init(buildID: Int64, primaryOutput: String, event: HistoryEvent, rule: String,
                action: String, actionVersion: Int, parameters: String, key: String,
                error: String?, durationMs: Int64, outputs: [FileVersion], inputs: [FileVersion]) {
        self.buildID = buildID
        self.primaryOutput = primaryOutput
        self.event = event
        self.rule = rule
        self.action = action
        self.actionVersion = actionVersion
        self.parameters = parameters
        self.key = key
        self.error = error
        self.durationMs = durationMs
        self.outputs = outputs
        self.inputs = inputs
    }

    /// The target as this version recorded it; nil for a `.removed` row.
    public var target: TargetRecord? {
        let state: TargetState
        switch event {
        case .built: state = .built
        case .rejected: state = .rejected
        case .failed: state = .failed
        case .removed: return nil
        }
        return TargetRecord(primaryOutput: primaryOutput, rule: rule, action: action,
                            actionVersion: actionVersion, parameters: parameters, key: key,
                            state: state, error: error, durationMs: durationMs, buildID: buildID,
                            outputs: outputs, inputs: inputs)
    }
}
