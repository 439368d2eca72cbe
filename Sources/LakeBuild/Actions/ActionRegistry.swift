/// The built-in actions rules may name, by name. The engine registers `copy`; pipelines add
/// theirs before a build.
public struct ActionRegistry: Sendable {
    private var actions: [String: Action] = [:]

    public init() { register(Action.copy) }

    public mutating func register(_ action: Action) { actions[action.name] = action }

    public subscript(name: String) -> Action? { actions[name] }

    /// Every registered name plus `sh`, for the rules parser.
    public var knownNames: Set<String> { Set(actions.keys).union(["sh"]) }
}

extension Action {
    /// `run copy`: each output is a byte copy of the input of the same position (the first
    /// input for every output when there is only one input).
    public static let copy = Action(name: "copy", version: 1) { context throws(ActionError) in
        let inputs = context.inputs.flatMap { $0 }
        guard !inputs.isEmpty else { throw .failed("copy needs an input") }
        var outputs: [[UInt8]] = []
        for i in context.outputs.indices {
            outputs.append(try context.read(inputs[min(i, inputs.count - 1)]))
        }
        return .outputs(outputs, rejections: [])
    }
}
