// The publish queue's batching: a target waits at most the window, a hurried batch goes at
// once, and nothing is left behind at close.

import Foundation
import XCTest
@testable import LakeBuild

final class PublishQueueTests: XCTestCase {
    func testABatchGoesWhenItsOldestItemHasWaitedTheWindow() {
        let flushed = FlushLog()
        let queue = PublishQueue<Int>(weight: { _ in 1 }) { batch in flushed.add(batch) }
        let start = Date()
        queue.add(1)
        queue.add(2)
        XCTAssertTrue(flushed.wait(for: 1, seconds: 10), "the window ends the batch without any other event")
        let waited = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(waited, PublishQueue<Int>.window * 0.9)
        XCTAssertEqual(flushed.batches, [[1, 2]])
        // Once the thread has gone back to waiting, a new item starts a window of its own.
        queue.add(3)
        XCTAssertTrue(flushed.wait(for: 2, seconds: 10), "an item added to an idle queue is flushed by its window")
        XCTAssertEqual(flushed.batches, [[1, 2], [3]])
        queue.close()
    }

    func testHurryFlushesAtOnceAndCloseFlushesTheRest() {
        let flushed = FlushLog()
        let queue = PublishQueue<Int>(weight: { _ in 1 }) { batch in flushed.add(batch) }
        queue.add(1)
        queue.hurry()
        XCTAssertTrue(flushed.wait(for: 1, seconds: 10))
        queue.add(2)
        queue.add(3)
        queue.close()
        XCTAssertEqual(flushed.batches.joined().sorted(), [1, 2, 3], "every item is flushed once, in order")
        XCTAssertEqual(Array(flushed.batches.joined()), [1, 2, 3])
    }

    func testAFullBatchGoesWithoutWaiting() {
        let flushed = FlushLog()
        let queue = PublishQueue<Int>(weight: { _ in PublishQueue<Int>.maxWeight / 2 }) { batch in flushed.add(batch) }
        queue.add(1)
        queue.add(2)
        XCTAssertTrue(flushed.wait(for: 1, seconds: PublishQueue<Int>.window * 0.5), "a batch at its weight goes before the window ends")
        queue.close()
        XCTAssertEqual(flushed.batches, [[1, 2]])
    }
}

private final class FlushLog: @unchecked Sendable {
    private let condition = NSCondition()
    private var _batches: [[Int]] = []

    func add(_ batch: [Int]) {
        condition.lock()
        _batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    var batches: [[Int]] {
        condition.lock()
        defer { condition.unlock() }
        return _batches
    }

    /// True when `count` batches were flushed within `seconds`.
    func wait(for count: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while _batches.count < count {
            if !condition.wait(until: deadline) { return _batches.count >= count }
        }
        return true
    }
}
