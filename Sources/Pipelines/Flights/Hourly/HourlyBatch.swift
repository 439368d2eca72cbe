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
    public var reasons: [RejectReason]
}

/// The result of one hour.
public struct HourlyBatch: Sendable {
    public var kept: [FlightObservation] = []
    public var rejected: [RejectedRow] = []
    public var counts = HourlyCounts()

    public init() {}

    /// Judges every row of `snapshots` (path, snapshot) and removes duplicates.
    public init(snapshots: [(path: String, snapshot: Snapshot)], references: FlightReferences) {
        let ordered = snapshots.enumerated().sorted {
            ($0.element.snapshot.time, $0.offset) < ($1.element.snapshot.time, $1.offset)
        }.map(\.element)
        var latest: [DedupKey: Int] = [:]
        var observations: [FlightObservation] = []
        for (path, snapshot) in ordered {
            counts.snapshots += 1
            for (index, row) in snapshot.rows.enumerated() {
                counts.rowsRead += 1
                switch RowJudgement.judge(row.state, snapshotTime: snapshot.time, references: references) {
                case .rejected(let reasons):
                    rejected.append(RejectedRow(sourceFile: path, rowIndex: index, snapshotTime: snapshot.time,
                                                rawText: row.rawText, reasons: reasons))
                    counts.countRejection(reasons)
                case .kept(let observation):
                    if let previous = latest[observation.dedupKey] {
                        observations[previous] = observation
                        counts.duplicates += 1
                    } else {
                        latest[observation.dedupKey] = observations.count
                        observations.append(observation)
                    }
                }
            }
        }
        // Sort small keys and gather once: observations are large, and moving them dominated.
        let order = observations.indices.sorted {
            let a = observations[$0], b = observations[$1]
            return (a.icao24, a.observationTime, a.snapshotTime) < (b.icao24, b.observationTime, b.snapshotTime)
        }
        kept = order.map { observations[$0] }
        counts.kept = kept.count
        for observation in kept {
            for flag in observation.qualityFlags { counts.flagCounts[flag.rawValue, default: 0] += 1 }
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
    /// Rejected rows per reason code (a row with two reasons counts under both).
    public var reasonCounts: [String: Int] = [:]
    /// Kept rows per quality flag.
    public var flagCounts: [String: Int] = [:]

    public init() {}

    mutating func countRejection(_ reasons: [RejectReason]) {
        rejectedRows += 1
        for reason in reasons { reasonCounts[reason.rawValue, default: 0] += 1 }
    }
}
