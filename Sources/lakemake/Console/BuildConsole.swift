// What a build shows while it runs, on stderr: on a terminal, each failure or rejection the
// moment it happens and a progress line with counts (`[123/5000] 120 built, 2 failed, 1 rejected
// · processed/sales/…`), redrawn at most ten times a second; with `-v`, each `sh` command as it
// starts, terminal or not. The final report on stdout is printed by `BuildSummary`.

import Foundation
import LakeBuild

final class BuildConsole: @unchecked Sendable {
    private let output: Output
    private let lock = NSLock()
    private var last: UInt64 = 0
    private var built = 0, unchanged = 0, failed = 0, rejected = 0

    init(output: Output) { self.output = output }

    /// Wires the console into a build's options: live trouble lines and progress on a terminal.
    func attach(to options: inout BuildOptions) {
        guard output.isTerminal, !options.dryRun else { return }
        options.onTargetFinished = { [self] in targetFinished($0) }
        options.onProgress = { [self] in update($0, $1, $2) }
    }

    /// `-v`: the command line of each `sh` rule as it starts.
    func shellCommand(_ primaryOutput: String, _ command: String) {
        output.error(output.styledError("  run       ", "36") + " \(primaryOutput): \(command)")
    }

    func targetFinished(_ t: TargetReport) {
        lock.lock()
        switch t.outcome {
        case .built(_, let changed): if changed { built += 1 } else { unchanged += 1 }
        case .failed: failed += 1
        case .rejected: rejected += 1
        default: break
        }
        lock.unlock()
        switch t.outcome {
        case .failed, .rejected:
            if let line = BuildSummary.line(for: t, paint: output.styledError) { output.error(line) }
        default: break
        }
    }

    func update(_ finished: Int, _ total: Int, _ path: String) {
        guard total > 8 else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        let due = now - last > 100_000_000 || finished == total
        if due { last = now }
        var counts = ["\(built) built"]
        if unchanged > 0 { counts.append("\(unchanged) unchanged") }
        if failed > 0 { counts.append(output.styledError("\(failed) failed", "31")) }
        if rejected > 0 { counts.append(output.styledError("\(rejected) rejected", "33")) }
        lock.unlock()
        guard due else { return }
        let width = 50
        let shown = path.count > width ? "…" + path.suffix(width - 1) : path
        output.progress("[\(finished)/\(total)] \(counts.joined(separator: ", ")) · \(shown)")
    }
}
