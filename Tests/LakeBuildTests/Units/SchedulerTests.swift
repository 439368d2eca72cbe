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
