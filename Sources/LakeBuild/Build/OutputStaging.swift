// The output side of a build: what is in the lake at an output path, and what happens to the
// outputs an action produced. Each is hashed; one whose bytes equal the file already there is
// left untouched (same inode and mtime, so readers and watchers see nothing happen) and only
// its catalog row is brought up to date; the others wait in the publish queue and are published
// a batch at a time through the `Publisher`, and the journal is told each published file's row.
// Outputs of a target that produces nothing usable any more are deleted here too.
//
// Kept apart from the session, which decides and runs targets, so that how outputs reach the
// lake changes in one place. Workers call in at once: its own lock guards the hashes it made.

import Catalog
import Foundation
import LakeFormats

/// Hashes, keeps, publishes and removes a build's outputs, telling the journal what it did.
final class OutputStaging: @unchecked Sendable {
    /// Outputs of one target that changed: their bytes (or the temporary file a command wrote
    /// them to) and their paths.
    typealias Changed = [(output: ProducedOutput, path: String)]

    let publisher: Publisher
    private let listing: LakeListing
    private let state: CatalogState
    private let journal: BuildJournal

    private let lock = NSLock()
    /// Outputs hashed in this build because their fingerprint changed, by path.
    private var hashedOutputs: [String: String] = [:]

    init(fileSystem: FileSystem, listing: LakeListing, state: CatalogState, journal: BuildJournal) {
        self.publisher = Publisher(fileSystem: fileSystem)
        self.listing = listing
        self.state = state
        self.journal = journal
    }

    var fileSystem: FileSystem { publisher.fileSystem }

    /// The present content hash of an output path (re-hashed only if its fingerprint changed).
    func outputState(_ path: String) -> OutputState {
        guard let stat = listing.files[path] else { return .missing }
        if let r = state.files[path], r.matches(stat) { return .present(sha256: r.sha256) }
        if let h = locked({ hashedOutputs[path] }) { return .present(sha256: h) }
        guard let h = try? fileSystem.hash(path) else { return .missing }
        locked { hashedOutputs[path] = h.sha256 }
        return .present(sha256: h.sha256)
    }

    /// Hashes one output. When its bytes equal the file already there, the file is left
    /// untouched (same inode and mtime) and a temporary file holding them is removed.
    /// - Returns: the output's version, and whether it is to be published.
    func stage(_ output: ProducedOutput, as path: String) throws(FileSystemError) -> (FileVersion, changed: Bool) {
        let version: FileVersion
        switch output {
        case .bytes(let bytes):
            version = FileVersion(path: path, sha256: SHA256.hex(SHA256.hash(bytes)), size: Int64(bytes.count))
        case .temporaryFile(let temp, let known):
            // A streamed file was hashed as it was written; a command's is read to hash it.
            if let known {
                version = FileVersion(path: path, content: known)
            } else {
                version = FileVersion(path: path, content: try fileSystem.hash(temp))
            }
        }
        guard case .present(let sha) = outputState(path), sha == version.content.sha256 else { return (version, true) }
        if case .temporaryFile(let temp, _) = output { try fileSystem.remove(temp) }
        keepDerivedRecord(path, version)
        return (version, false)
    }

    /// Removes the temporary files among outputs that will not be published.
    func discard(_ produced: [ProducedOutput]) {
        for case .temporaryFile(let temp, _) in produced { try? fileSystem.remove(temp) }
    }

    /// Makes sure an output kept as it was has a catalog row with its present fingerprint
    /// (after a lost catalog, or an edit that was reverted).
    private func keepDerivedRecord(_ path: String, _ version: FileVersion) {
        guard let stat = listing.files[path] else { return }
        if let r = state.files[path], r.matches(stat), r.content.hasSameBytes(as: version.content) { return }
        journal.noteKept(FileRecord(path: path, kind: .derived, stat: stat, sha256: version.content.sha256,
                                    firstSeenBuild: state.files[path]?.firstSeenBuild ?? 0, lastSeenBuild: 0))
    }

    /// Publishes the changed outputs of several targets together: all their files written,
    /// synced, renamed and their folders synced (`FileSystem.publish`). The journal is told the
    /// row of each file of a target whose outputs are all durably in place.
    /// - Parameter targets: each target's changed files, and the versions of all its outputs.
    /// - Returns: per target, in order: nil when all its files were published, or why one was not.
    func publish(_ targets: [(files: Changed, versions: [FileVersion])]) -> [FileSystemError?] {
        let results = publisher.publish(targets.flatMap(\.files))
        var offset = 0
        return targets.map { target in
            let mine = results[offset..<offset + target.files.count]
            offset += target.files.count
            for case .failure(let e) in mine { return e }
            for (file, result) in zip(target.files, mine) {
                guard case .success(let stat?) = result, let v = target.versions.first(where: { $0.path == file.path }) else { continue }
                journal.notePublished(FileRecord(path: file.path, kind: .derived, stat: stat, sha256: v.content.sha256,
                                                 firstSeenBuild: state.files[file.path]?.firstSeenBuild ?? 0, lastSeenBuild: 0),
                                      size: v.content.size)
            }
            return nil
        }
    }

    /// Deletes the recorded outputs of a target that can no longer be built.
    /// - Parameter forgetTarget: also drop the target's catalog row (it is not replaced by a
    ///   new record in this build).
    func removeOutputs(of trace: TargetRecord?, forgetTarget: Bool = false) {
        guard let trace else { return }
        for o in trace.outputs where listing.files[o.path] != nil {
            try? fileSystem.remove(o.path)
            journal.noteRemovedOutput(o.path)
        }
        if forgetTarget { journal.noteRemovedTarget(trace.primaryOutput) }
    }

    /// Deletes the outputs of a recorded target no binding produces any more, and drops its
    /// catalog row with them.
    /// - Returns: the outputs that were in the lake.
    func removeOrphan(_ trace: TargetRecord) -> [String] {
        var removed: [String] = []
        for o in trace.outputs where listing.files[o.path] != nil {
            try? fileSystem.remove(o.path)
            removed.append(o.path)
        }
        journal.noteRemovedTarget(trace.primaryOutput, paths: trace.outputs.map(\.path))
        return removed
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
