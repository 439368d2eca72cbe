// The hourly aggregate of flights.md §3: every snapshot of one hour, parsed once, gives the kept
// rows, the rejected rows and the hour's counts. Snapshots are taken in time order (then path
// order), so for duplicate observations "the last snapshot wins" is well defined; the kept rows
// come out sorted by (icao24, observation time). Nothing is dropped silently:
// kept + rejected + duplicates = rows read.

import Foundation

/// A row that failed a critical check, with where it came from.
public struct RejectedRow: Sendable, Equatable {
    public var sourceFile: String
    public var rowIndex: Int
    public var snapshotTime: Int64
    public var rawText: String
    /// Every problem, in the order found.
    public var problems: [RowProblem]

    /// The distinct reason codes, in spec order.
    public var reasons: [RejectReason] { RowProblem.codes(problems) }
}

/// The result of one hour.
public struct HourlyBatch: Sendable {
    public var kept: [FlightObservation] = []
    public var rejected: [RejectedRow] = []
    public var counts = HourlyCounts()

    public init() {}

    /// Judges every row of `snapshots` (path, snapshot) and removes duplicates.
    public init(snapshots: [(path: String, snapshot: Snapshot)], references: FlightReferences) {
        var accumulator = HourlyAccumulator(references: references)
        for (path, snapshot) in snapshots { accumulator.add(path: path, snapshot: snapshot) }
        self = accumulator.finish()
    }
}

/// Builds an hour one snapshot at a time: each snapshot is judged as soon as it is read, so
/// only its kept observations and rejected rows stay in memory, never its bytes or rows.
public struct HourlyAccumulator {
    private struct Judged {
        var time: Int64
        var order: Int
        var kept: [FlightObservation]
        var rejected: [RejectedRow]
        var rowsRead: Int
    }

    public let references: FlightReferences
    private var judged: [Judged] = []

    public init(references: FlightReferences) { self.references = references }

    public mutating func add(path: String, snapshot: Snapshot) {
        var entry = Judged(time: snapshot.time, order: judged.count, kept: [], rejected: [], rowsRead: snapshot.rows.count)
        for (index, row) in snapshot.rows.enumerated() {
            switch RowJudgement.judge(row.state, snapshotTime: snapshot.time, references: references) {
            case .rejected(let problems):
                entry.rejected.append(RejectedRow(sourceFile: path, rowIndex: index, snapshotTime: snapshot.time,
                                                  rawText: row.rawText, problems: problems))
            case .kept(let observation):
                entry.kept.append(observation)
            }
        }
        judged.append(entry)
    }

    /// Orders the snapshots by their own time (then arrival), removes duplicates (the last
    /// snapshot wins) and sorts the kept rows by (icao24, observation time). Each snapshot's
    /// rows are released as they are merged, so the hour is never held twice.
    public consuming func finish() -> HourlyBatch {
        var batch = HourlyBatch()
        var latest: [DedupKey: Int] = [:]
        var observations: [FlightObservation] = []
        judged.sort { ($0.time, $0.order) > ($1.time, $1.order) }
        while let entry = judged.popLast() {
            batch.counts.snapshots += 1
            batch.counts.rowsRead += entry.rowsRead
            for row in entry.rejected { batch.counts.countRejection(row.reasons) }
            batch.rejected += entry.rejected
            for observation in entry.kept {
                if let previous = latest[observation.dedupKey] {
                    observations[previous] = observation
                    batch.counts.duplicates += 1
                } else {
                    latest[observation.dedupKey] = observations.count
                    observations.append(observation)
                }
            }
        }
        latest = [:]
        // Sort small keys, then apply the permutation in place: observations are large, and
        // moving or copying them dominated both time and memory.
        let order = observations.indices.sorted {
            let a = observations[$0], b = observations[$1]
            return (a.icao24, a.observationTime, a.snapshotTime) < (b.icao24, b.observationTime, b.snapshotTime)
        }
        Self.permute(&observations, by: order)
        batch.kept = observations
        batch.counts.kept = batch.kept.count
        for observation in batch.kept {
            for flag in observation.qualityFlags { batch.counts.flagCounts[flag.rawValue, default: 0] += 1 }
        }
        return batch
    }

    /// Rearranges `values` so that position i holds the element that was at `order[i]`,
    /// following each cycle of the permutation once.
    static func permute<T>(_ values: inout [T], by order: [Int]) {
        var source = order
        for start in source.indices where source[start] != start {
            let first = values[start]
            var position = start
            while true {
                let next = source[position]
                source[position] = position
                if next == start {
                    values[position] = first
                    break
                }
                values[position] = values[next]
                position = next
            }
        }
    }
}

/// The counts of one hour, written to `metrics/flights/hourly/…json`.
public struct HourlyCounts: Sendable, Equatable {
    public var snapshots = 0
    public var rejectedFiles = 0
    public var rowsRead = 0
    public var kept = 0
    public var rejectedRows = 0
    public var duplicates = 0
    /// Rejected rows per reason code (a row with two reasons counts under both, a row with two
    /// problems of one code once).
    public var reasonCounts: [String: Int] = [:]
    /// Kept rows per quality flag.
    public var flagCounts: [String: Int] = [:]

    public init() {}

    mutating func countRejection(_ reasons: [RejectReason]) {
        rejectedRows += 1
        for reason in reasons { reasonCounts[reason.rawValue, default: 0] += 1 }
    }
}
