/// How a target's last run ended.
public enum TargetState: String, Sendable, Equatable, CaseIterable {
    /// The action ran and its outputs are in place.
    case built
    /// The action found an input invalid (a data problem); not retried until an input or the
    /// rule changes.
    case rejected
    /// The action could not run (non-zero exit, I/O error); retried on every build.
    case failed
}

/// The verifying trace of one target: what ran (rule, action, version, parameters), on exactly
/// which inputs (in order), what it produced, and how it ended.
///
/// A target is identified by its primary output path, which stays the same across builds even
/// when its key changes.
public struct TargetRecord: Sendable, Equatable {
    /// Lake-relative path of the first output; the target's identity.
    public var primaryOutput: String
    /// Name of the rule that bound this target.
    public var rule: String
    /// Name of the action the rule runs.
    public var action: String
    /// The action's version; bumping it rebuilds the action's outputs.
    public var actionVersion: Int
    /// The parameters in canonical text form.
    public var parameters: String
    /// Hex `TargetKey` computed from action, version, parameters and inputs.
    public var key: String
    public var state: TargetState
    /// Why the target failed; for rejections a JSON document. Nil when built.
    public var error: String?
    /// Wall-clock duration of the action in milliseconds.
    public var durationMs: Int64
    /// The build that recorded this trace.
    public var buildID: Int64
    /// Outputs in rule order (the primary output first, when written).
    public var outputs: [FileVersion]
    /// Inputs in line-then-member order, as they were hashed into the key.
    public var inputs: [FileVersion]

    public init(primaryOutput: String, rule: String, action: String, actionVersion: Int,
                parameters: String, key: String, state: TargetState, error: String?,
                durationMs: Int64, buildID: Int64, outputs: [FileVersion], inputs: [FileVersion]) {
        self.primaryOutput = primaryOutput
        self.rule = rule
        self.action = action
        self.actionVersion = actionVersion
        self.parameters = parameters
        self.key = key
        self.state = state
        self.error = error
        self.durationMs = durationMs
        self.buildID = buildID
        self.outputs = outputs
        self.inputs = inputs
    }
}
