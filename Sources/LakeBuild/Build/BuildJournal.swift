// Everything one build writes to the catalog, and the facts it gathers for those writes. The
// build row is begun at the first write, which also sets the stored plan aside (the plan no
// longer describes the lake from then on). Each finished target is journaled right after its
// outputs are published: its row, outputs, inputs and history together with the `files` rows of
// the outputs it just published, in one transaction (a batch of targets shares it), so a build
// killed at any moment leaves a catalog the next one decides from correctly (docs/catalog.md).
// What is not part of a target's entry waits for the end: the rows of changed raw and reference
// files, of derived files kept or written outside a target (rejection files), files gone from
// the lake and targets removed; then the build row is closed.
//
// Kept apart from the session so that what the catalog is told, and when, is decided in one
// place. Workers and the publish queue's thread call in at once: its own lock guards its state
// and serialises the catalog writes.

import Catalog
import Foundation
import LakeFormats

/// The catalog writes of one build, serialised, and the derived files, rejections and removals
/// they are made from.
final class BuildJournal: @unchecked Sendable {
    /// How the build will store its plan, which decides what its first write does to the
    /// stored one: `whole` deletes it, `changes` begins an empty change row.
    enum PlanWrite {
        case whole
        case changes
    }

    private let catalog: Catalog
    private let commandLine: String
    private let now: @Sendable () -> String
    let planWrite: PlanWrite

    private let lock = NSLock()
    private var buildID: Int64?
    private var changeRow: Int64?
    /// Derived files written or found in place in this build, by path.
    private var derivedRecords = ByteExactDictionary<FileRecord>()
    /// Derived files whose rows were written with their target (not again at the end).
    private var journaled = Set<String>()
    private var removedTargets: [String] = []
    private var removedPaths: [String] = []
    private var pendingRejections: [(rule: String, rejection: Rejection)] = []
    private var failures: [CatalogError] = []
    private var writes = 0
    private var bytesWritten: Int64 = 0

    init(catalog: Catalog, commandLine: String, now: @escaping @Sendable () -> String, planWrite: PlanWrite) {
        self.catalog = catalog
        self.commandLine = commandLine
        self.now = now
        self.planWrite = planWrite
    }

    // MARK: - The build row

    /// The build row's id, begun at the first call (0 when it could not be written).
    func currentBuildID() -> Int64 {
        locked {
            if let id = buildID { return id }
            do {
                let id = try catalog.beginBuild(commandLine: commandLine, startedAt: now())
                // From here on the stored plan no longer describes the lake: it goes, or a
                // change row that hides it until filled is begun (see `Catalog+StoredPlan`).
                switch planWrite {
                case .whole: try catalog.clearStoredPlan()
                case .changes: changeRow = try catalog.beginStoredPlanChange()
                }
                buildID = id
                writes += 1
                return id
            } catch let error as CatalogError {
                failures.append(error)
            } catch {}
            buildID = 0
            return 0
        }
    }

    /// The change row begun at the first write (`planWrite == .changes`).
    var planChangeRow: Int64? { locked { changeRow } }

    // MARK: - Targets

    /// Journals one finished target: its row, inputs and history, and the `files` rows of the
    /// outputs it published moments ago, in one transaction.
    func record(_ target: TargetRecord) { record([target]) }

    /// Journals finished targets as `record` does one, all in one transaction.
    func record(_ targets: [TargetRecord]) {
        guard !targets.isEmpty else { return }
        locked {
            do {
                let entries = targets.map { target in
                    (target: target,
                     publishedFiles: target.outputs.compactMap { o in derivedRecords[o.path] }.filter { !journaled.contains($0.path) })
                }
                try catalog.recordTargets(entries)
                for entry in entries { journaled.formUnion(entry.publishedFiles.map(\.path)) }
                writes += 1
            } catch let error as CatalogError {
                failures.append(error)
            } catch {}
        }
    }

    /// Rejections an action returned, for the rejection files and the report.
    func addRejections(_ rejections: [Rejection], rule: String) {
        locked { pendingRejections.append(contentsOf: rejections.map { (rule: rule, rejection: $0) }) }
    }

    /// Every rejection the actions of this build returned, in the order they came.
    var rejections: [(rule: String, rejection: Rejection)] { locked { pendingRejections } }

    // MARK: - Derived files

    /// An output just published, `size` bytes: its row goes with its target's entry.
    func notePublished(_ record: FileRecord, size: Int64) {
        locked {
            derivedRecords[record.path] = record
            writes += 1
            bytesWritten += size
        }
    }

    /// An output kept as it was, whose row is missing or stale: the row goes with its
    /// target's entry (or, when that was not written, at the end).
    func noteKept(_ record: FileRecord) {
        locked { derivedRecords[record.path] = record }
    }

    /// A derived file written outside a target (a rejection file).
    func noteDerived(_ record: FileRecord) {
        locked {
            derivedRecords[record.path] = record
            writes += 1
        }
    }

    /// The row this build has for a derived file it wrote or kept.
    func derivedRecord(_ path: String) -> FileRecord? { locked { derivedRecords[path] } }

    /// Rejection files this build wrote or kept.
    var derivedRejectionFiles: [String] { locked { derivedRecords.keys.filter(LakeLayout.isRejectionFile) } }

    // MARK: - Removals

    /// An output deleted because its target produced nothing usable.
    func noteRemovedOutput(_ path: String) {
        locked { removedPaths.append(path) }
    }

    /// A derived file deleted outside a target (a rejection file no longer wanted).
    func noteRemoved(_ path: String) {
        locked {
            removedPaths.append(path)
            writes += 1
        }
    }

    /// A target whose catalog row goes at the end, with `paths` (its outputs) removed.
    func noteRemovedTarget(_ primaryOutput: String, paths: [String] = []) {
        locked {
            removedTargets.append(primaryOutput)
            removedPaths.append(contentsOf: paths)
        }
    }

    /// Every path this build removed.
    var allRemovedPaths: Set<String> { locked { Set(removedPaths) } }

    // MARK: - The end

    /// Writes what waited for the end, then closes the build row (when one was begun).
    /// - Parameters:
    ///   - sources: the raw and reference files; the rows of those hashed in this build are written.
    ///   - gone: files the catalog recorded that are no longer in the lake; their rows are
    ///     forgotten unless this build wrote them again.
    ///   - report: the build's report, whose counts and exit status close the build row.
    /// - Returns: the build row's id, nil when the build wrote nothing.
    func finish(sources: SourceHashes, gone: Set<String>, report: BuildReport) -> Int64? {
        let (forgotten, removedTargets, hasDerived) = locked {
            (gone.filter { derivedRecords[$0] == nil }.sorted(by: LakePath.bytewiseLess), self.removedTargets, !derivedRecords.isEmpty)
        }
        if sources.hashedCount > 0 || hasDerived || !forgotten.isEmpty || !removedTargets.isEmpty {
            let id = currentBuildID()
            var records = sources.changedRecords(buildID: id)
            let derived = locked { derivedRecords.filter { !journaled.contains($0.key) } }
            for (_, var r) in derived.sorted(by: { LakePath.bytewiseLess($0.key, $1.key) }) {
                r.lastSeenBuild = id
                if r.firstSeenBuild == 0 { r.firstSeenBuild = id }
                records.append(r)
            }
            locked {
                do throws(CatalogError) {
                    if !records.isEmpty { try catalog.recordFiles(records, buildID: id) }
                    if !forgotten.isEmpty { try catalog.forgetFiles(paths: forgotten) }
                    if !removedTargets.isEmpty {
                        try catalog.removeTargets(primaryOutputs: removedTargets.sorted(by: LakePath.bytewiseLess), buildID: id)
                    }
                } catch {
                    failures.append(error)
                }
            }
        }
        return locked { () -> Int64? in
            guard let id = buildID else { return nil }
            do throws(CatalogError) {
                try catalog.finishBuild(id: id, finishedAt: now(), counts: report.counts, exitStatus: Int(report.exitStatus))
            } catch {
                failures.append(error)
            }
            return id
        }
    }

    /// The first catalog write that failed, if any.
    var firstFailure: CatalogError? { locked { failures.first } }

    /// Catalog writes and files written, and the bytes of the outputs published.
    var written: (writes: Int, bytesWritten: Int64) { locked { (writes, bytesWritten) } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
