// The scheduler only orders and runs: a node starts once every node it depends on has
// finished, at most `jobs` at a time (ninja's Plan with its ready queue). It knows nothing
// about files, hashes or the catalog; what "processing" a node means is the caller's, and so
// is when a node counts as finished: `process` may hand a node over to be finished later (a
// target whose outputs wait to be published with others), and its dependents wait until then.

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
        run(nodeCount: nodeCount, dependencies: dependencies, idle: {}) { node, _ in
            process(node)
            return true
        }
    }

    /// Calls `process` once for every node, each after all of its `dependencies` have
    /// finished. A node is finished when `process` returns true for it; when it returns false,
    /// the node is finished later by `completion.finish(node)`, from any thread (even before
    /// `process` has returned), and its dependents start only then. `run` returns once every
    /// node has finished.
    /// - Parameter idle: called, from a thread with nothing to start, while some node waits
    ///   to be finished that way: whatever holds such nodes should finish them now rather than
    ///   later. It may be called again before they are.
    public func run(nodeCount: Int, dependencies: [[Int]], idle: @escaping @Sendable () -> Void,
                    process: @escaping @Sendable (Int, Completion) -> Bool) {
        let state = SchedulerState(nodeCount: nodeCount, dependencies: dependencies, idle: idle)
        let completion = Completion(state)
        let work: @Sendable () -> Void = {
            while let node = state.take() {
                state.returned(node, finished: process(node, completion))
            }
        }
        if jobs == 1 {
            work()
            return
        }
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(nodeCount, 1)) {
            group.enter()
            Thread.detachNewThread {
                work()
                group.leave()
            }
        }
        group.wait()
    }

    /// Finishes nodes whose `process` returned false.
    public final class Completion: Sendable {
        private let state: SchedulerState

        fileprivate init(_ state: SchedulerState) { self.state = state }

        /// Marks `node` finished, releasing its dependents.
        public func finish(_ node: Int) { state.completed(node) }
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
    /// Nodes handed over to be finished later.
    private var deferred = Set<Int>()
    /// Nodes finished through `Completion` before their `process` returned.
    private var finishedEarly = Set<Int>()
    private let idle: @Sendable () -> Void

    init(nodeCount: Int, dependencies: [[Int]], idle: @escaping @Sendable () -> Void) {
        waitingOn = dependencies.map { Set($0).count }
        dependents = Array(repeating: [], count: nodeCount)
        for (node, deps) in dependencies.enumerated() {
            for d in Set(deps) { dependents[d].append(node) }
        }
        let counts = waitingOn
        ready = MinHeap((0..<nodeCount).filter { counts[$0] == 0 })
        remaining = nodeCount
        self.idle = idle
    }

    /// The next ready node, waiting while others run or wait to be finished; nil when
    /// everything has finished.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        var announced = false
        while true {
            if remaining == 0 { return nil }
            if let node = ready.pop() {
                running += 1
                return node
            }
            // With nothing ready, running or deferred, the rest can never start (a cycle): stop.
            if running == 0 && deferred.isEmpty { return nil }
            if !deferred.isEmpty && !announced {
                // Outside the lock: finishing the deferred nodes takes it.
                announced = true
                condition.unlock()
                idle()
                condition.lock()
                continue
            }
            condition.wait()
            announced = false
        }
    }

    /// `process` returned for `node`: finished now, or to be finished later.
    func returned(_ node: Int, finished: Bool) {
        condition.lock()
        defer { condition.unlock() }
        running -= 1
        if finished || finishedEarly.remove(node) != nil {
            release(node)
        } else {
            deferred.insert(node)
            // A thread waiting for work may now have to ask for this node to be finished.
            condition.broadcast()
        }
    }

    /// `Completion.finish(node)`.
    func completed(_ node: Int) {
        condition.lock()
        defer { condition.unlock() }
        if deferred.remove(node) != nil {
            release(node)
            // A thread waiting for work asks again for what is still deferred.
            condition.broadcast()
        } else {
            finishedEarly.insert(node)
        }
    }

    private func release(_ node: Int) {
        remaining -= 1
        var released = false
        for d in dependents[node] {
            waitingOn[d] -= 1
            if waitingOn[d] == 0 {
                ready.push(d)
                released = true
            }
        }
        // Waiting threads only need waking when there is new work, nothing left, or nothing
        // that could bring either.
        if released || remaining == 0 || (running == 0 && deferred.isEmpty) { condition.broadcast() }
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
