// A value computed on a thread of its own while the build goes on, for work whose result is
// needed only later: the walk of raw/ and reference/ while the stored plan is read, the string
// table of a whole plan to write while the targets run.

import Dispatch

/// A value computed in the background, for one taker: `take()` returns it once computed.
final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once, before `done` is signalled; read and cleared by the one call to `take()`.
    private var value: Value?

    init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = compute()
            self.done.signal()
        }
    }

    /// The value, once computed; called once. The value is handed over, not kept: the taker
    /// holds its only reference, so changing a collection in it does not copy it first (the
    /// walk's 100 000 entries were copied to add a few outputs' stats, 27 ms).
    func take() -> Value {
        done.wait()
        defer { value = nil }
        return value!
    }
}
