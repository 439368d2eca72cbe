// A value computed on a thread of its own while the build goes on, for work whose result is
// needed only later: the walk of raw/ and reference/ while the stored plan is read, the string
// table of a whole plan to write while the targets run.

import Dispatch

/// A value computed in the background; `wait()` returns it once computed.
final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once, before `done` is signalled; read only after waiting for it.
    private var value: Value?

    init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = compute()
            self.done.signal()
        }
    }

    /// The value, once computed (at once on later calls).
    func wait() -> Value {
        done.wait()
        done.signal()
        return value!
    }
}
