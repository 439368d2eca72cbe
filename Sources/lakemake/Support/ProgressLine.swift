// `[1234/5000] processed/sales/…` redrawn on stderr, at most ten times a second, only on a
// terminal and only for builds with more than a few targets.

import Foundation

final class ProgressLine: @unchecked Sendable {
    private let output: Output
    private let lock = NSLock()
    private var last: UInt64 = 0

    init(output: Output) { self.output = output }

    func update(_ finished: Int, _ total: Int, _ path: String) {
        guard total > 8 else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        let due = now - last > 100_000_000 || finished == total
        if due { last = now }
        lock.unlock()
        guard due else { return }
        let width = 60
        let shown = path.count > width ? "…" + path.suffix(width - 1) : path
        output.progress("[\(finished)/\(total)] \(shown)")
    }
}
