// Finished targets wait here, with their changed outputs, to be published together: one
// thread takes them in batches and hands each batch to `flush` (`BuildSession.publish`), which
// writes every output to its temporary file and syncs them all side by side, renames them into
// place, syncs each folder once and journals the batch in one catalog transaction. Syncing
// many files at once costs about what syncing one does, where one after the other each waits
// for its own disk round trip; and the publishing thread works while the next targets run.
//
// A batch is flushed when the oldest target in it has waited `window`, when it holds
// `maxBatch` targets or `maxWeight` bytes, when the scheduler has nothing to start (`hurry`:
// a dependent is waiting for these outputs, or the build is ending), and at `close`. A target
// counts as finished for its dependents only once its batch is flushed. What waits is bounded:
// `add` blocks while `maxWeight` × 4 bytes are waiting.

import Foundation

final class PublishQueue<Item: Sendable>: @unchecked Sendable {
    /// The longest a finished target waits for others to join its batch.
    static var window: Double { 0.05 }
    /// The most targets one batch holds.
    static var maxBatch: Int { 256 }
    /// The bytes that make a batch full.
    static var maxWeight: Int { 16 << 20 }

    private let condition = NSCondition()
    private var waiting: [(item: Item, since: UInt64)] = []
    private var waitingWeight = 0
    private var urgent = false
    private var closed = false
    private var started = false
    private let stopped = DispatchGroup()
    private let weight: @Sendable (Item) -> Int
    private let flush: @Sendable ([Item]) -> Void

    /// - Parameters:
    ///   - weight: the bytes an item holds in memory while it waits.
    ///   - flush: publishes one batch; called on the queue's own thread, one batch at a time,
    ///     in the order the items were added.
    init(weight: @escaping @Sendable (Item) -> Int, flush: @escaping @Sendable ([Item]) -> Void) {
        self.weight = weight
        self.flush = flush
    }

    /// Adds a finished target; its thread starts with the first one.
    func add(_ item: Item) {
        let w = weight(item)
        condition.lock()
        defer { condition.unlock() }
        precondition(!closed, "a target was added to a closed publish queue")
        while started && !waiting.isEmpty && waitingWeight + w > 4 * Self.maxWeight { condition.wait() }
        waiting.append((item, DispatchTime.now().uptimeNanoseconds))
        waitingWeight += w
        if !started {
            started = true
            stopped.enter()
            Thread.detachNewThread { [self] in
                run()
                stopped.leave()
            }
        }
        // The first item starts the window; a full batch goes at once.
        if waiting.count == 1 || waiting.count >= Self.maxBatch || waitingWeight >= Self.maxWeight { condition.broadcast() }
    }

    /// Publishes what is waiting now, without waiting for the batch to fill.
    func hurry() {
        condition.lock()
        defer { condition.unlock() }
        guard !waiting.isEmpty else { return }
        urgent = true
        condition.broadcast()
    }

    /// Publishes everything still waiting and returns once it is published.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        let wasStarted = started
        condition.unlock()
        if wasStarted { stopped.wait() }
    }

    private func run() {
        condition.lock()
        while true {
            while waiting.isEmpty && !closed { condition.wait() }
            if waiting.isEmpty { break }
            // Let the batch fill, up to the oldest item's deadline.
            while !closed && !urgent && waiting.count < Self.maxBatch && waitingWeight < Self.maxWeight {
                let deadline = waiting[0].since + UInt64(Self.window * 1e9)
                let now = DispatchTime.now().uptimeNanoseconds
                if now >= deadline { break }
                _ = condition.wait(until: Date().addingTimeInterval(Double(deadline - now) / 1e9))
            }
            var count = 0, batchWeight = 0
            while count < min(waiting.count, Self.maxBatch) && (count == 0 || batchWeight < Self.maxWeight) {
                batchWeight += weight(waiting[count].item)
                count += 1
            }
            let batch = waiting.prefix(count).map(\.item)
            waiting.removeFirst(count)
            waitingWeight -= batchWeight
            // A target waiting to be added may fit now.
            condition.broadcast()
            // Hurried items left over (more than one batch) go next, without waiting.
            urgent = urgent && !waiting.isEmpty
            condition.unlock()
            flush(batch)
            condition.lock()
        }
        condition.unlock()
    }
}
