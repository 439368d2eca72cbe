// An output an action writes in pieces as it makes it, instead of returning its bytes whole.
// In a build the pieces gather until a megabyte has, then go straight to the output's
// temporary file, and so on, hashed as they go (so the file is not read back to hash it);
// the engine publishes it like any other (synced in its batch, renamed into place). An output that stays under a megabyte never
// makes its file on the action's thread: it is handed over as bytes and written with its
// batch, as a returned output is (creating a file is the costly part of a small output).
// Where there is no lake (an action called by a unit test) the pieces gather in memory.

import Catalog
import Foundation
import LakeFormats

/// One output of an action, written as it is made. Open it with `ActionContext.openOutput`,
/// write to it, and return it in `ActionResult.written`.
public final class StreamedOutput: @unchecked Sendable {
    /// Index of the output in the rule's `out` order.
    public let index: Int
    /// The temporary file the bytes go to in a build; nil when they gather in memory.
    public let temporaryPath: String?
    private let fileSystem: FileSystem?
    private let lock = NSLock()
    private var pending: [UInt8] = []
    private var fileMade = false
    /// The SHA-256 of what reached the file so far, so the engine need not read it back.
    private var hasher = SHA256()
    private var finished = false
    private var written = 0

    /// Bytes gathered before they are written to the file in one call.
    static let flushSize = 1 << 20

    /// A stream into the temporary file `temporaryPath` of `fileSystem`.
    init(index: Int, temporaryPath: String, fileSystem: FileSystem) {
        self.index = index
        self.temporaryPath = temporaryPath
        self.fileSystem = fileSystem
    }

    /// A stream that gathers its bytes in memory (`bytes`).
    public init(index: Int) {
        self.index = index
        temporaryPath = nil
        fileSystem = nil
    }

    /// Number of bytes written so far.
    public var count: Int { lock.withLock { written } }

    /// In memory: every byte written. For a file: what has not reached it yet.
    public var bytes: [UInt8] { lock.withLock { pending } }

    /// Appends `bytes` to the output.
    public func write(_ bytes: [UInt8]) throws(ActionError) {
        try withLock { () throws(ActionError) in
            guard !finished else { throw .failed("output \(index) written after it was finished") }
            pending += bytes
            written += bytes.count
            if fileSystem != nil && pending.count >= Self.flushSize { try flush() }
        }
    }

    /// Ends the stream: what the engine publishes. An output that reached its file has the
    /// rest written there; one that stayed under `flushSize` (or gathered in memory) is handed
    /// over as its bytes, written with the rest of its batch like any returned output.
    func finish() throws(ActionError) -> ProducedOutput {
        try withLock { () throws(ActionError) -> ProducedOutput in
            guard !finished else { throw .failed("output \(index) finished twice") }
            finished = true
            guard fileMade, let temporaryPath else { return .bytes(pending) }
            try flush()
            return .temporaryFile(temporaryPath, content: FileContent(sha256: SHA256.hex(hasher.finalize()), size: Int64(written)))
        }
    }

    /// Removes the temporary file (the action failed or was rejected after opening it).
    func discard() {
        lock.withLock {
            finished = true
            pending = []
            if fileMade, let fileSystem, let temporaryPath { try? fileSystem.remove(temporaryPath) }
        }
    }

    private func flush() throws(ActionError) {
        guard let fileSystem, let temporaryPath else { return }
        do {
            if fileMade {
                try fileSystem.appendTemporary(pending, to: temporaryPath)
            } else {
                try fileSystem.writeTemporary(pending, to: temporaryPath)
                fileMade = true
            }
        } catch {
            throw .io(error)
        }
        hasher.update(pending)
        pending = []
    }

    private func withLock<T>(_ body: () throws(ActionError) -> T) throws(ActionError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

extension StreamedOutput: Equatable {
    /// The same stream (a stream is one output being written, not a value).
    public static func == (a: StreamedOutput, b: StreamedOutput) -> Bool { a === b }
}
