// Values a build keeps alive to the end of the process instead of freeing them one by one
// (`BuildOptions.leavesMemoryToExit`): the exit takes their memory back at once.

import Foundation

/// What builds left for the operating system to take back at exit. Only plain data goes
/// here: nothing whose release closes a file or a database.
enum LeftToExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) {
        lock.lock()
        kept.append(value)
        lock.unlock()
    }
}
