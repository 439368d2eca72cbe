// The hourly aggregate of flights.md §3: every snapshot of one hour, read once, gives the kept
// rows, the rejected rows and the hour's counts. Each snapshot is scanned row by row and every
// row judged while it is still in the scanner's buffer: a kept row goes straight into the
// hour's `HourlyColumns`, a rejected one (about 1 %) into a list with its text and reasons.
// Only the columns stay in memory, never a snapshot's bytes after it is read, never a row as a
// struct of Strings.
//
// Snapshots are taken in time order (then arrival order), so for duplicate observations "the
// last snapshot wins" is well defined; the kept rows come out sorted by (icao24, observation
// time). Nothing is dropped silently: kept + rejected + duplicates = rows read.

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

/// An hour read and judged: the kept rows' columns and the order to write them in, the
/// rejected rows, and the counts.
struct HourlyBatch {
    var columns: HourlyColumns
    /// The kept rows to write, as row numbers of `columns`, sorted by (icao24, observation
    /// time), one per observation.
    var order: [Int32]
    var rejected: [RejectedRow]
    var counts: HourlyCounts
}

/// Builds an hour one snapshot file at a time.
struct HourlyAccumulator {
    private struct Snapshot {
        var time: Int64
        /// This snapshot's kept rows in the columns.
        var rows: Range<Int>
        var rejected: [RejectedRow]
        var rowsRead: Int
    }

    let references: FlightReferences
    private var columns: HourlyColumns
    private var snapshots: [Snapshot] = []

    init(references: FlightReferences) {
        self.references = references
        columns = HourlyColumns(references: references)
    }

    /// Reads the snapshot file `bytes` (at `path`) into the hour and returns its time; a file
    /// rejected whole throws, leaving nothing of it behind.
    mutating func add(path: String, bytes: [UInt8]) throws(SnapshotError) -> Int64 {
        let first = columns.count
        columns.reserve(rows: bytes.count / 100)  // about 125 bytes a row as served
        var scanner = SnapshotScanner(bytes)
        var rejected: [RejectedRow] = []
        var index = 0
        do throws(SnapshotError) {
            while try scanner.nextRow() {
                let time = scanner.time ?? 0  // without a time the file is rejected at the end
                switch scanner.row.judge(snapshotTime: time, references: references) {
                case .kept(let kept):
                    columns.append(scanner.row, kept, snapshotTime: time)
                case .rejected(let problems):
                    rejected.append(RejectedRow(sourceFile: path, rowIndex: index, snapshotTime: time,
                                                rawText: scanner.rowText, problems: problems))
                }
                index += 1
            }
            let time = try scanner.finish()
            snapshots.append(Snapshot(time: time, rows: first..<columns.count, rejected: rejected, rowsRead: index))
            return time
        } catch {
            columns.removeLast(columns.count - first)
            throw error
        }
    }

    /// Takes back the snapshot added last (a file whose time belongs to another hour).
    mutating func removeLast() {
        guard let last = snapshots.popLast() else { return }
        columns.removeLast(last.rows.count)
    }

    /// Orders the snapshots by their own time (then arrival), removes duplicates (the last
    /// snapshot wins) and sorts the kept rows by (icao24, observation time).
    consuming func finish() -> HourlyBatch {
        var counts = HourlyCounts()
        var rejected: [RejectedRow] = []
        // Rank of each snapshot in (time, arrival) order, and of each kept row's snapshot.
        let ranked = snapshots.indices.sorted { (snapshots[$0].time, $0) < (snapshots[$1].time, $1) }
        var rank = [UInt32](repeating: 0, count: columns.count)
        for (position, s) in ranked.enumerated() {
            let snapshot = snapshots[s]
            counts.snapshots += 1
            counts.rowsRead += snapshot.rowsRead
            for row in snapshot.rejected { counts.countRejection(row.reasons) }
            rejected += snapshot.rejected
            for row in snapshot.rows { rank[row] = UInt32(position) }
        }
        let order = Self.latestObservations(columns, rank: rank)
        counts.kept = order.count
        counts.duplicates = columns.count - order.count
        var flagCounts = [Int](repeating: 0, count: QualityFlag.allCases.count)
        for row in order {
            let flags = columns.qualityFlags[Int(row)].rawValue
            for bit in flagCounts.indices where flags & (1 << UInt8(bit)) != 0 { flagCounts[bit] += 1 }
        }
        for (flag, count) in zip(QualityFlag.allCases, flagCounts) where count > 0 { counts.flagCounts[flag.rawValue] = count }
        return HourlyBatch(columns: columns, order: order, rejected: rejected, counts: counts)
    }

    /// The rows to keep, sorted by (icao24, observation time): of rows with the same icao24
    /// and observation time, the one read last when snapshots are taken in `rank` order (and
    /// rows in file order).
    static func latestObservations(_ columns: HourlyColumns, rank: [UInt32]) -> [Int32] {
        struct Key {
            var address: UInt32
            var rank: UInt32
            var time: Int64
            var row: Int32
        }
        var keys: [Key] = []
        keys.reserveCapacity(columns.count)
        for row in 0..<columns.count {
            let time = columns.timePosition.isPresent[row] ? columns.timePosition.values[row] : columns.lastContact[row]
            keys.append(Key(address: columns.icao24[row].value, rank: rank[row], time: time, row: Int32(row)))
        }
        keys.sort { a, b in
            if a.address != b.address { return a.address < b.address }
            if a.time != b.time { return a.time < b.time }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.row < b.row
        }
        var order: [Int32] = []
        order.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() {
            let next = i + 1 < keys.count ? keys[i + 1] : nil
            if let next, next.address == key.address, next.time == key.time { continue }  // a later reading follows
            order.append(key.row)
        }
        return order
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
