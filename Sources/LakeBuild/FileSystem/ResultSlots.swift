import Foundation

/// Fixed-size slots filled from several threads.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }
    func get(_ i: Int) -> T? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}

/// Splits `0..<count` into ranges of at least `minimum` worked on in parallel, and returns each
/// range's result in range order. For read-only passes over a whole lake's lists (a build's
/// comparison of the walk with the stored plan, `verify`'s hashing of every output), which
/// would otherwise leave a core idle.
/// - Parameter perCore: ranges per core at most (more even out ranges of uneven cost).
public func inParallelChunks<T>(_ count: Int, atLeast minimum: Int = 8192, perCore: Int = 2,
                                _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let chunks = max(1, min(perCore * ProcessInfo.processInfo.activeProcessorCount, count / minimum))
    guard chunks > 1 else { return [body(0..<count)] }
    let results = ResultSlots<T>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        results.set(c, body((count * c / chunks)..<(count * (c + 1) / chunks)))
    }
    return (0..<chunks).compactMap { results.get($0) }
}
