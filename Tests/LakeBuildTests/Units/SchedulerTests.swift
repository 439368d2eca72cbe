import Foundation
import LakeBuild
import XCTest

final class SchedulerTests: XCTestCase {
    /// Every node runs once, after all its dependencies, with any number of jobs.
    func testDependenciesFinishFirst() {
        // A diamond plus a chain: 0 → 1, 0 → 2, {1,2} → 3, 3 → 4; 5 independent.
        let deps = [[], [0], [0], [1, 2], [3], []]
        for jobs in [1, 2, 4] {
            let log = EventLog()
            Scheduler(jobs: jobs).run(nodeCount: deps.count, dependencies: deps) { node in
                log.append("start \(node)")
                usleep(2000)
                log.append("end \(node)")
            }
            let events = log.events
            for (node, ds) in deps.enumerated() {
                let start = events.firstIndex(of: "start \(node)")
                XCTAssertNotNil(start, "node \(node) ran (jobs \(jobs))")
                XCTAssertEqual(events.filter { $0 == "start \(node)" }.count, 1)
                for d in ds {
                    XCTAssertLessThan(events.firstIndex(of: "end \(d)") ?? .max, start ?? -1, "\(d) before \(node) (jobs \(jobs))")
                }
            }
        }
    }

    func testSerialOrderIsLowestIndexFirst() {
        let log = EventLog()
        Scheduler(jobs: 1).run(nodeCount: 4, dependencies: [[3], [], [], []]) { log.append("\($0)") }
        XCTAssertEqual(log.events, ["1", "2", "3", "0"])
    }

    func testRunsInParallelWhenAllowed() {
        // Each node waits (with a deadline) until both have started: a scheduler that ran them
        // one after the other would make the first wait out its deadline.
        let barrier = Barrier(parties: 2)
        let met = EventLog()
        Scheduler(jobs: 2).run(nodeCount: 2, dependencies: [[], []]) { node in
            if barrier.arriveAndWait(seconds: 10) { met.append("met \(node)") }
        }
        XCTAssertEqual(met.events.sorted(), ["met 0", "met 1"], "both nodes ran at the same time")
    }
}

extension SchedulerTests {
    /// A node handed over to be finished later holds back its dependents until it is, while
    /// independent nodes go on; a thread with nothing to start says so through `idle`.
    func testDeferredNodeReleasesDependentsOnlyWhenFinished() {
        // 0 → 1; 2 and 3 independent. Node 0 is finished by another thread, only when asked.
        let deps = [[], [0], [], []]
        for jobs in [1, 2, 4] {
            let log = EventLog()
            let holder = DeferredHolder()
            Scheduler(jobs: jobs).run(nodeCount: deps.count, dependencies: deps, idle: { holder.finishAll(log) }) { node, completion in
                log.append("start \(node)")
                if node == 0 {
                    holder.hold(node, completion)
                    return false
                }
                return true
            }
            let events = log.events
            XCTAssertEqual(events.filter { $0.hasPrefix("start") }.count, 4, "every node ran once (jobs \(jobs))")
            let finished = events.firstIndex(of: "finish 0") ?? .max
            XCTAssertLessThan(finished, events.firstIndex(of: "start 1") ?? -1, "1 starts after 0 is finished (jobs \(jobs))")
            if jobs == 1 {
                XCTAssertLessThan(events.firstIndex(of: "start 3") ?? .max, finished,
                                  "independent nodes run before the deferred one is asked for")
            }
        }
    }

    /// `finish` may come before `process` has returned (the batch was published at once).
    func testNodeFinishedBeforeProcessReturns() {
        for jobs in [1, 3] {
            let log = EventLog()
            Scheduler(jobs: jobs).run(nodeCount: 3, dependencies: [[], [0], [1]], idle: {}) { node, completion in
                log.append("\(node)")
                completion.finish(node)
                return false
            }
            XCTAssertEqual(log.events, ["0", "1", "2"])
        }
    }
}

/// Holds completions until the scheduler says it is idle, then finishes them on another thread.
private final class DeferredHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var held: [(Int, Scheduler.Completion)] = []

    func hold(_ node: Int, _ completion: Scheduler.Completion) {
        lock.lock()
        held.append((node, completion))
        lock.unlock()
    }

    func finishAll(_ log: EventLog) {
        lock.lock()
        let now = held
        held = []
        lock.unlock()
        guard !now.isEmpty else { return }
        Thread.detachNewThread {
            usleep(2000)
            for (node, completion) in now {
                log.append("finish \(node)")
                completion.finish(node)
            }
        }
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _events: [String] = []
    func append(_ e: String) {
        lock.lock()
        _events.append(e)
        lock.unlock()
    }
    var events: [String] {
        lock.lock()
        defer { lock.unlock() }
        return _events
    }
}

/// Lets `parties` threads wait for each other, with a deadline.
private final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0

    init(parties: Int) { self.parties = parties }

    /// True when every party arrived before the deadline.
    func arriveAndWait(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let deadline = Date().addingTimeInterval(seconds)
        while arrived < parties {
            if !condition.wait(until: deadline) { return arrived >= parties }
        }
        return true
    }
}
