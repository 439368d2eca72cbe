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
    private var ready: MinHeap
    private var remaining: Int
    private var running = 0

    init(nodeCount: Int, dependencies: [[Int]]) {
        waitingOn = dependencies.map { Set($0).count }
        dependents = Array(repeating: [], count: nodeCount)
        for (node, deps) in dependencies.enumerated() {
            for d in Set(deps) { dependents[d].append(node) }
        }
        let counts = waitingOn
        ready = MinHeap((0..<nodeCount).filter { counts[$0] == 0 })
        remaining = nodeCount
    }

    /// The next ready node, waiting while others run; nil when everything has finished.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        // With nothing ready and nothing running, the rest can never start (a cycle): stop.
        while ready.isEmpty && remaining > 0 && running > 0 { condition.wait() }
        guard remaining > 0, let node = ready.pop() else { return nil }
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
                ready.push(d)
                released = true
            }
        }
        // Waiting threads only need waking when there is new work or nothing left.
        if released || remaining == 0 || running == 0 { condition.broadcast() }
    }
}

/// The ready queue: smallest node index first, O(log n) per push and pop.
private struct MinHeap {
    private var items: [Int]

    init(_ sorted: [Int]) { items = sorted }  // an ascending array is already a heap

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < items.count && items[l] < items[smallest] { smallest = l }
                if r < items.count && items[r] < items[smallest] { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }
}
