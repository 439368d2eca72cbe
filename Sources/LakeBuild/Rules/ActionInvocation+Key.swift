// What running one target requires of its action: whether a built-in is handed its inputs'
// bytes, and the name and parameters that enter the target's key and catalog row.

extension ActionInvocation {
    /// True for a built-in action, which reads its inputs through the engine (a shell command
    /// reads them by name).
    var isBuiltin: Bool {
        if case .builtin = self { return true }
        return false
    }

    /// The name the key and catalog use: the built-in's name, or `sh`.
    var actionName: String {
        switch self {
        case .builtin(let name, _, _): return name
        case .shell: return "sh"
        }
    }

    /// Parameters that enter the key; for `sh` the command text.
    var keyParameters: [Parameter] {
        switch self {
        case .builtin(_, let p, _): return p
        case .shell(let command, _): return [Parameter(key: "command", value: command)]
        }
    }
}
