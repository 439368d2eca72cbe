// What `lakemake ingest` asks the flight pipeline: is this file a snapshot, and where does it
// go? Snapshots carry the names the original fetchers gave them (`SnapshotFileName.isSnapshot`);
// a file so named must be a readable snapshot, and it lands, under its own name, in
// `raw/flights/date=…/hour=…/` of its own `time`. The name's timestamp is when a fetcher wrote
// the file, which may fall in the next hour, so it only has to be a real date and time; the
// snapshot's `time` is what the flight rules check the folder against. A `time` whose year has
// more than four digits (milliseconds, most likely) is refused: its folder would match no rule.

import LakeBuild

/// The flight pipeline's answer to `ingest`.
public enum FlightsIngest {
    /// The lake-relative destination of the snapshot file `file` (as the user named it), nil
    /// if its name is not a snapshot's.
    public static func destination(file: String, bytes: [UInt8]) throws(FlightsError) -> String? {
        let fileName = String(file.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(file))
        guard SnapshotFileName.isSnapshot(fileName) else { return nil }
        let time: Int64
        do { time = try Snapshot.time(of: bytes) } catch {
            throw .snapshotRejected(file: file, detail: error.detail)
        }
        let year = UTCTime(unixSeconds: time).year
        guard (0...9999).contains(year) else {
            throw .snapshotRejected(file: file, detail: RejectionDetail(
                path: "$.time", message: "'time' \(time) is not unix seconds (it would be the year \(year))"))
        }
        return SnapshotFileName.folder(for: time) + fileName
    }
}
