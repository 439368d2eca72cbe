// The scheduler only orders and runs: a node starts once every node it depends on has
// finished, at most `jobs` at a time (ninja's Plan with its ready queue). It knows nothing
// about files, hashes or the catalog; what "processing" a node means is the caller's.

import Foundation

/// Runs a dependency graph of numbered nodes on up to `jobs` threads.
public struct Scheduler: Sendable {
    public let jobs: Int

    public init(jobs: Int) { self.jobs = max(1, jobs) }

    /// Calls `process` once for every node, each after all of its `dependencies`.
    /// Ready nodes start in ascending index order, so with `jobs == 1` the order is the
    /// topological order that keeps indices as low as possible.
    /// - Parameter dependencies: for each node, the nodes it waits for (all indices valid).
    public func run(nodeCount: Int, dependencies: [[Int]], process: @escaping @Sendable (Int) -> Void) {
        let state = SchedulerState(nodeCount: nodeCount, dependencies: dependencies)
        if jobs == 1 {
            while let node = state.take() {
                process(node)
                state.finish(node)
            }
            return
        }
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(nodeCount, 1)) {
            group.enter()
            Thread.detachNewThread {
                while let node = state.take() {
                    process(node)
                    state.finish(node)
                }
                group.leave()
            }
        }
        group.wait()
    }
}

/// The ready queue, guarded by one condition variable.
private final class SchedulerState: @unchecked Sendable {
    private let condition = NSCondition()
    private var waitingOn: [Int]
    private var dependents: [[Int]]
    private var ready: [Int]  // kept sorted descending so popLast gives the smallest index
    private var remaining: Int
    private var running = 0

    init(nodeCount: Int, dependencies: [[Int]]) {
        waitingOn = dependencies.map { Set($0).count }
        dependents = Array(repeating: [], count: nodeCount)
        for (node, deps) in dependencies.enumerated() {
            for d in Set(deps) { dependents[d].append(node) }
        }
        let counts = waitingOn
        ready = (0..<nodeCount).filter { counts[$0] == 0 }.reversed()
        remaining = nodeCount
    }

    /// The next ready node, waiting while others run; nil when everything has finished.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        // With nothing ready and nothing running, the rest can never start (a cycle): stop.
        while ready.isEmpty && remaining > 0 && running > 0 { condition.wait() }
        guard remaining > 0, let node = ready.popLast() else { return nil }
        running += 1
        return node
    }

    func finish(_ node: Int) {
        condition.lock()
        defer { condition.unlock() }
        remaining -= 1
        running -= 1
        var released = false
        for d in dependents[node] {
            waitingOn[d] -= 1
            if waitingOn[d] == 0 {
                let i = ready.firstIndex { $0 < d } ?? ready.count
                ready.insert(d, at: i)
                released = true
            }
        }
        // Waiting threads only need waking when there is new work or nothing left.
        if released || remaining == 0 || running == 0 { condition.broadcast() }
    }
}
